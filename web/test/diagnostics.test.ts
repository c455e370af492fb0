// Run errors → file and line, from the texts the real guests write (captured from
// GET /api/rooms/{id}/runs against the server).

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { locationsIn, runDiagnostics, sameDiagnostics, traceNames } from '../src/diagnostics'
import { fileNames } from '../src/languages'
import { run } from './fixtures'

const py = fileNames('python')
const js = fileNames('javascript')
const amber = (results: object[]) => run({ light: 'amber', verdict: 'error', results: results as never })

test('a Python syntax error in the solution is marked at its line', () => {
  const r = amber([
    {
      name: 'solution.py',
      status: 'error',
      message: "SyntaxError: expected ':' (solution.py, line 3) (line 3)",
      traceback: '  File "solution.py", line 3\n    def fizzbuzz(n)\n                   ^\nSyntaxError: expected \':\'\n',
      output_truncated: false,
    },
  ])
  const d = runDiagnostics(r, py, 'python')
  assert.deepEqual(d.solution, [{ line: 3, message: "SyntaxError: expected ':' (solution.py, line 3) (line 3)", severity: 'error', source: 'solution.py' }])
  assert.deepEqual(d.tests, [])
})

test('a syntax error in the tests file goes to the tests file', () => {
  const r = amber([{ name: 'test_solution.py', status: 'error', message: 'SyntaxError: invalid syntax (test_solution.py, line 3) (line 3)', output_truncated: false }])
  const d = runDiagnostics(r, py, 'python')
  assert.deepEqual(d.tests.map((x) => x.line), [3])
  assert.deepEqual(d.solution, [], '"test_solution.py" is not "solution.py"')
})

test('JavaScript syntax errors, in either file', () => {
  const sol = amber([{ name: 'solution.js', status: 'error', message: "SyntaxError: unexpected token in expression: '%' (line 2)", traceback: 'solution.js:2\n  return n %% 3\n\nSyntaxError: …\n    at solution.js:2:13\n', output_truncated: false }])
  assert.deepEqual(runDiagnostics(sol, js, 'javascript').solution.map((x) => x.line), [2])
  const tests = amber([{ name: 'solution.test.js', status: 'error', message: "SyntaxError: Unexpected token '}' (line 5)", traceback: 'test_solution.js:5\n})\n^\n', output_truncated: false }])
  const d = runDiagnostics(tests, js, 'javascript')
  assert.deepEqual(d.tests.map((x) => x.line), [5])
  assert.deepEqual(d.solution, [])
})

test('an exception is marked at the innermost frame in our files', () => {
  const pyTrace = 'Traceback (most recent call last):\n  File "test_solution.py", line 4, in test_one\n    assert fizzbuzz(1) == "1"\n  File "solution.py", line 5, in fizzbuzz\n    return helper(n)\n  File "solution.py", line 2, in helper\n    return 1 / 0\nZeroDivisionError: division by zero\n'
  const r = run({ light: 'red', verdict: 'error', results: [{ name: 'test_one', status: 'error', message: 'ZeroDivisionError: division by zero', traceback: pyTrace, output_truncated: false }] })
  assert.deepEqual(runDiagnostics(r, py, 'python').solution.map((x) => x.line), [2])
  const jsTrace = "solution.js:2\n  return n.foo.bar\n\nTypeError: cannot read property 'bar' of undefined\n    at helper (solution.js:2:10)\n    at fizzbuzz (solution.js:5:17)\n    at test_solution.js:4:10\n"
  const j = run({ results: [{ name: 'one', status: 'error', message: 'TypeError: …', traceback: jsTrace, output_truncated: false }] })
  assert.deepEqual(runDiagnostics(j, js, 'javascript').solution.map((x) => x.line), [2])
})

test('failures, passes and hidden cases mark nothing; one mark per line', () => {
  const r = run({
    light: 'red',
    verdict: 'failed',
    results: [
      { name: 'three is fizz', status: 'failed', message: 'expected "Fizz", got "3"', output_truncated: false },
      { name: 'two', status: 'error', message: 'the solution raised an exception or stopped (a hidden case: details are not shown)', output_truncated: false },
      { name: 'a', status: 'error', message: 'E', traceback: 'Traceback (most recent call last):\n  File "solution.py", line 2, in f\n', output_truncated: false },
      { name: 'b', status: 'error', message: 'E', traceback: 'Traceback (most recent call last):\n  File "solution.py", line 2, in f\n', output_truncated: false },
    ],
  })
  assert.deepEqual(runDiagnostics(r, py, 'python').solution.map((x) => x.line), [2])
  assert.deepEqual(runDiagnostics(null, py), { solution: [], tests: [] })
  assert.deepEqual(runDiagnostics(run({ status: 'running' }), py), { solution: [], tests: [] })
})

test('file mentions need a word boundary and may carry a directory', () => {
  const names = traceNames(py, 'python')
  assert.deepEqual(locationsIn('File "/tmp/solution.py", line 7', names), [{ tab: 'solution', line: 7 }])
  assert.deepEqual(locationsIn('File "test_solution.py", line 7', names), [{ tab: 'tests', line: 7 }])
  assert.deepEqual(locationsIn('mysolution.py:3', names), [])
  assert.ok(sameDiagnostics([], []))
  assert.ok(!sameDiagnostics([{ line: 1, message: 'a', severity: 'error' }], [{ line: 2, message: 'a', severity: 'error' }]))
})
