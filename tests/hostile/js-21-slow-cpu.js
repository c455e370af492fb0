// expect: timed_out
export function fizzbuzz(n) {
  let x = 0
  for (let i = 0; i < 1e12; i++) x += i
  return String(x)
}
