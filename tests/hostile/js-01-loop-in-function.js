// expect: timed_out
export function fizzbuzz(n) {
  while (true) {}
}
