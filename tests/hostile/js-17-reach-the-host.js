// expect: error
// Anything host-like: none of it exists in the sandbox. `process` is the runner's
// shim (console-like output, an empty environment, exit as an exception), no more.
export function fizzbuzz(n) {
  const found = [typeof require, typeof fetch, typeof Deno, typeof std, typeof os, typeof process.binding]
  const env = Object.keys(process.env).length
  if (found.every((t) => t === 'undefined') && env === 0) {
    throw new Error('no host to reach: ' + found.join(','))
  }
  return 'reached: ' + found.join(',') + ' env=' + env
}
