// expect: error
export function fizzbuzz(n) {
  throw { toString() { throw new Error('again') } }
}
