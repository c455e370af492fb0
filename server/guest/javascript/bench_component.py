"""Start-up and run costs of guest components, with wasmtime-py (Cranelift).

    build/js-guest/tools/venv/bin/pip install wasmtime==48.0.0   # the host's wasmtime
    build/js-guest/tools/venv/bin/python server/guest/javascript/bench_component.py \\
        build/runner-js.wasm build/runner-js.nowizer.wasm build/runner.wasm

For each component (JavaScript unless the file is named runner.wasm: the Python guest,
for comparison): the time to compile it; the medians over fresh instances of the time
to instantiate, of the first call (`load` of a FizzBuzz solution) and of 100 FizzBuzz
`run-case` calls; the fuel (wasm instructions, a measure that does not depend on the
machine's load) of the first load and of one run-case; and for JavaScript how deep
plain recursion goes before QuickJS throws RangeError or the instance traps, with
wasmtime's default max_wasm_stack (512 KiB) and with 1.9 MiB (wasmtime-py enables
async support, like the host, whose default async_stack_size of 2 MiB bounds it).
"""

import json
import statistics
import sys
import time

import wasmtime
from wasmtime.component import Component, Linker

RUNS = 20

FIZZBUZZ = {
    "js": (
        'export function fizzbuzz(n) {\n  if (n % 15 === 0) return "FizzBuzz";\n'
        '  if (n % 3 === 0) return "Fizz";\n  if (n % 5 === 0) return "Buzz";\n  return String(n);\n}\n'
        "export function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }\n"
    ),
    "py": (
        "def fizzbuzz(n):\n    if n % 15 == 0:\n        return 'FizzBuzz'\n    if n % 3 == 0:\n"
        "        return 'Fizz'\n    if n % 5 == 0:\n        return 'Buzz'\n    return str(n)\n"
    ),
}


def case(fn, n):
    return json.dumps({"module": "solution", "function": fn, "args": [n]})


class Sandbox:
    def __init__(self, path, stack=None, fuel=False):
        cfg = wasmtime.Config()
        if stack:
            cfg.max_wasm_stack = stack
        cfg.consume_fuel = fuel
        self.fuel = fuel
        self.engine = wasmtime.Engine(cfg)
        t = time.perf_counter()
        self.component = Component.from_file(self.engine, path)
        self.compile_s = time.perf_counter() - t
        self.linker = Linker(self.engine)
        self.linker.add_wasip2()

    def instance(self):
        return Guest(self)


class Guest:
    def __init__(self, sandbox):
        self.store = wasmtime.Store(sandbox.engine)
        self.store.set_wasi(wasmtime.WasiConfig())   # deny-all
        if sandbox.fuel:
            self.store.set_fuel(10 ** 12)
        self.instance = sandbox.linker.instantiate(self.store, sandbox.component)
        self.funcs = {n: self.instance.get_func(self.store, n)
                      for n in ("load", "list-tests", "run-test", "run-case")}

    def call(self, name, *args):
        f = self.funcs[name]
        out = f(self.store, *args)
        f.post_return(self.store)
        return out

    def fuel_of(self, name, *args):
        before = self.store.get_fuel()
        out = self.call(name, *args)
        return out, before - self.store.get_fuel()


def ms(seconds):
    return "%.2f ms" % (seconds * 1000)


def max_depth(path, stack):
    sb = Sandbox(path, stack)
    lo, hi, best, deeper = 1, 100_000, 0, ""
    while lo <= hi:
        mid = (lo + hi) // 2
        g = sb.instance()
        g.call("load", "solution", FIZZBUZZ["js"])
        try:
            r = json.loads(g.call("run-case", case("depth", mid)))
            ok, kind = r["status"] == "ok", (r.get("error") or {}).get("type", "ok")
        except Exception:        # a trap ends the instance
            ok, kind = False, "a trap"
        if ok:
            best, lo = mid, mid + 1
        else:
            deeper, hi = kind, mid - 1
    return best, deeper


def measure(path):
    lang = "py" if path.endswith("runner.wasm") else "js"
    sb = Sandbox(path)
    inst, first, cases = [], [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        g = sb.instance()
        t1 = time.perf_counter()
        r = json.loads(g.call("load", "solution", FIZZBUZZ[lang]))
        t2 = time.perf_counter()
        assert r["ok"], r
        for n in range(1, 101):
            v = json.loads(g.call("run-case", case("fizzbuzz", n)))
            assert v["status"] == "ok", v
        t3 = time.perf_counter()
        inst.append(t1 - t0)
        first.append(t2 - t1)
        cases.append(t3 - t2)
    fsb = Sandbox(path, fuel=True)
    g = fsb.instance()
    _, load_fuel = g.fuel_of("load", "solution", FIZZBUZZ[lang])
    g.call("run-case", case("fizzbuzz", 1))
    _, case_fuel = g.fuel_of("run-case", case("fizzbuzz", 15))
    print("%s (%d bytes)" % (path, len(open(path, "rb").read())))
    print("  compile %s; instantiate %s; first call (load) %s; 100 FizzBuzz run-case %s"
          % (ms(sb.compile_s), ms(statistics.median(inst)), ms(statistics.median(first)),
             ms(statistics.median(cases))))
    print("  fuel: first load %d, one run-case %d" % (load_fuel, case_fuel))
    if lang == "js":
        for stack, label in ((None, "512 KiB (default)"), (1900 << 10, "1900 KiB")):
            best, deeper = max_depth(path, stack)
            print("  recursion with max_wasm_stack %s: %d frames (one more: %s)" % (label, best, deeper))


def main():
    for path in sys.argv[1:] or ["build/runner-js.wasm"]:
        measure(path)


if __name__ == "__main__":
    main()
