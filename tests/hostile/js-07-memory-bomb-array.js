// expect: out_of_memory|error
export function fizzbuzz(n) {
  const keep = []
  while (true) keep.push(new Array(1 << 20).fill(n))
}
