// End-to-end smoke test of the built component build/runner-js.wasm outside Rust:
// jco (jco-transpile) turns it into JavaScript + core wasm modules, and Node calls
// the four exports of fresh instances the way the host does. Run from the repo root:
//
//     scripts/build-js-guest.sh            # builds the component, installs jco
//     node --test server/guest/javascript/test_component_smoke.mjs
//
// Skipped, with a message saying why, when the component or jco is not there.
// (RANDORI_JS_GUEST_WASM=... points it at another build.)
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { DEFAULT_WASM } from "./guests.mjs";

const WASM = process.env.RANDORI_JS_GUEST_WASM || DEFAULT_WASM;

function skipReason() {
  if (!fs.existsSync(WASM)) return `${WASM} is not built (run scripts/build-js-guest.sh)`;
  try {
    createRequire(import.meta.url).resolve("@bytecodealliance/jco-transpile");
  } catch {
    return "jco-transpile is not installed (run scripts/build-js-guest.sh, or npm ci in server/guest/javascript)";
  }
  return false;
}

const skip = skipReason();
if (skip) test("the component through jco", { skip }, () => {});

const FIZZBUZZ = `\
export function fizzbuzz(n) {
  if (n % 15 === 0) return "FizzBuzz";
  if (n % 3 === 0) return "Fizz";
  if (n % 5 === 0) return "Buzz";
  return String(n);
}
`;

const TESTS = `\
import { fizzbuzz } from "./solution.js";

describe("fizzbuzz", () => {
  test("three is Fizz", () => {
    expect(fizzbuzz(3)).toBe("Fizz");
  });
  test("five is Fizz", () => {
    expect(fizzbuzz(5)).toBe("Fizz");
  });
});
`;

function expected(n) {
  return n % 15 === 0 ? "FizzBuzz" : n % 3 === 0 ? "Fizz" : n % 5 === 0 ? "Buzz" : String(n);
}

if (!skip) describe("the component through jco", () => {
  let instance;

  test("transpiles and instantiates; exports load, list-tests, run-test, run-case", async () => {
    const { componentGuest } = await import("./guests.mjs");
    const t0 = performance.now();
    instance = await componentGuest(WASM);
    const t1 = performance.now();
    console.log(`first instance (with jco transpile and V8 compile): ${(t1 - t0).toFixed(0)} ms`);
    for (const f of ["load", "listTests", "runTest", "runCase"]) assert.equal(typeof instance[f], "function");
  });

  test("FizzBuzz: load, list-tests, run-test", async () => {
    assert.deepEqual(JSON.parse(await instance.load("solution", FIZZBUZZ)), { ok: true, output: "", output_truncated: false });
    assert.equal(JSON.parse(await instance.load("test_solution", TESTS)).ok, true);
    assert.deepEqual(JSON.parse(await instance.listTests()), ["fizzbuzz > three is Fizz", "fizzbuzz > five is Fizz"]);
    const pass = JSON.parse(await instance.runTest("fizzbuzz > three is Fizz"));
    assert.deepEqual(pass, { name: "fizzbuzz > three is Fizz", status: "passed", message: "", traceback: "",
      output: "", output_truncated: false });
    const fail = JSON.parse(await instance.runTest("fizzbuzz > five is Fizz"));
    assert.equal(fail.status, "failed");
    assert.equal(fail.message, 'expect(received).toBe(expected) // Object.is equality\n\nExpected: "Fizz"\nReceived: "Buzz"');
    assert.ok(fail.traceback.startsWith('test_solution.js:8\n    expect(fizzbuzz(5)).toBe("Fizz");\n'), fail.traceback);
  });

  test("FizzBuzz: 100 cases through run-case", async () => {
    const t0 = performance.now();
    for (let n = 1; n <= 100; n++) {
      const r = JSON.parse(await instance.runCase(JSON.stringify({ module: "solution", function: "fizzbuzz", args: [n] })));
      assert.deepEqual(r, { status: "ok", value: expected(n), output: "", output_truncated: false });
    }
    console.log(`100 run-case calls under V8: ${(performance.now() - t0).toFixed(1)} ms`);
  });

  test("a class case", async () => {
    const { componentGuest } = await import("./guests.mjs");
    const g = await componentGuest(WASM);
    await g.load("solution", "export class Counter {\n  constructor(n) { this.n = n; }\n  add(k) { this.n += k; console.log('n', this.n); return this.n; }\n}\n");
    const r = JSON.parse(await g.runCase(JSON.stringify({ module: "solution", class: "Counter", init: [1],
      calls: [["add", [2]], ["add", [3]]] })));
    assert.deepEqual(r, { status: "ok", values: [3, 6], output: "n 3\nn 6\n", output_truncated: false });
  });

  test("a syntax error: type, line, offset, text", async () => {
    const { componentGuest } = await import("./guests.mjs");
    const g = await componentGuest(WASM);
    const r = JSON.parse(await g.load("solution", "export function fizzbuzz(n) {\n  return n +;\n}\n"));
    assert.equal(r.ok, false);
    assert.equal(r.error.type, "SyntaxError");
    assert.equal(r.error.line, 2);
    assert.equal(r.error.offset, 13);
    assert.equal(r.error.text, "  return n +;");
    assert.ok(r.error.traceback.startsWith("solution.js:2\n  return n +;\n            ^\n"), r.error.traceback);
  });

  test("a thrown error: type, message, line, traceback of user frames", async () => {
    const { componentGuest } = await import("./guests.mjs");
    const g = await componentGuest(WASM);
    await g.load("solution", 'export function fizzbuzz(n) {\n  if (n < 1) throw new RangeError("n must be positive");\n  return String(n);\n}\n');
    const r = JSON.parse(await g.runCase(JSON.stringify({ module: "solution", function: "fizzbuzz", args: [0] })));
    assert.equal(r.status, "error");
    assert.deepEqual(r.values, []);
    assert.equal(r.error.type, "RangeError");
    assert.equal(r.error.message, "n must be positive");
    assert.equal(r.error.line, 2);
    assert.ok(r.error.traceback.includes("    at fizzbuzz (solution.js:2:"), r.error.traceback);
    assert.ok(!r.error.traceback.includes("runner.js"), r.error.traceback);
  });

  test("instances do not share state", async () => {
    const { componentGuest } = await import("./guests.mjs");
    const a = await componentGuest(WASM);
    const b = await componentGuest(WASM);
    await a.load("solution", "export let n = 0;\nexport function inc() { return ++n; }\n");
    await a.runCase(JSON.stringify({ function: "inc", args: [] }));
    assert.equal(JSON.parse(await a.runCase(JSON.stringify({ function: "inc", args: [] }))).value, 2);
    assert.equal(JSON.parse(await b.runCase(JSON.stringify({ function: "inc", args: [] }))).error.type, "ImportError");
  });
});
