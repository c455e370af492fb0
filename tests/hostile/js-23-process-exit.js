// expect: error
export function fizzbuzz(n) {
  process.exit(0)
}
