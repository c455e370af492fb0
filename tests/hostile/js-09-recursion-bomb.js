// expect: error
export function fizzbuzz(n) {
  return fizzbuzz(n + 1)
}
