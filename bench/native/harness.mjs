// A process-per-run judge for JavaScript: what a container-free design that spawns a
// fresh `node` for every submission would pay at the least. The benchmark starts one
// of these per submission (`node harness.mjs`, the job as JSON on stdin): it loads
// the solution, runs the sample, hidden and random cases and compares (float
// tolerance, unordered lists, expected exceptions), like bench/native/harness.py.
// The random cases arrive with their expected values already computed (by the Python
// oracle, once, before timing): node cannot run the kata's Python generator and
// reference, so it does less work per run than Randori, which does all of it.
// No isolation at all: a lower bound on cost, not a design to copy.

let input = ''
for await (const chunk of process.stdin) input += chunk
const job = JSON.parse(input)
const { entry, compare = {}, cases } = job
const tol = compare.float_tolerance ?? 1e-9

function equal(e, a) {
  if (typeof e === 'boolean' || typeof a === 'boolean') return e === a
  if (typeof e === 'number' && typeof a === 'number') {
    if (Number.isInteger(e) && Number.isInteger(a)) return e === a
    return Math.abs(e - a) <= tol * Math.max(1, Math.abs(e), Math.abs(a))
  }
  if (Array.isArray(e) && Array.isArray(a)) return e.length === a.length && e.every((x, i) => equal(x, a[i]))
  if (e && a && typeof e === 'object' && typeof a === 'object') {
    const ke = Object.keys(e)
    return ke.length === Object.keys(a).length && ke.every((k) => k in a && equal(e[k], a[k]))
  }
  return e === a
}

function matches(e, a) {
  if (compare.unordered && Array.isArray(e) && Array.isArray(a)) {
    if (e.length !== a.length) return false
    const claimed = new Array(a.length).fill(false)
    return e.every((x) => {
      const i = a.findIndex((y, j) => !claimed[j] && equal(x, y))
      if (i < 0) return false
      claimed[i] = true
      return true
    })
  }
  return equal(e, a)
}

// As JSON carries it (undefined becomes null, as in the Randori guest).
const plain = (v) => (v === undefined ? null : JSON.parse(JSON.stringify(v) ?? 'null'))

const realLog = console.log
console.log = () => {} // user code may print
const solution = await import('data:text/javascript,' + encodeURIComponent(job.solution))
let passed = 0
let failed = 0
for (const c of cases) {
  let ok
  try {
    if (entry.class) {
      const obj = new solution[entry.class](...(c.init ?? []))
      ok = c.calls.every((call) => {
        const v = plain(obj[call[0]](...call[1]))
        return call.length < 3 || matches(call[2], v)
      })
    } else if (c.raises) {
      try {
        solution[entry.function](...c.args)
        ok = false
      } catch (e) {
        ok = c.message_contains == null || String(e && e.message).includes(c.message_contains)
      }
    } else {
      ok = matches(c.expected, plain(solution[entry.function](...c.args)))
    }
  } catch {
    ok = false
  }
  if (ok) passed++
  else failed++
}
console.log = realLog
console.log(JSON.stringify({ passed, failed, total: cases.length }))
