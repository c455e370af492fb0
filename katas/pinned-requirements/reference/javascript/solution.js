const REQUIREMENT =
  /^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*==\s*(?<version>\S+)$/;
const VERSION =
  /^(?<release>[0-9]+(?:\.[0-9]+)*)(?:(?<preKind>a|b|rc)(?<preNumber>[0-9]+))?(?:\.post(?<post>[0-9]+))?(?:\.dev(?<dev>[0-9]+))?$/;
const PRE_RANK = { a: 0, b: 1, rc: 2 };
// A "#" at the start of the line or after whitespace, and everything after it.
const COMMENT = /(^|\s)#.*/s;

function normalise(name) {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * A key that sorts versions in PEP 440 order (for the subset this kata uses):
 * [release, pre, post, dev], each an array, compared item by item by compareKeys.
 * The numbers are BigInts: a version number may have any number of digits.
 */
function versionKey(text) {
  const { release, preKind, preNumber, post, dev } = VERSION.exec(text).groups;
  const numbers = release.split('.').map(BigInt);
  while (numbers.length > 1 && numbers.at(-1) === 0n) numbers.pop();
  let pre;
  if (preKind) {
    pre = [1, PRE_RANK[preKind], BigInt(preNumber)];
  } else if (dev !== undefined && post === undefined) {
    pre = [0]; // a bare development release: 1.0.dev1 comes before 1.0a1
  } else {
    pre = [2]; // the release itself, or one of its post-releases
  }
  return [
    numbers,
    pre,
    post === undefined ? [0] : [1, BigInt(post)],
    dev === undefined ? [1] : [0, BigInt(dev)],
  ];
}

/** Compare two keys like tuples: item by item, a shorter prefix first (-1, 0 or 1). */
function compareKeys(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = Array.isArray(a[i]) ? compareKeys(a[i], b[i]) : a[i] < b[i] ? -1 : a[i] > b[i] ? 1 : 0;
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

function parse(text) {
  const pins = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.replace(COMMENT, '').trim();
    if (!line) continue;
    const m = REQUIREMENT.exec(line);
    if (!m) throw new Error(`not a requirement: ${JSON.stringify(line)}`);
    pins.set(normalise(m.groups.name), m.groups.version);
  }
  return pins;
}

export function diffRequirements(oldText, newText) {
  const before = parse(oldText);
  const after = parse(newText);
  // The names are ASCII, so the default sort (by UTF-16 code unit) is by character code.
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes = [];
  for (const name of names) {
    if (!after.has(name)) {
      changes.push(`removed ${name} ${before.get(name)}`);
    } else if (!before.has(name)) {
      changes.push(`added ${name} ${after.get(name)}`);
    } else {
      const order = compareKeys(versionKey(after.get(name)), versionKey(before.get(name)));
      if (order > 0) changes.push(`upgraded ${name} ${before.get(name)} -> ${after.get(name)}`);
      if (order < 0) changes.push(`downgraded ${name} ${before.get(name)} -> ${after.get(name)}`);
    }
  }
  return changes;
}
