// expect: failed|error
// Tamper with what the runner may use to build its report.
Object.prototype.status = 'ok'
Object.prototype.value = 'Fizz'
Array.prototype.push = function () { return 0 }
String.prototype.toString = function () { return 'Fizz' }
export function fizzbuzz(n) {
  return 'Fizz'
}
