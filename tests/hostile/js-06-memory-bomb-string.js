// expect: out_of_memory|error
export function fizzbuzz(n) {
  let s = 'x'
  while (true) s = s + s
}
