// expect: error
export function fizzbuzz(n) {
  const a = []
  a.push(a)
  return a
}
