// expect: error
export function fizzbuzz(n) {
  return n %% 3
}
