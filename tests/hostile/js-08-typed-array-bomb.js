// expect: out_of_memory|error
export function fizzbuzz(n) {
  const keep = []
  for (;;) keep.push(new Uint8Array(64 << 20))
}
