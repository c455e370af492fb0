// expect: error|timed_out
export function fizzbuzz(n) {
  return new Promise(() => {})
}
