// A run: one character, then as many copies of it as follow.
const RUN = /(.)\1*/gs;

function readAloud(term) {
  return term.replace(RUN, (run, digit) => `${run.length}${digit}`);
}

export function lookAndSay(term, steps) {
  for (let i = 0; i < steps; i++) {
    term = readAloud(term);
  }
  return term;
}
