// expect: failed|error
// The expected values are never in the guest: nothing to find.
export function fizzbuzz(n) {
  const seen = Object.getOwnPropertyNames(globalThis).join(',')
  return seen.includes('expected') ? 'found' : 'nothing'
}
