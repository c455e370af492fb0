// Tests of the JavaScript guest (runner.js), the counterpart of
// server/guest/python/test_runner_native.py. Run from the repo root:
//
//     node --experimental-vm-modules --test server/guest/javascript/test_runner_native.mjs
//
// (plain `node --test` works too: the file then re-runs itself with the flag, as one
// test). Every test goes through the JSON entry points (the strings the component
// returns), on runner.js in a fresh `vm` context per test. The same tests run against
// the built component instead (QuickJS-NG in wasm, through jco), a fresh instance per
// test, with
//
//     RANDORI_JS_GUEST_WASM=build/runner-js.wasm node --test server/guest/javascript/test_runner_native.mjs
//
// Messages that come from the engine itself (V8 or QuickJS) are only checked for
// their type; messages the runner writes are checked exactly.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { componentGuest, hasVmModules, nativeGuest } from "./guests.mjs";

const WASM = process.env.RANDORI_JS_GUEST_WASM;
const CAP = 8 * 1024;

if (!WASM && !hasVmModules) {
  // node --test without --experimental-vm-modules: run this file again with it.
  test("runner.js native tests (run again with --experimental-vm-modules)", () => {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath,
      ["--experimental-vm-modules", "--no-warnings", "--test", "--test-reporter=spec", fileURLToPath(import.meta.url)],
      { encoding: "utf8", env });
    if (r.status !== 0) assert.fail(r.stdout + r.stderr);
    const summary = /# pass (\d+)|ℹ pass (\d+)/.exec(r.stdout);
    if (summary) console.log(`runner.js native tests: ${summary[1] || summary[2]} passed`);
  });
} else {
  defineTests();
}

async function newGuest() {
  return WASM ? componentGuest(WASM) : nativeGuest();
}

function parse(text) {
  assert.equal(typeof text, "string");
  assert.equal(Buffer.from(text, "utf8").toString("utf8"), text, "reply must be valid Unicode");
  assert.ok(!/\\ud[89a-f][0-9a-f]{2}/i.test(text.replace(/\\\\/g, "")), "no lone surrogate escapes");
  return JSON.parse(text);
}

// A guest plus the checks every reply must pass.
async function guest() {
  const g = await newGuest();
  return {
    g,
    async load(name, source, ok = true) {
      const r = parse(await g.load(name, source));
      assert.ok("output" in r && "output_truncated" in r, JSON.stringify(r));
      if (ok !== null) assert.equal(r.ok, ok, JSON.stringify(r));
      return r;
    },
    async listTests() {
      return parse(await g.listTests());
    },
    async runTest(name) {
      const r = parse(await g.runTest(name));
      assert.deepEqual(Object.keys(r).sort(), ["message", "name", "output", "output_truncated", "status", "traceback"]);
      assert.equal(r.name, name);
      return r;
    },
    async runCase(spec) {
      const r = parse(await g.runCase(JSON.stringify({ module: "solution", ...spec })));
      assert.ok(["ok", "error"].includes(r.status), JSON.stringify(r));
      assert.ok("output" in r && "output_truncated" in r);
      return r;
    },
    async raw(spec) {
      return parse(await g.runCase(spec));
    },
  };
}

function assertNoRunnerFrames(tb) {
  assert.ok(!tb.includes("runner.js"), tb);
  assert.ok(!tb.includes("node:"), tb);
  assert.ok(!tb.includes("_test.js") && !tb.includes("_assert"), tb);
}

const FIZZBUZZ = `\
export function fizzbuzz(n) {
  if (n % 15 === 0) return "FizzBuzz";
  if (n % 3 === 0) return "Fizz";
  if (n % 5 === 0) return "Buzz";
  return String(n);
}
`;

function defineTests() {
  describe("plain tests", () => {
    test("passing", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      await t.load("test_solution", 'import { fizzbuzz } from "./solution.js";\n' +
        'test("three", () => {\n  expect(fizzbuzz(3)).toBe("Fizz");\n});\n');
      assert.deepEqual(await t.listTests(), ["three"]);
      const r = await t.runTest("three");
      assert.equal(r.status, "passed");
      assert.equal(r.message, "");
      assert.equal(r.traceback, "");
    });

    test("a failure shows expected and received values and the line", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      await t.load("test_solution", 'import { fizzbuzz } from "./solution.js";\n\n' +
        'test("three", () => {\n  expect(fizzbuzz(3)).toBe("Buzz");\n});\n');
      const r = await t.runTest("three");
      assert.equal(r.status, "failed");
      assert.equal(r.message, 'expect(received).toBe(expected) // Object.is equality\n\nExpected: "Buzz"\nReceived: "Fizz"');
      assert.ok(r.traceback.startsWith('test_solution.js:4\n  expect(fizzbuzz(3)).toBe("Buzz");\n'), r.traceback);
      assert.match(r.traceback, /\n {4}at .*test_solution\.js:4:\d+/);
      assertNoRunnerFrames(r.traceback);
    });

    test("expect matchers and .not", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      await t.load("test_solution", `\
import { fizzbuzz } from "./solution.js";
test("not", () => { expect(fizzbuzz(1)).not.toBe("1"); });
test("equal", () => { expect([1, 2, 3, 4]).toEqual([1, 2, 5, 4]); });
test("object", () => { expect({ a: [1, { b: 2 }] }).toEqual({ a: [1, { b: 3 }] }); });
test("toBe on objects", () => { expect({ a: 1 }).toBe({ a: 1 }); });
test("equal passes", () => { expect({ a: [1, 2], b: undefined }).toEqual({ a: [1, 2] }); });
test("strict", () => { expect({ a: [1, 2], b: undefined }).toStrictEqual({ a: [1, 2] }); });
test("throws", () => { expect(() => { throw new TypeError("bad thing"); }).toThrow("bad"); });
test("throws class", () => { expect(() => { throw new TypeError("bad"); }).toThrow(RangeError); });
test("does not throw", () => { expect(() => 1).toThrow(); });
test("not throw", () => { expect(() => { throw new Error("boom"); }).not.toThrow(); });
test("misc", () => {
  expect(null).toBeNull(); expect(undefined).toBeUndefined(); expect(1).toBeDefined();
  expect(NaN).toBeNaN(); expect("").toBeFalsy(); expect([1]).toBeTruthy();
  expect([1, 2, 3]).toContain(2); expect("abc").toContain("b"); expect([{ a: 1 }]).toContainEqual({ a: 1 });
  expect([1, 2]).toHaveLength(2); expect(0.1 + 0.2).toBeCloseTo(0.3);
  expect(3).toBeGreaterThan(2); expect(3).toBeLessThanOrEqual(3); expect("Fizz").toMatch(/^F/);
  expect(new Map()).toBeInstanceOf(Map); expect({ a: { b: 1 } }).toHaveProperty("a.b", 1);
  expect(() => { throw new Error("x"); }).toThrowError(/x/);
});
test("less", () => { expect(5).toBeLessThan(3); });
test("resolves", async () => { await expect(Promise.resolve(2)).resolves.toBe(3); });
test("rejects", async () => { await expect(Promise.reject(new Error("no"))).rejects.toThrow("no"); });
`);
      const msg = async (name) => (await t.runTest(name)).message;
      assert.equal(await msg("not"), 'expect(received).not.toBe(expected) // Object.is equality\n\nExpected: not "1"');
      assert.equal(await msg("equal"), "expect(received).toEqual(expected) // deep equality\n\n" +
        "Expected: [1, 2, 5, 4]\nReceived: [1, 2, 3, 4]\n\nFirst difference at [2]: received 3, expected 5");
      assert.ok((await msg("object")).endsWith("First difference at .a[1].b: received 2, expected 3"));
      assert.ok((await msg("toBe on objects")).includes('replace "toBe" with "toStrictEqual"'));
      assert.equal((await t.runTest("equal passes")).status, "passed");
      assert.equal((await t.runTest("strict")).status, "failed");
      assert.equal((await t.runTest("throws")).status, "passed");
      assert.equal(await msg("throws class"), "expect(received).toThrow(expected)\n\nExpected constructor: RangeError\n" +
        'Error name:    "TypeError"\nError message: "bad"');
      assert.equal(await msg("does not throw"), "expect(received).toThrow()\n\nReceived function did not throw");
      assert.equal(await msg("not throw"), 'expect(received).not.toThrow()\n\nReceived function threw\n' +
        'Error name:    "Error"\nError message: "boom"');
      assert.deepEqual(await t.runTest("misc"), { name: "misc", status: "passed", message: "", traceback: "",
        output: "", output_truncated: false });
      assert.equal(await msg("less"), "expect(received).toBeLessThan(expected)\n\nExpected: < 3\nReceived: 5");
      assert.ok((await msg("resolves")).includes('Expected: 3\nReceived: 2'));
      assert.equal((await t.runTest("rejects")).status, "passed");
    });

    test("node:assert forms", async () => {
      const t = await guest();
      await t.load("solution", "export const calls = [];\nexport function f(x) {\n  calls.push(x);\n  return x;\n}\n" + FIZZBUZZ);
      await t.load("test_solution", `\
import assert from "node:assert";
import { strict } from "node:assert";
import * as solution from "./solution.js";
import { f, fizzbuzz } from "solution";

test("ok", () => {
  assert.ok(fizzbuzz(3) === "Buzz");
});
test("plain", () => {
  assert(f(1) === 2);
});
test("multi-line", () => {
  assert(
    fizzbuzz(5) === "Fizz",
  );
});
test("equal", () => { assert.equal(fizzbuzz(3), "Buzz"); });
test("loose", () => { assert.equal(1, "1"); });
test("strictEqual", () => { assert.strictEqual(fizzbuzz(3), "Buzz"); });
test("deep", () => { assert.deepStrictEqual(f([1, 2, 3, 4]), [1, 2, 5, 4]); });
test("deep loose", () => { assert.deepEqual({ a: 1 }, { a: "1" }); });
test("strict namespace", () => { strict.equal(1, "1"); });
test("counted", () => { assert.deepStrictEqual(solution.calls, [1, [1, 2, 3, 4]]); });
test("throws", () => { assert.throws(() => { throw new TypeError("x"); }, TypeError); assert.throws(() => null.x); });
test("throws wrong", () => { assert.throws(() => { throw new TypeError("x"); }, { message: "y" }); });
test("does not throw", () => { assert.throws(() => 1); });
test("match", () => { assert.match("Fizz", /^B/); });
test("notEqual", () => { assert.notStrictEqual(1, 1); });
test("fail", () => { assert.fail("no way"); });
test("with message", () => { assert.strictEqual(1, 2, "one is not two"); });
test("rejects", async () => { await assert.rejects(Promise.reject(new RangeError("r")), RangeError); });
`);
      const msg = async (name) => (await t.runTest(name)).message;
      assert.equal(await msg("ok"), 'The expression evaluated to a falsy value:\n\n  assert.ok(fizzbuzz(3) === "Buzz")');
      assert.equal(await msg("plain"), "The expression evaluated to a falsy value:\n\n  assert(f(1) === 2)");
      assert.equal(await msg("multi-line"), 'The expression evaluated to a falsy value:\n\n  assert( fizzbuzz(5) === "Fizz", )');
      assert.equal(await msg("equal"), "'Fizz' == 'Buzz'");
      assert.equal((await t.runTest("loose")).status, "passed");
      assert.equal(await msg("strictEqual"), "Expected values to be strictly equal:\n\n'Fizz' !== 'Buzz'");
      assert.equal(await msg("deep"), "Expected values to be strictly deep-equal:\n\nactual:   [ 1, 2, 3, 4 ]\n" +
        "expected: [ 1, 2, 5, 4 ]\n\nFirst difference at [2]: actual 3, expected 5");
      assert.equal((await t.runTest("deep loose")).status, "passed");
      assert.equal((await t.runTest("strict namespace")).status, "failed");
      assert.equal((await t.runTest("counted")).status, "passed");   // each argument was evaluated once
      assert.equal((await t.runTest("throws")).status, "passed");
      assert.equal(await msg("throws wrong"), 'The error did not match the expected property message: "y"\n\n' +
        'Error name:    "TypeError"\nError message: "x"');
      assert.equal(await msg("does not throw"), "Missing expected exception.");
      assert.ok((await msg("match")).startsWith("The input did not match the regular expression /^B/."));
      assert.equal((await t.runTest("notEqual")).status, "failed");
      assert.equal(await msg("fail"), "no way");
      assert.equal(await msg("with message"), "one is not two");
      assert.equal((await t.runTest("rejects")).status, "passed");
    });

    test("an error is status error with Type: message and user frames only", async () => {
      const t = await guest();
      await t.load("solution", "export function div(a, b) {\n  return a.b.c / b;\n}\n");
      await t.load("test_solution", 'import { div } from "./solution.js";\n' +
        'test("div", () => {\n  expect(div(1, 0)).toBe(1);\n});\n');
      const r = await t.runTest("div");
      assert.equal(r.status, "error");
      assert.ok(r.message.startsWith("TypeError: "), r.message);
      assert.ok(r.traceback.startsWith("solution.js:2\n  return a.b.c / b;\n"), r.traceback);
      assert.match(r.traceback, /at div \(solution\.js:2:\d+\)\n {4}at .*test_solution\.js:3:\d+/);
      assertNoRunnerFrames(r.traceback);
    });

    test("unknown test names", async () => {
      const t = await guest();
      await t.load("test_solution", 'test("a", () => {});\n');
      for (const name of ["b", "a > a", "A"]) {
        const r = await t.runTest(name);
        assert.equal(r.status, "error");
        assert.ok(r.message.includes("no test named"), r.message);
      }
    });

    test("no test module", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      await t.load("test_solution", 'throw new Error("broken");\n', false);
      assert.deepEqual(await t.listTests(), []);
      assert.equal((await t.runTest("x")).status, "error");
    });

    test("async tests are awaited; a promise that never settles is an error", async () => {
      const t = await guest();
      await t.load("test_solution", `\
test("ok", async () => { await null; expect(1).toBe(1); });
test("fails", async () => { await Promise.resolve(); expect(1).toBe(2); });
test("rejects", () => Promise.reject(new RangeError("late")));
test("hangs", () => new Promise(() => {}));
test("generator", function* () {});
test("inner hangs", async () => { await null; await expect(new Promise(() => {})).resolves.toBe(1); });
test("inner settles late", async () => {
  await null;
  const p = Promise.resolve().then(() => null).then(() => { throw new RangeError("late"); });
  await assert.rejects(p, RangeError);
  await expect(Promise.resolve(1).then((x) => x + 1)).resolves.toBe(2);
});
`);
      assert.equal((await t.runTest("ok")).status, "passed");
      assert.equal((await t.runTest("fails")).status, "failed");
      const r = await t.runTest("rejects");
      assert.equal(r.status, "error");
      assert.equal(r.message, "RangeError: late");
      const h = await t.runTest("hangs");
      assert.equal(h.status, "error");
      assert.equal(h.message, "UnsettledPromise: hangs returned a promise that never settled " +
        "(the sandbox has no timers or I/O, so nothing could settle it)");
      assert.equal((await t.runTest("generator")).status, "error");
      const inner = await t.runTest("inner hangs");
      assert.deepEqual([inner.status, inner.message], ["failed",
        "expect(received).resolves.toBe()\n\nReceived promise never settled"]);
      assert.equal((await t.runTest("inner settles late")).status, "passed");
      // the instance still works after the hang
      assert.equal((await t.runTest("ok")).status, "passed");
    });
  });

  describe("syntax errors", () => {
    test("a syntax error has its line, offset and text", async () => {
      const t = await guest();
      const r = await t.load("solution", "export function ok() {}\n\nfunction f(x {\n  return x;\n}\n", false);
      const e = r.error;
      assert.equal(e.type, "SyntaxError");
      assert.equal(e.line, 3);
      assert.equal(typeof e.offset, "number");
      assert.equal(e.text, "function f(x {");
      assert.ok(e.traceback.startsWith("solution.js:3\nfunction f(x {\n"), e.traceback);
      assert.ok(e.traceback.includes("SyntaxError: " + e.message));
      assertNoRunnerFrames(e.traceback);
    });

    test("in a test module", async () => {
      const t = await guest();
      const r = await t.load("test_solution", 'test("a", () => {\n  expect(1).toBe(1)\n);\n', false);
      assert.equal(r.error.type, "SyntaxError");
      assert.equal(r.error.line, 3);
    });

    test("a failed load forgets the module", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      await t.load("solution", "export function broken( {\n", false);
      const r = await t.load("test_solution", 'import { fizzbuzz } from "./solution.js";\n', false);
      assert.equal(r.error.type, "ModuleNotFoundError");
      assert.equal(r.error.message, "module './solution.js' is not loaded (did it fail to load?)");
      assert.equal(r.error.line, 1);
    });

    test("a runtime error at import", async () => {
      const t = await guest();
      const r = await t.load("solution", "const x = 1;\nconst y = undefinedThing;\n", false);
      assert.equal(r.error.type, "ReferenceError");
      assert.equal(r.error.line, 2);
      assert.ok(r.error.traceback.startsWith("solution.js:2\nconst y = undefinedThing;\n"), r.error.traceback);
    });
  });

  describe("describe, hooks, skip, only, each", () => {
    const TESTS = `\
import { fizzbuzz } from "./solution.js";

test("plain b", () => { expect(fizzbuzz(1)).toBe("1"); });

describe("Zeta", () => {
  let n;
  beforeEach(() => { n = 15; console.log("beforeEach"); });
  afterEach(() => { console.log("afterEach"); });

  test("b fails", () => { expect(fizzbuzz(n)).toBe("Fizz"); });
  test("a passes", () => { expect(fizzbuzz(n)).toBe("FizzBuzz"); });
  test("c errors", () => { ({}).missing.x; });
  test.skip("d skipped", () => {});
  test.todo("e todo");
  describe("inner", () => {
    beforeEach(() => { console.log("inner beforeEach"); });
    it("deep", () => { expect(n).toBe(15); });
  });
});

test("plain a", () => {});

describe("Alpha", () => {
  let shared = 0;
  beforeAll(() => { shared += 5; console.log("beforeAll"); });
  afterAll(() => { console.log("afterAll"); });
  test("shared", () => { expect(shared).toBe(5); });
  test.each([[3, "Fizz"], [5, "Buzz"], [7, "Seven"]])("fizzbuzz(%i) is %s", (n, want) => {
    expect(fizzbuzz(n)).toBe(want);
  });
  test("a", () => {});
  test("a", () => { throw new Error("second"); });
});
`;

    test("discovery order and names", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      await t.load("test_solution", TESTS);
      assert.deepEqual(await t.listTests(), [
        "plain b",
        "Zeta > b fails", "Zeta > a passes", "Zeta > c errors", "Zeta > d skipped", "Zeta > e todo",
        "Zeta > inner > deep",
        "plain a",
        "Alpha > shared", "Alpha > fizzbuzz(3) is Fizz", "Alpha > fizzbuzz(5) is Buzz",
        "Alpha > fizzbuzz(7) is Seven", "Alpha > a", "Alpha > a (2)",
      ]);
    });

    test("results", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      await t.load("test_solution", TESTS);
      let r = await t.runTest("Zeta > a passes");
      assert.equal(r.status, "passed");
      assert.equal(r.output, "beforeEach\nafterEach\n");
      r = await t.runTest("Zeta > b fails");
      assert.equal(r.status, "failed");
      assert.equal(r.message, 'expect(received).toBe(expected) // Object.is equality\n\nExpected: "Fizz"\nReceived: "FizzBuzz"');
      assert.ok(r.traceback.startsWith("test_solution.js:10\n"), r.traceback);
      r = await t.runTest("Zeta > c errors");
      assert.equal(r.status, "error");
      assert.ok(r.message.startsWith("TypeError: "), r.message);
      r = await t.runTest("Zeta > d skipped");
      assert.deepEqual([r.status, r.message, r.output], ["passed", "skipped", ""]);
      r = await t.runTest("Zeta > e todo");
      assert.deepEqual([r.status, r.message], ["passed", "skipped: todo"]);
      r = await t.runTest("Zeta > inner > deep");
      assert.equal(r.status, "passed");
      assert.equal(r.output, "beforeEach\ninner beforeEach\nafterEach\n");
      r = await t.runTest("Alpha > shared");
      assert.equal(r.status, "passed");
      assert.equal(r.output, "beforeAll\nafterAll\n");
      assert.equal((await t.runTest("Alpha > fizzbuzz(5) is Buzz")).status, "passed");
      assert.equal((await t.runTest("Alpha > fizzbuzz(7) is Seven")).status, "failed");
      assert.equal((await t.runTest("Alpha > a (2)")).message, "Error: second");
    });

    test("hook errors and several failures", async () => {
      const t = await guest();
      await t.load("test_solution", `\
describe("T", () => {
  beforeEach(() => { throw new RangeError("setup broke"); });
  test("a", () => { console.log("never"); });
});
describe("U", () => {
  afterEach(() => { expect(1).toBe(2); });
  test("b", () => { expect(1).toBe(3); });
});
`);
      let r = await t.runTest("T > a");
      assert.equal(r.status, "error");
      assert.equal(r.message, "RangeError: setup broke");
      assert.equal(r.output, "");
      r = await t.runTest("U > b");
      assert.equal(r.status, "failed");
      assert.ok(r.message.endsWith("\n(and 1 more failure(s) in this test)"), r.message);
    });

    test("only, node:test style, skip at run time", async () => {
      const t = await guest();
      await t.load("test_solution", `\
import { test as t, describe as d, it } from "node:test";
import assert from "node:assert/strict";
t("one", () => {});
d("group", () => { it.only("two", () => { assert.equal(1, 1); }); });
t("three", { skip: "not today" }, () => {});
t("four", (ctx) => { ctx.skip("later"); });
`);
      assert.deepEqual(await t.listTests(), ["group > two"]);
      assert.equal((await t.runTest("group > two")).status, "passed");
      assert.deepEqual([(await t.runTest("three")).message, (await t.runTest("four")).message],
        ["skipped: not today", "skipped: later"]);
    });

    test("vitest and @jest/globals imports", async () => {
      const t = await guest();
      await t.load("test_solution", `\
import { describe, it, expect } from "vitest";
import { test } from "@jest/globals";
describe("v", () => { it("works", () => { expect(1 + 1).toBe(2); }); });
test("j", () => { expect([1]).toEqual([1]); });
`);
      assert.equal((await t.runTest("v > works")).status, "passed");
      assert.equal((await t.runTest("j")).status, "passed");
    });

    test("test() outside a test module is an error", async () => {
      const t = await guest();
      const r = await t.load("solution", 'test("x", () => {});\n', false);
      assert.equal(r.error.type, "Error");
      assert.ok(r.error.message.includes("can only be called while a test module"));
    });
  });

  describe("imports", () => {
    test("a package that is not there", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ);
      const r = await t.load("test_solution", 'import { fizzbuzz } from "./solution.js";\nimport _ from "lodash";\n', false);
      assert.equal(r.error.type, "ModuleNotFoundError");
      assert.equal(r.error.message, "module 'lodash' is not available in the Randori sandbox. " +
        "Importable modules: ./solution.js, node:assert, node:test");
      assert.equal(r.error.line, 2);
      assert.ok(r.error.traceback.startsWith("test_solution.js:2\nimport _ from \"lodash\";\n"), r.error.traceback);
    });

    test("node built-ins are refused", async () => {
      const t = await guest();
      for (const src of ['import fs from "node:fs";\n', 'import os from "os";\n', 'import "child_process";\n',
        'export const p = import("node:fs");\nawait p;\n', 'import x from "../solution.js";\n', 'import "runner";\n']) {
        const r = await t.load("solution", src, false);
        assert.equal(r.error.type, "ModuleNotFoundError", src);
        assert.ok(r.error.message.includes("Randori sandbox"), src);
      }
    });

    test("the natural import forms", async () => {
      const t = await guest();
      await t.load("solution", FIZZBUZZ + "export default function answer() { return 42; }\n");
      for (const spec of ["./solution.js", "./solution", "solution", "solution.js", "./solution.mjs", "/solution.js"]) {
        await t.load("test_solution", `import { fizzbuzz } from "${spec}";\ntest("x", () => { expect(fizzbuzz(3)).toBe("Fizz"); });\n`);
        assert.equal((await t.runTest("x")).status, "passed", spec);
      }
      await t.load("test_solution", 'import * as sol from "./solution.js";\nimport answer from "./solution.js";\n' +
        'test("x", async () => {\n  const again = await import("./solution.js");\n' +
        '  expect([sol.fizzbuzz(5), answer(), again.fizzbuzz(15)]).toEqual(["Buzz", 42, "FizzBuzz"]);\n});\n');
      assert.equal((await t.runTest("x")).status, "passed");
    });

    test("CommonJS gets a hint", async () => {
      const t = await guest();
      let r = await t.load("solution", "function f() {}\nmodule.exports = { f };\n", false);
      assert.equal(r.error.type, "ReferenceError");
      assert.ok(r.error.message.includes("this sandbox runs ES modules"), r.error.message);
      r = await t.load("solution", 'const { f } = require("./x");\n', false);
      assert.ok(r.error.message.includes("this sandbox runs ES modules"), r.error.message);
    });

    test("load replaces a module", async () => {
      const t = await guest();
      await t.load("solution", "export function f() { return 1; }\n");
      assert.equal((await t.runCase({ function: "f", args: [] })).value, 1);
      await t.load("solution", "export function f() { return 2; }\n");
      assert.equal((await t.runCase({ function: "f", args: [] })).value, 2);
      await t.load("test_solution", 'import { f } from "./solution.js";\ntest("f", () => { expect(f()).toBe(2); });\n');
      assert.equal((await t.runTest("f")).status, "passed");
    });

    test("invalid module names", async () => {
      const t = await guest();
      for (const name of ["assert", "a.b", "", "_x", "bad name", "1a", "x".repeat(65), "node"]) {
        const r = await t.load(name, "export const x = 1;\n", false);
        assert.equal(r.error.type, "ValueError", name);
      }
    });
  });

  describe("output", () => {
    test("capture", async () => {
      const t = await guest();
      await t.load("solution", `\
console.log("at import");
export function f() {
  console.log("out", 1, { a: [1, "x"] });
  console.error("err");
  process.stdout.write("raw\\n");
  console.log("%s is %d", "six", 6);
  return 1;
}
`);
      const r = await t.runCase({ function: "f", args: [] });
      assert.equal(r.output, "out 1 { a: [ 1, 'x' ] }\nerr\nraw\nsix is 6\n");
      assert.equal(r.output_truncated, false);
      const r2 = await t.load("solution", 'console.log("at import");\n');
      assert.equal(r2.output, "at import\n");
    });

    test("truncation", async () => {
      const t = await guest();
      await t.load("solution", `\
export function f(n) { for (let i = 0; i < n; i++) console.log("y".repeat(1000)); }
export function huge() { console.log("z".repeat(5_000_000)); return "done"; }
export function utf8() { console.log("é".repeat(10_000)); }
export function emoji() { console.log("a" + "😀".repeat(5000)); }
`);
      let r = await t.runCase({ function: "f", args: [8] });
      assert.equal(r.output.length, 8 * 1001);
      assert.equal(r.output_truncated, false);
      r = await t.runCase({ function: "f", args: [9] });
      assert.equal(Buffer.byteLength(r.output), CAP);
      assert.equal(r.output_truncated, true);
      r = await t.runCase({ function: "huge", args: [] });
      assert.equal(r.value, "done");
      assert.equal(r.output, "z".repeat(CAP));
      assert.equal(r.output_truncated, true);
      r = await t.runCase({ function: "utf8", args: [] });
      assert.equal(r.output, "é".repeat(CAP / 2));
      assert.equal(r.output_truncated, true);
      r = await t.runCase({ function: "emoji", args: [] });
      assert.equal(r.output, "a" + "😀".repeat((CAP - 1) >> 2));
      assert.equal(r.output_truncated, true);
    });

    test("output is per call", async () => {
      const t = await guest();
      await t.load("solution", "export function f(x) { console.log(x); return x; }\n");
      assert.equal((await t.runCase({ function: "f", args: ["a"] })).output, "a\n");
      assert.equal((await t.runCase({ function: "f", args: ["b"] })).output, "b\n");
    });

    test("lone surrogates print as ?", async () => {
      const t = await guest();
      await t.load("solution", 'export function f() { console.log("a\\ud800b"); return 1; }\n');
      assert.equal((await t.runCase({ function: "f", args: [] })).output, "a?b\n");
    });

    test("a test's output", async () => {
      const t = await guest();
      await t.load("test_solution", 'test("p", () => { console.log("hello"); });\n');
      assert.equal((await t.runTest("p")).output, "hello\n");
    });

    test("replacing console does not stick", async () => {
      const t = await guest();
      await t.load("solution", 'console.log = () => {};\nglobalThis.console = { log() {} };\n' +
        'export function f() { console.log("seen"); return 1; }\n');
      assert.equal((await t.runCase({ function: "f", args: [] })).output, "seen\n");
    });

    test("console formatting is Node's", async () => {
      const t = await guest();
      await t.load("solution", `\
class Point { constructor() { this.x = 1; this.y = 2; } }
export function f() {
  console.log([1, [2, [3, [4]]]], { s: "it's" }, null, undefined, -0, 10n, [ , 1]);
  console.log(new Map([["a", 1]]), new Set([1]), new Point(), Symbol("s"), function named() {}, () => {});
  console.log("%o|%j|%i|%%", { a: 1 }, { b: 2 }, 4.7);
}
`);
      const out = (await t.runCase({ function: "f", args: [] })).output.split("\n");
      assert.equal(out[0], "[ 1, [ 2, [ 3, [Array] ] ] ] { s: \"it's\" } null undefined -0 10n [ <1 empty item>, 1 ]");
      assert.equal(out[1], "Map(1) { 'a' => 1 } Set(1) { 1 } Point { x: 1, y: 2 } Symbol(s) [Function: named] [Function: (anonymous)]");
      assert.equal(out[2], '{ a: 1 }|{"b":2}|4|%');
    });
  });

  describe("return values", () => {
    const SOLUTION = `\
class Loop { toString() { for (;;) {} } toJSON() { for (;;) {} } }
export class Point { constructor() { this.x = 1; } }
export function ok() { return { a: [1, 2.5, null, true, "é"], b: [1, [2, 3]], c: {}, d: undefined, e: -0 }; }
export function nothing() {}
export function aSet() { return new Set([1, 2]); }
export function aMap() { return new Map(); }
export function aDate() { return new Date(0); }
export function cyclic() { const x = [1]; x.push(x); return x; }
export function cyclicObject() { const d = {}; d.me = [d]; return d; }
export function shared() { const x = [1, 2]; return [x, x]; }
export function looping() { return new Loop(); }
export function nestedLoop() { return [1, { k: new Loop() }]; }
export function nan() { return NaN; }
export function inf() { return [-Infinity]; }
export function fn() { return fizz; }
function fizz() {}
export function deep(n) { let v = []; for (let i = 0; i < n; i++) v = [v]; return v; }
export function big() { return "x".repeat(2 * 1024 * 1024); }
export function blowup() { let v = [1]; for (let i = 0; i < 60; i++) v = [v, v]; return v; }
export function surrogate() { return "\\udc80"; }
export function bigint() { return [10n ** 30n, -5n]; }
export function tooBig() { return [-(10n ** 5000n)]; }
export function getter() { return { get x() { throw new Error("must not be called"); } }; }
export function boxed() { return [new Number(3), new String("s"), Object(true)]; }
export function nullProto() { const o = Object.create(null); o.k = 1; return o; }
export function symbol() { return Symbol("s"); }
export async function later() { await null; return [1, 2]; }
export function promised() { return Promise.resolve("p"); }
export function rejected() { return Promise.reject(new RangeError("nope")); }
export function hangs() { return new Promise(() => {}); }
export function numbers() { return [1e21, 0.1, 2 ** 53, 3.0]; }
`;

    async function setup() {
      const t = await guest();
      await t.load("solution", SOLUTION);
      return t;
    }

    async function error(t, fn) {
      const r = await t.runCase({ function: fn, args: [] });
      assert.equal(r.status, "error", JSON.stringify(r));
      assert.equal(r.error.type, "ReturnValueError", JSON.stringify(r));
      assert.deepEqual(r.values, []);
      return r.error.message;
    }

    test("JSON values", async () => {
      const t = await setup();
      assert.deepEqual(await t.runCase({ function: "ok", args: [] }), { status: "ok",
        value: { a: [1, 2.5, null, true, "é"], b: [1, [2, 3]], c: {}, e: 0 }, output: "", output_truncated: false });
      assert.equal((await t.runCase({ function: "nothing", args: [] })).value, null);
      assert.deepEqual((await t.runCase({ function: "shared", args: [] })).value, [[1, 2], [1, 2]]);
      assert.deepEqual((await t.runCase({ function: "boxed", args: [] })).value, [3, "s", true]);
      assert.deepEqual((await t.runCase({ function: "nullProto", args: [] })).value, { k: 1 });
      assert.deepEqual((await t.runCase({ function: "later", args: [] })).value, [1, 2]);
      assert.equal((await t.runCase({ function: "promised", args: [] })).value, "p");
      assert.equal((await t.runCase({ function: "deep", args: [99] })).status, "ok");
      // integers stay exact, as JSON text
      const text = await t.g.runCase(JSON.stringify({ function: "bigint", args: [] }));
      assert.ok(text.includes('"value":[1000000000000000000000000000000,-5]'), text);
      const nums = await t.g.runCase(JSON.stringify({ function: "numbers", args: [] }));
      assert.ok(nums.includes('"value":[1e+21,0.1,9007199254740992,3]'), nums);
    });

    test("values that are not JSON", async () => {
      const t = await setup();
      assert.equal(await error(t, "aSet"), "aSet() returned a Set; return an array instead ([...set])");
      assert.equal(await error(t, "aMap"), "aMap() returned a Map; return a plain object (Object.fromEntries(map)) or an array of pairs instead");
      assert.equal(await error(t, "aDate"), "aDate() returned a Date; return a string (date.toISOString()) or a number instead");
      assert.equal(await error(t, "cyclic"), "cyclic() returned a cyclic structure (an array that contains itself at [1])");
      assert.equal(await error(t, "cyclicObject"), "cyclicObject() returned a cyclic structure (an object that contains itself at .me[0])");
      assert.equal(await error(t, "nan"), "nan() returned NaN; JSON has no NaN or Infinity");
      assert.equal(await error(t, "inf"), "inf() returned a value containing -Infinity at [0]; JSON has no NaN or Infinity");
      assert.equal(await error(t, "fn"), "fn() returned a function; did you forget to call it?");
      assert.equal(await error(t, "symbol"), "symbol() returned a symbol; return null, a boolean, a number, a string, an array or a plain object");
      assert.equal(await error(t, "surrogate"), "surrogate() returned a string that is not valid Unicode (lone surrogate)");
      assert.equal(await error(t, "tooBig"), "tooBig() returned an integer at [0] with more than 4300 digits; return a string instead");
      assert.ok((await error(t, "big")).includes("too large (more than 1024 KiB as JSON)"));
      assert.ok((await error(t, "blowup")).includes("too large"));
      assert.equal(await error(t, "getter"), "getter() returned an object with a getter at .x; return plain data");
      const r = await t.runCase({ function: "deep", args: [150] });
      assert.equal(r.error.message, "deep() return value is nested too deeply (more than 100 levels)");
      const p = await t.runCase({ function: "rejected", args: [] });
      assert.deepEqual([p.error.type, p.error.message], ["RangeError", "nope"]);
      const h = await t.runCase({ function: "hangs", args: [] });
      assert.equal(h.error.type, "UnsettledPromise");
    });

    test("hostile objects are never stringified", async () => {
      const t = await setup();
      assert.equal(await error(t, "looping"), "looping() returned a Loop object; return null, a boolean, a number, " +
        "a string, an array or a plain object");
      assert.equal(await error(t, "nestedLoop"), "nestedLoop() returned a value containing a Loop object at [1].k; " +
        "return null, a boolean, a number, a string, an array or a plain object");
      assert.equal(await error(t, "looping"), await error(t, "looping"));
    });
  });

  describe("cases", () => {
    const BOWLING = `\
export class BowlingGame {
  constructor(frames = 10) {
    this.frames = frames;
    this.rolls = [];
  }

  roll(pins) {
    if (pins < 0) throw new RangeError(\`negative pins: \${pins}\`);
    console.log("roll", pins);
    this.rolls.push(pins);
  }

  score() {
    return this.rolls.reduce((a, b) => a + b, 0);
  }

  bad() { return new Set([this.score()]); }
}

export function fail(x) {
  throw new RangeError("refused " + x);
}
class Hidden {}
function hidden() {}
export const notAFunction = 3;
`;

    async function setup() {
      const t = await guest();
      await t.load("solution", BOWLING);
      return t;
    }

    test("function case", async () => {
      const t = await setup();
      await t.load("solution", FIZZBUZZ);
      assert.deepEqual(await t.runCase({ function: "fizzbuzz", args: [15] }),
        { status: "ok", value: "FizzBuzz", output: "", output_truncated: false });
    });

    test("a function that throws", async () => {
      const t = await setup();
      const r = await t.runCase({ function: "fail", args: [3] });
      assert.equal(r.status, "error");
      assert.deepEqual([r.error.type, r.error.message, r.error.line], ["RangeError", "refused 3", 21]);
      assert.ok(r.error.traceback.startsWith("solution.js:21\n"), r.error.traceback);
      assert.match(r.error.traceback, /at fail \(solution\.js:21:\d+\)/);
      assertNoRunnerFrames(r.error.traceback);
      assert.deepEqual(r.values, []);
    });

    test("class case", async () => {
      const t = await setup();
      const r = await t.runCase({ class: "BowlingGame", init: [], calls: [["roll", [3]], ["roll", [4]], ["score", []]] });
      assert.equal(r.status, "ok", JSON.stringify(r));
      assert.deepEqual(r.values, [null, null, 7]);
      assert.equal(r.output, "roll 3\nroll 4\n");
    });

    test("an error in the middle keeps the values so far", async () => {
      const t = await setup();
      const r = await t.runCase({ class: "BowlingGame", init: [5],
        calls: [["roll", [3]], ["score", []], ["roll", [-1]], ["score", []]] });
      assert.equal(r.status, "error");
      assert.deepEqual(r.values, [null, 3]);
      assert.deepEqual([r.error.type, r.error.message], ["RangeError", "negative pins: -1"]);
    });

    test("a bad return value in the middle", async () => {
      const t = await setup();
      const r = await t.runCase({ class: "BowlingGame", init: [], calls: [["roll", [2]], ["bad", []], ["score", []]] });
      assert.equal(r.status, "error");
      assert.deepEqual(r.values, [null]);
      assert.deepEqual([r.error.type, r.error.message], ["ReturnValueError", "bad() returned a Set; return an array instead ([...set])"]);
    });

    test("missing entry points", async () => {
      const t = await setup();
      let r = await t.runCase({ function: "nope", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["AttributeError", "solution.js exports no function named 'nope'"]);
      r = await t.runCase({ function: "hidden", args: [] });
      assert.equal(r.error.message, "solution.js exports no function named 'hidden' (it is defined but not exported: " +
        "write `export function hidden`)");
      r = await t.runCase({ class: "Hidden", init: [], calls: [] });
      assert.ok(r.error.message.endsWith("write `export class Hidden`)"), r.error.message);
      r = await t.runCase({ class: "Nope", init: [], calls: [] });
      assert.equal(r.error.type, "AttributeError");
      r = await t.runCase({ class: "BowlingGame", init: [], calls: [["nope", []]] });
      assert.deepEqual([r.error.type, r.error.message], ["AttributeError", "BowlingGame object has no method 'nope'"]);
      r = await t.runCase({ function: "notAFunction", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["TypeError", "'notAFunction' in solution.js is 3, not a function"]);
      r = await t.runCase({ class: "fail", init: [], calls: [] });
      assert.equal(r.error.type, "RangeError");   // a plain function is a constructor too
      r = await t.runCase({ module: "reference", function: "f", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["ImportError", "module 'reference' is not loaded"]);
    });

    test("bad specs", async () => {
      const t = await setup();
      for (const spec of ["{not json", '{"module": "solution", "args": []}', '{"function": "fail", "args": 3}',
        '[1]', '{"class": "BowlingGame", "calls": [["roll"]]}']) {
        const r = await t.raw(spec);
        assert.equal(r.error.type, "InvalidSpec", spec);
        assert.deepEqual(r.values, []);
      }
    });

    test("generator and reference modules", async () => {
      const t = await setup();
      await t.load("generator", `\
export function generate(seed, count) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, () => ({ args: [1 + (next() % 100)] }));
}
`);
      await t.load("reference", FIZZBUZZ);
      const a = await t.runCase({ module: "generator", function: "generate", args: [7, 3] });
      const b = await t.runCase({ module: "generator", function: "generate", args: [7, 3] });
      assert.deepEqual(a.value, b.value);
      assert.equal(a.value.length, 3);
      const r = await t.runCase({ module: "reference", function: "fizzbuzz", args: [a.value[0].args[0]] });
      assert.equal(r.status, "ok");
    });

    test("default-exported objects and functions", async () => {
      const t = await guest();
      await t.load("solution", "export default { fizzbuzz(n) { return n % 3 ? String(n) : 'Fizz'; } };\n");
      assert.equal((await t.runCase({ function: "fizzbuzz", args: [3] })).value, "Fizz");
      await t.load("solution", "export default function fizzbuzz(n) { return 'x' + n; }\n");
      assert.equal((await t.runCase({ function: "fizzbuzz", args: [3] })).value, "x3");
    });
  });

  describe("hostile code", () => {
    test("process.exit is an error, not the end", async () => {
      const t = await guest();
      let r = await t.load("solution", "process.exit(3);\n", false);
      assert.deepEqual([r.error.type, r.error.message], ["ProcessExit", "called process.exit(3)"]);
      await t.load("solution", "export function f() { process.exit(); }\n");
      r = await t.runCase({ function: "f", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["ProcessExit", "called process.exit()"]);
      await t.load("test_solution", 'test("a", () => { process.exit(4); });\n');
      r = await t.runTest("a");
      assert.deepEqual([r.status, r.message], ["error", "ProcessExit: called process.exit(4)"]);
      await t.load("solution", "export function f() { return 'alive'; }\n");
      assert.equal((await t.runCase({ function: "f", args: [] })).value, "alive");
    });

    test("thrown values that are not errors", async () => {
      const t = await guest();
      await t.load("solution", `\
export function str() { throw "oops"; }
export function obj() { throw { code: 1 }; }
export function nul() { throw null; }
`);
      let r = await t.runCase({ function: "str", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["Uncaught", "'oops'"]);
      r = await t.runCase({ function: "obj", args: [] });
      assert.equal(r.error.type, "Object");
      r = await t.runCase({ function: "nul", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["Uncaught", "null"]);
    });

    test("errors with hostile properties", async () => {
      const t = await guest();
      await t.load("solution", `\
class Bad extends Error {
  get message() { throw new Error("no message for you"); }
  get name() { throw new Error("no name"); }
}
export function f() { throw new Bad(); }
export class Custom extends Error {}
export function g() { throw new Custom("mine"); }
export function h() { const e = new Error("outer", { cause: new TypeError("inner") }); throw e; }
`);
      let r = await t.runCase({ function: "f", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["Bad", ""]);
      r = await t.runCase({ function: "g", args: [] });
      assert.deepEqual([r.error.type, r.error.message], ["Custom", "mine"]);
      r = await t.runCase({ function: "h", args: [] });
      assert.ok(r.error.traceback.includes("[cause]: TypeError: inner"), r.error.traceback);
    });

    test("runaway recursion", async () => {
      const t = await guest();
      await t.load("solution", "export function f(n) { return f(n + 1); }\nexport function g() { return 1; }\n");
      const r = await t.runCase({ function: "f", args: [0] });
      assert.equal(r.error.type, "RangeError");
      assert.ok(r.error.traceback.includes("[the frame above repeated"), r.error.traceback);
      assert.ok(r.error.traceback.length < 9000);
      assert.equal((await t.runCase({ function: "g", args: [] })).value, 1);
    });

    test("Math.random and Date work", async () => {
      const t = await guest();
      await t.load("solution", "export function f() { const x = Math.random(); return [x >= 0 && x < 1, Date.now() > 0]; }\n");
      assert.deepEqual((await t.runCase({ function: "f", args: [] })).value, [true, true]);
    });

    test("the warm-up (the component's build-time self-test) passes", { skip: !!WASM }, async () => {
      const g = nativeGuest();
      const statuses = await g.runner.warmUp();
      assert.ok(statuses.includes("passed") && statuses.includes("failed") && statuses.includes("error"));
      assert.equal(await g.listTests(), "[]");
    });
  });
}
