// expect: error
import * as os from 'os'
export function fizzbuzz(n) {
  return String(os)
}
