// expect: timed_out|error
// A microtask queue that refills itself: the job loop never drains.
function again() {
  Promise.resolve().then(again)
}
export function fizzbuzz(n) {
  again()
  return String(n)
}
