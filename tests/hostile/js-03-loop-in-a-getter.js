// expect: timed_out|error
// The returned object's getter never ends: whoever serializes it runs forever.
export function fizzbuzz(n) {
  return {
    get value() {
      while (true) {}
    },
    toJSON() {
      while (true) {}
    },
  }
}
