// expect: error|out_of_memory
export function fizzbuzz(n) {
  return 'x'.repeat(200 << 20)
}
