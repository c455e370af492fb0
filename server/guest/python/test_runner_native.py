"""Tests of the Python guest (runner.py).

Run natively from the repo root (plain CPython >= 3.11, no dependencies):

    python3 -m unittest server/guest/python/test_runner_native.py

Every test goes through the JSON entry points (the strings the component returns).
The same tests can run against the built component instead, through wasmtime-py
(`.venv/bin/pip install wasmtime`, version >= 39 for its component API):

    RANDORI_GUEST_WASM=build/runner.wasm .venv/bin/python -m unittest \
        server/guest/python/test_runner_native.py

(there each test gets a fresh instance, with deny-all WASI and a fuel budget).
"""

import json
import os
import signal
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

WASM = os.environ.get("RANDORI_GUEST_WASM")

if WASM:
    runner = None
    import wasmtime
    from wasmtime.component import Component, Linker

    _cfg = wasmtime.Config()
    _cfg.consume_fuel = True
    _engine = wasmtime.Engine(_cfg)
    _component = Component.from_file(_engine, WASM)
    _linker = Linker(_engine)
    _linker.add_wasip2()
else:
    import runner

CAP = 8 * 1024
ALLOWED = (
    "math", "re", "collections", "itertools", "functools", "heapq", "bisect",
    "fractions", "decimal", "statistics", "random", "typing", "dataclasses", "enum",
    "datetime", "string", "textwrap", "unicodedata", "array", "copy", "operator",
    "cmath", "json", "unittest", "traceback", "ast", "io", "sys", "time",
)


class NativeGuest:
    """Calls runner.py's JSON entry points in this process."""

    def __init__(self):
        # A fresh "instance": forget the user modules earlier tests loaded.
        for name in list(runner._user_modules):
            runner._forget(name)

    def load(self, name, source):
        return runner.load_json(name, source)

    def list_tests(self):
        return runner.list_tests_json()

    def run_test(self, name):
        return runner.run_test_json(name)

    def run_case(self, spec):
        return runner.run_case_json(spec)


class ComponentGuest:
    """Calls the exports of build/runner.wasm in a fresh wasmtime instance."""

    def __init__(self):
        self.store = wasmtime.Store(_engine)
        self.store.set_wasi(wasmtime.WasiConfig())   # deny-all
        self.store.set_fuel(20_000_000_000)
        inst = _linker.instantiate(self.store, _component)
        self.funcs = {n: inst.get_func(self.store, n)
                      for n in ("load", "list-tests", "run-test", "run-case")}

    def _call(self, name, *args):
        f = self.funcs[name]
        out = f(self.store, *args)
        f.post_return(self.store)
        return out

    def load(self, name, source):
        return self._call("load", name, source)

    def list_tests(self):
        return self._call("list-tests")

    def run_test(self, name):
        return self._call("run-test", name)

    def run_case(self, spec):
        return self._call("run-case", spec)


class GuestTestCase(unittest.TestCase):
    def setUp(self):
        self.guest = ComponentGuest() if WASM else NativeGuest()

    # JSON in, JSON out: also checks every answer is valid JSON text.
    def _json(self, text):
        self.assertIsInstance(text, str)
        text.encode("utf-8")        # must be valid Unicode (no lone surrogates)
        return json.loads(text)

    def load(self, name, source, ok=True):
        r = self._json(self.guest.load(name, source))
        self.assertIn("output", r)
        self.assertIn("output_truncated", r)
        if ok is not None:
            self.assertEqual(r["ok"], ok, r)
        return r

    def list_tests(self):
        return self._json(self.guest.list_tests())

    def run_test(self, name):
        r = self._json(self.guest.run_test(name))
        self.assertEqual(set(r), {"name", "status", "message", "traceback",
                                  "output", "output_truncated"})
        self.assertEqual(r["name"], name)
        return r

    def run_case(self, **spec):
        spec.setdefault("module", "solution")
        r = self._json(self.guest.run_case(json.dumps(spec)))
        self.assertIn(r["status"], ("ok", "error"))
        self.assertIn("output", r)
        self.assertIn("output_truncated", r)
        return r

    def assertNoRunnerFrames(self, tb):
        self.assertNotIn("runner.py", tb)
        self.assertNotIn("unittest", tb.replace("import unittest", ""))


FIZZBUZZ = '''\
def fizzbuzz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)
'''


class PlainTests(GuestTestCase):
    def test_passing(self):
        self.load("solution", FIZZBUZZ)
        self.load("test_solution", "from solution import fizzbuzz\n"
                                   "def test_three():\n    assert fizzbuzz(3) == 'Fizz'\n")
        self.assertEqual(self.list_tests(), ["test_three"])
        r = self.run_test("test_three")
        self.assertEqual(r["status"], "passed")
        self.assertEqual(r["message"], "")
        self.assertEqual(r["traceback"], "")

    def test_failing_shows_compared_values(self):
        self.load("solution", FIZZBUZZ)
        self.load("test_solution", "from solution import fizzbuzz\n\n"
                                   "def test_three():\n    assert fizzbuzz(3) == 'Buzz'\n")
        r = self.run_test("test_three")
        self.assertEqual(r["status"], "failed")
        self.assertEqual(r["message"], "assert 'Fizz' == 'Buzz'\n  where 'Fizz' = fizzbuzz(3)")
        self.assertIn('File "test_solution.py", line 4, in test_three', r["traceback"])
        self.assertIn("assert fizzbuzz(3) == 'Buzz'", r["traceback"])
        self.assertNoRunnerFrames(r["traceback"])

    def test_assert_rewrite_forms(self):
        self.load("solution", "calls = []\ndef f(x):\n    calls.append(x)\n    return x\n")
        self.load("test_solution", '''\
import solution
from solution import f

def test_once():
    assert f(1) == f(2)

def test_counted():
    assert solution.calls == [1, 2], "custom message"

def test_in():
    assert 3 in [1, 2]

def test_value():
    assert not f([1])

def test_chained():
    x = 5
    assert 1 < x < 3

def test_list_diff():
    assert [1, 2, 3, 4] == [1, 2, 5, 4]

class TestInClass:
    pass

import unittest
class T(unittest.TestCase):
    def test_mangling_safe(self):
        assert self.id() is None
''')
        r = self.run_test("test_once")
        self.assertEqual(r["message"], "assert 1 == 2\n  where 1 = f(1)\n  where 2 = f(2)")
        r = self.run_test("test_counted")     # each side was evaluated exactly once
        self.assertEqual(r["status"], "passed", r)
        self.assertEqual(self.run_test("test_in")["message"], "assert 3 in [1, 2]")
        self.assertEqual(self.run_test("test_value")["message"],
                         "assert False\n  where False = not f([1])")
        self.assertEqual(self.run_test("test_chained")["message"],
                         "assert False\n  where False = 1 < x < 3")
        self.assertIn("first difference at index 2: 3 != 5",
                      self.run_test("test_list_diff")["message"])
        r = self.run_test("T.test_mangling_safe")
        self.assertEqual(r["status"], "failed", r)
        self.assertTrue(r["message"].startswith("assert 'test_solution.T.test_mangling_safe' is None"), r)

    def test_assert_with_message_kept(self):
        self.load("solution", "")
        self.load("test_solution", "def test_m():\n    assert 1 == 2, 'one is not two'\n")
        r = self.run_test("test_m")
        self.assertEqual(r["status"], "failed")
        self.assertEqual(r["message"], "one is not two")

    def test_erroring(self):
        self.load("solution", "def div(a, b):\n    return a / b\n")
        self.load("test_solution", "from solution import div\n"
                                   "def test_div():\n    assert div(1, 0) == 1\n")
        r = self.run_test("test_div")
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["message"], "ZeroDivisionError: division by zero")
        tb = r["traceback"]
        self.assertIn('File "test_solution.py", line 3, in test_div', tb)
        self.assertIn('File "solution.py", line 2, in div', tb)
        self.assertTrue(tb.rstrip().endswith("ZeroDivisionError: division by zero"), tb)
        self.assertNoRunnerFrames(tb)

    def test_unknown_test_name(self):
        self.load("test_solution", "def test_a():\n    pass\n")
        for name in ("test_b", "Nope.test_a", "test_a.x"):
            r = self.run_test(name)
            self.assertEqual(r["status"], "error")
            self.assertIn("no test named", r["message"])

    def test_no_test_module(self):
        self.load("solution", FIZZBUZZ)
        self.load("test_solution", "raise ValueError('broken')\n", ok=False)
        self.assertEqual(self.list_tests(), [])
        self.assertEqual(self.run_test("test_x")["status"], "error")

    def test_async_test_is_an_error(self):
        self.load("test_solution", "async def test_a():\n    pass\n")
        r = self.run_test("test_a")
        self.assertEqual(r["status"], "error")


class SyntaxErrors(GuestTestCase):
    def test_syntax_error(self):
        r = self.load("solution", "def ok():\n    pass\n\ndef f(x:\n    return x\n", ok=False)
        e = r["error"]
        self.assertEqual(e["type"], "SyntaxError")
        self.assertEqual(e["line"], 4)
        self.assertIsInstance(e["offset"], int)
        self.assertEqual(e["text"], "def f(x:")
        self.assertIn("line 4", e["message"])
        self.assertIn('File "solution.py", line 4', e["traceback"])
        self.assertIn("def f(x:", e["traceback"])
        self.assertNoRunnerFrames(e["traceback"])

    def test_indentation_error_in_tests(self):
        r = self.load("test_solution", "def test_a():\nassert 1\n", ok=False)
        self.assertEqual(r["error"]["type"], "IndentationError")
        self.assertEqual(r["error"]["line"], 2)

    def test_failed_load_forgets_the_module(self):
        self.load("solution", FIZZBUZZ)
        self.load("solution", "def broken(:\n", ok=False)
        r = self.load("test_solution", "from solution import fizzbuzz\n", ok=False)
        self.assertEqual(r["error"]["type"], "ModuleNotFoundError")
        self.assertIn("'solution' is not loaded", r["error"]["message"])

    def test_runtime_error_at_import(self):
        r = self.load("solution", "x = 1\ny = undefined_thing\n", ok=False)
        self.assertEqual(r["error"]["type"], "NameError")
        self.assertIn('File "solution.py", line 2, in <module>', r["error"]["traceback"])


class UnittestClasses(GuestTestCase):
    TESTS = '''\
import unittest
from solution import fizzbuzz

def test_plain_b():
    assert fizzbuzz(1) == "1"

class TestZeta(unittest.TestCase):
    def setUp(self):
        self.n = 15
        print("setUp")

    def tearDown(self):
        print("tearDown")

    def test_b_fails(self):
        self.assertEqual(fizzbuzz(self.n), "Fizz")

    def test_a_passes(self):
        self.assertEqual(fizzbuzz(self.n), "FizzBuzz")

    def test_c_errors(self):
        {}["missing"]

    @unittest.skip("not yet")
    def test_d_skipped(self):
        pass

    def helper(self):
        pass

def test_plain_a():
    pass

class TestAlpha(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.shared = 5

    def test_shared(self):
        self.assertEqual(self.shared, 5)

    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 1)

class Helper:
    def test_not_collected(self):
        pass
'''

    def setUp(self):
        super().setUp()
        self.load("solution", FIZZBUZZ)
        self.load("test_solution", self.TESTS)

    def test_discovery_order(self):
        self.assertEqual(self.list_tests(), [
            "test_plain_b", "test_plain_a",
            "TestZeta.test_a_passes", "TestZeta.test_b_fails", "TestZeta.test_c_errors",
            "TestZeta.test_d_skipped",
            "TestAlpha.test_shared", "TestAlpha.test_subtests",
        ])

    def test_results(self):
        r = self.run_test("TestZeta.test_a_passes")
        self.assertEqual(r["status"], "passed")
        self.assertEqual(r["output"], "setUp\ntearDown\n")

        r = self.run_test("TestZeta.test_b_fails")
        self.assertEqual(r["status"], "failed")
        self.assertEqual(r["message"], "'FizzBuzz' != 'Fizz'\n- FizzBuzz\n+ Fizz\n")
        self.assertIn('File "test_solution.py", line 16, in test_b_fails', r["traceback"])
        self.assertNoRunnerFrames(r["traceback"])

        r = self.run_test("TestZeta.test_c_errors")
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["message"], "KeyError: 'missing'")

        r = self.run_test("TestZeta.test_d_skipped")
        self.assertEqual(r["status"], "passed")
        self.assertEqual(r["message"], "skipped: not yet")

        self.assertEqual(self.run_test("TestAlpha.test_shared")["status"], "passed")
        r = self.run_test("TestAlpha.test_subtests")
        self.assertEqual(r["status"], "failed")
        self.assertIn("1 not less than 1", r["message"])

        self.assertEqual(self.run_test("TestZeta.helper")["status"], "error")
        self.assertEqual(self.run_test("Helper.test_not_collected")["status"], "error")

    def test_setup_error(self):
        self.load("test_solution", '''\
import unittest
class T(unittest.TestCase):
    def setUp(self):
        raise RuntimeError("setup broke")
    def test_a(self):
        pass
''')
        r = self.run_test("T.test_a")
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["message"], "RuntimeError: setup broke")


class Imports(GuestTestCase):
    def test_disallowed_import(self):
        r = self.load("solution", "import numpy as np\n", ok=False)
        e = r["error"]
        self.assertEqual(e["type"], "ModuleNotFoundError")
        self.assertTrue(e["message"].startswith(
            "module 'numpy' is not available in the Randori sandbox. "
            "Allowed modules: math, re, collections, "), e["message"])
        self.assertIn(", sys, time", e["message"])
        self.assertIn('File "solution.py", line 1', e["traceback"])

    def test_os_and_friends_are_refused(self):
        for src in ("import os\n", "from os import path\n", "import os.path\n",
                    "import subprocess\n", "import importlib\n", "import builtins\n",
                    "__import__('socket')\n", "import runner\n", "from . import x\n",
                    "import unittest.mock\n", "import wit_world\n"):
            r = self.load("solution", src, ok=False)
            self.assertIn(r["error"]["type"], ("ModuleNotFoundError", "ImportError"), src)
            self.assertIn("Randori sandbox", r["error"]["message"], src)

    def test_every_allowed_module_imports_and_works(self):
        src = "".join("import %s\n" % m for m in ALLOWED) + '''\
from collections import Counter, deque, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import List, Optional
from functools import lru_cache
from fractions import Fraction
from decimal import Decimal

@dataclass(frozen=True)
class P:
    x: int

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def check():
    return [
        math.isqrt(17), re.findall(r"\\d", "a1b2"), Counter("aab")["a"],
        list(itertools.accumulate([1, 2, 3])), heapq.nlargest(1, [1, 3, 2]),
        bisect.bisect([1, 2, 3], 2), str(Fraction(1, 3) * 3), str(Decimal("0.1") * 3),
        statistics.median([3, 1, 2]), random.Random(1).randint(1, 1),
        P(1).x, enum.Enum("E", "A B").B.value, datetime.date(2024, 2, 28).isoformat(),
        string.digits, textwrap.shorten("hello world", 8), unicodedata.category("A"),
        array.array("b", [1]).tolist(), copy.copy([1]), operator.add(1, 2),
        cmath.phase(-1) > 3, json.dumps([1]), ast.literal_eval("(1,)")[0],
        io.StringIO("x").read(), sys.maxsize > 0, time.time() > 0, fib(30),
        traceback.format_exception_only(ValueError("v"))[-1],
        typing.get_origin(List[int]) is list, isinstance([], Iterable),
        deque([1]).pop(), defaultdict(int)["k"],
    ]
'''
        self.load("solution", src)
        r = self.run_case(function="check", args=[])
        self.assertEqual(r["status"], "ok", r)
        self.assertEqual(r["value"], [
            4, ["1", "2"], 2, [1, 3, 6], [3], 2, "1", "0.3", 2, 1, 1, 2, "2024-02-28",
            "0123456789", "[...]", "Lu", [1], [1], 3, True, "[1]", 1, "x", True, True,
            832040, "ValueError: v\n", True, True, 1, 0])

    def test_user_modules_are_importable(self):
        self.load("solution", "VALUE = 41\n")
        self.load("test_solution", "import solution\nfrom solution import VALUE\n"
                                   "def test_v():\n    assert VALUE + 1 == 42\n")
        self.assertEqual(self.run_test("test_v")["status"], "passed")

    def test_load_replaces_module(self):
        self.load("solution", "def f():\n    return 1\n")
        self.assertEqual(self.run_case(function="f", args=[])["value"], 1)
        self.load("solution", "def f():\n    return 2\n")
        self.assertEqual(self.run_case(function="f", args=[])["value"], 2)
        self.load("test_solution", "from solution import f\ndef test_f():\n    assert f() == 2\n")
        self.assertEqual(self.run_test("test_f")["status"], "passed")

    def test_invalid_module_name(self):
        for name in ("json", "sys", "runner", "os", "a.b", "", "_x", "bad name"):
            r = self.load(name, "x = 1\n", ok=False)
            self.assertEqual(r["error"]["type"], "ValueError", name)


class Output(GuestTestCase):
    def test_capture(self):
        self.load("solution", "import sys\nprint('at import')\n"
                              "def f():\n    print('out')\n    sys.stderr.write('err\\n')\n"
                              "    print('x', file=sys.__stdout__)\n    return 1\n")
        r = self.run_case(function="f", args=[])
        self.assertEqual(r["output"], "out\nerr\nx\n")
        self.assertFalse(r["output_truncated"])
        r = self.load("solution", "print('at import')\n")
        self.assertEqual(r["output"], "at import\n")

    def test_truncation(self):
        self.load("solution", "def f(n):\n    for _ in range(n):\n        print('y' * 1000)\n"
                              "def huge():\n    print('z' * 50_000_000)\n    return 'done'\n"
                              "def utf8():\n    print('é' * 10_000)\n")
        r = self.run_case(function="f", args=[8])
        self.assertEqual(len(r["output"]), 8 * 1001)
        self.assertFalse(r["output_truncated"])
        r = self.run_case(function="f", args=[9])
        self.assertEqual(len(r["output"].encode()), CAP)
        self.assertTrue(r["output_truncated"])
        r = self.run_case(function="huge", args=[])
        self.assertEqual(r["value"], "done")
        self.assertEqual(r["output"], "z" * CAP)
        self.assertTrue(r["output_truncated"])
        r = self.run_case(function="utf8", args=[])
        self.assertEqual(r["output"], "é" * (CAP // 2))
        self.assertTrue(r["output_truncated"])

    def test_output_is_per_call(self):
        self.load("solution", "def f(x):\n    print(x)\n    return x\n")
        self.assertEqual(self.run_case(function="f", args=["a"])["output"], "a\n")
        self.assertEqual(self.run_case(function="f", args=["b"])["output"], "b\n")

    def test_lone_surrogate_output_stays_valid(self):
        self.load("solution", "def f():\n    print('a\\ud800b')\n    return 1\n")
        r = self.run_case(function="f", args=[])
        self.assertEqual(r["output"], "a?b\n")

    def test_test_output(self):
        self.load("test_solution", "def test_p():\n    print('hello')\n")
        r = self.run_test("test_p")
        self.assertEqual(r["output"], "hello\n")


class ReturnValues(GuestTestCase):
    SOLUTION = '''\
import math

class Loop:
    def __str__(self):
        while True:
            pass
    __repr__ = __str__
    def __eq__(self, other):
        while True:
            pass
    __hash__ = object.__hash__

class Evil(list):
    def __iter__(self):
        raise RuntimeError("must not be called")
    def __len__(self):
        raise RuntimeError("must not be called")

class Key(str):
    def __hash__(self):
        raise RuntimeError("must not be called")

def ok():
    return {"a": [1, 2.5, None, True, "é"], "b": (1, (2, 3)), "c": {}}

def a_set():
    return {1, 2}

def cyclic():
    x = [1]
    x.append(x)
    return x

def cyclic_dict():
    d = {}
    d["me"] = [d]
    return d

def shared():
    x = [1, 2]
    return [x, x]

def looping_str():
    return Loop()

def nested_loop():
    return [1, {"k": Loop()}]

def nan():
    return math.nan

def inf():
    return [float("-inf")]

def int_key():
    return {1: "a"}

def deep(n):
    v = []
    for _ in range(n):
        v = [v]
    return v

def big():
    return "x" * (2 * 1024 * 1024)

def blowup():
    v = [1]
    for _ in range(60):
        v = [v, v]
    return v

def evil():
    return Evil([1, 2])

def subclasses():
    return [Key("k"), True, 3, 2.0]

def gen():
    return (i for i in range(3))

def surrogate():
    return "\\udc80"

def huge_int():
    return 10 ** 100

def too_huge_int():
    return [-(10 ** 5000)]
'''

    def setUp(self):
        super().setUp()
        self.load("solution", self.SOLUTION)

    def error(self, function):
        r = self.run_case(function=function, args=[])
        self.assertEqual(r["status"], "error", r)
        self.assertEqual(r["error"]["type"], "ReturnValueError", r)
        self.assertEqual(r["values"], [])
        return r["error"]["message"]

    def test_ok_values(self):
        r = self.run_case(function="ok", args=[])
        self.assertEqual(r, {"status": "ok", "value": {"a": [1, 2.5, None, True, "é"],
                                                        "b": [1, [2, 3]], "c": {}},
                             "output": "", "output_truncated": False})
        self.assertEqual(self.run_case(function="shared", args=[])["value"], [[1, 2], [1, 2]])
        self.assertEqual(self.run_case(function="evil", args=[])["value"], [1, 2])
        self.assertEqual(self.run_case(function="subclasses", args=[])["value"],
                         ["k", True, 3, 2.0])
        self.assertEqual(self.run_case(function="huge_int", args=[])["value"], 10 ** 100)
        self.assertEqual(self.run_case(function="deep", args=[99])["status"], "ok")

    def test_bad_values(self):
        self.assertEqual(self.error("a_set"), "a_set() returned a set; return a list instead")
        self.assertIn("cyclic structure", self.error("cyclic"))
        self.assertIn("cyclic structure", self.error("cyclic_dict"))
        self.assertEqual(self.error("nan"),
                         "nan() returned nan; JSON has no NaN or Infinity")
        self.assertIn("-inf at [0]", self.error("inf"))
        self.assertIn("key of type int", self.error("int_key"))
        self.assertEqual(self.error("gen"),
                         "gen() returned a generator; return a list instead")
        self.assertIn("not valid Unicode", self.error("surrogate"))
        self.assertEqual(self.error("too_huge_int"), "too_huge_int() returned an integer "
                         "at [0] with more than 4300 digits; return a str instead")
        self.assertIn("too large", self.error("big"))
        self.assertIn("too large", self.error("blowup"))
        r = self.run_case(function="deep", args=[150])
        self.assertIn("nested too deeply", r["error"]["message"])

    def test_hostile_object_never_stringified(self):
        if not WASM and hasattr(signal, "alarm"):
            def boom(*_):
                raise TimeoutError("runner called a user __str__/__eq__")
            old = signal.signal(signal.SIGALRM, boom)
            signal.alarm(5)
            self.addCleanup(signal.signal, signal.SIGALRM, old)
            self.addCleanup(signal.alarm, 0)
        self.assertEqual(self.error("looping_str"), "looping_str() returned a Loop object; "
                         "return None, a bool, an int, a float, a str, a list or a dict "
                         "with str keys")
        self.assertIn("containing a Loop object at [1]['k']", self.error("nested_loop"))


class Cases(GuestTestCase):
    BOWLING = '''\
class BowlingGame:
    def __init__(self, frames=10):
        self.frames = frames
        self.rolls = []

    def roll(self, pins):
        if pins < 0:
            raise ValueError(f"negative pins: {pins}")
        print("roll", pins)
        self.rolls.append(pins)

    def score(self):
        return sum(self.rolls)

    def bad(self):
        return {self.score()}

def fail(x):
    raise ValueError("refused %s" % x)
'''

    def setUp(self):
        super().setUp()
        self.load("solution", self.BOWLING)

    def test_function_case(self):
        self.load("solution", FIZZBUZZ)
        r = self.run_case(function="fizzbuzz", args=[15])
        self.assertEqual(r, {"status": "ok", "value": "FizzBuzz", "output": "",
                             "output_truncated": False})

    def test_function_raises(self):
        r = self.run_case(function="fail", args=[3])
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["error"]["type"], "ValueError")
        self.assertEqual(r["error"]["message"], "refused 3")
        self.assertIn('File "solution.py", line 19, in fail', r["error"]["traceback"])
        self.assertNoRunnerFrames(r["error"]["traceback"])
        self.assertEqual(r["values"], [])

    def test_class_case(self):
        r = self.run_case(**{"class": "BowlingGame", "init": [],
                             "calls": [["roll", [3]], ["roll", [4]], ["score", []]]})
        self.assertEqual(r["status"], "ok", r)
        self.assertEqual(r["values"], [None, None, 7])
        self.assertEqual(r["output"], "roll 3\nroll 4\n")

    def test_class_case_error_in_middle(self):
        r = self.run_case(**{"class": "BowlingGame", "init": [5],
                             "calls": [["roll", [3]], ["score", []], ["roll", [-1]],
                                       ["score", []]]})
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["values"], [None, 3])
        self.assertEqual(r["error"]["type"], "ValueError")
        self.assertEqual(r["error"]["message"], "negative pins: -1")

    def test_class_case_bad_return_in_middle(self):
        r = self.run_case(**{"class": "BowlingGame", "init": [],
                             "calls": [["roll", [2]], ["bad", []], ["score", []]]})
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["values"], [None])
        self.assertEqual(r["error"]["type"], "ReturnValueError")
        self.assertEqual(r["error"]["message"], "bad() returned a set; return a list instead")

    def test_missing_entry_points(self):
        r = self.run_case(function="nope", args=[])
        self.assertEqual(r["error"]["type"], "AttributeError")
        r = self.run_case(**{"class": "Nope", "init": [], "calls": []})
        self.assertEqual(r["error"]["type"], "AttributeError")
        r = self.run_case(**{"class": "BowlingGame", "init": [], "calls": [["nope", []]]})
        self.assertEqual(r["error"]["type"], "AttributeError")
        r = self.run_case(module="reference", function="f", args=[])
        self.assertEqual(r["error"]["type"], "ImportError")

    def test_bad_spec(self):
        r = self._json(self.guest.run_case("{not json"))
        self.assertEqual(r["error"]["type"], "InvalidSpec")
        r = self._json(self.guest.run_case('{"module": "solution", "args": []}'))
        self.assertEqual(r["error"]["type"], "InvalidSpec")
        r = self._json(self.guest.run_case('{"function": "fail", "args": 3}'))
        self.assertEqual(r["error"]["type"], "InvalidSpec")

    def test_generator_and_reference_modules(self):
        self.load("generator", "import random\ndef generate(seed, count):\n"
                               "    r = random.Random(seed)\n"
                               "    return [{'args': [r.randint(1, 100)]} for _ in range(count)]\n")
        self.load("reference", FIZZBUZZ)
        a = self.run_case(module="generator", function="generate", args=[7, 3])
        b = self.run_case(module="generator", function="generate", args=[7, 3])
        self.assertEqual(a["value"], b["value"])
        self.assertEqual(len(a["value"]), 3)
        n = a["value"][0]["args"][0]
        r = self.run_case(module="reference", function="fizzbuzz", args=[n])
        self.assertEqual(r["status"], "ok")


class Hostile(GuestTestCase):
    def test_sys_exit_is_an_error_not_the_end(self):
        r = self.load("solution", "import sys\nsys.exit(3)\n", ok=False)
        self.assertEqual(r["error"]["type"], "SystemExit")
        self.assertEqual(r["error"]["message"], "called sys.exit(3)")
        self.load("solution", "import sys\ndef f():\n    sys.exit()\ndef g():\n    exit(1)\n"
                              "def h():\n    raise SystemExit('bye')\n")
        r = self.run_case(function="f", args=[])
        self.assertEqual(r["error"]["type"], "SystemExit")
        self.assertEqual(r["error"]["message"], "called sys.exit()")
        self.assertEqual(self.run_case(function="h", args=[])["error"]["message"],
                         "called sys.exit('bye')")
        self.load("test_solution", "import sys, unittest\nfrom solution import f\n"
                                   "def test_a():\n    f()\n"
                                   "class T(unittest.TestCase):\n"
                                   "    def test_b(self):\n        sys.exit(4)\n")
        r = self.run_test("test_a")
        self.assertEqual((r["status"], r["message"]), ("error", "SystemExit: called sys.exit()"))
        r = self.run_test("T.test_b")
        self.assertEqual((r["status"], r["message"]), ("error", "SystemExit: called sys.exit(4)"))
        # the instance is still alive
        self.load("solution", "def f():\n    return 'alive'\n")
        self.assertEqual(self.run_case(function="f", args=[])["value"], "alive")

    def test_keyboard_interrupt_from_user_code(self):
        self.load("solution", "def f():\n    raise KeyboardInterrupt\n")
        r = self.run_case(function="f", args=[])
        self.assertEqual(r["error"]["type"], "KeyboardInterrupt")

    def test_recursion_error(self):
        self.load("solution", "def f(n):\n    return f(n + 1)\n")
        r = self.run_case(function="f", args=[0])
        self.assertEqual(r["status"], "error")
        self.assertEqual(r["error"]["type"], "RecursionError")
        self.assertIn("Previous line repeated", r["error"]["traceback"])
        self.assertLessEqual(len(r["error"]["traceback"]), 9000)
        self.load("solution", "def f():\n    return 1\n")
        self.assertEqual(self.run_case(function="f", args=[])["value"], 1)

    def test_exception_with_hostile_str(self):
        self.load("solution", '''\
class Bad(Exception):
    def __str__(self):
        raise RuntimeError("no str for you")

def f():
    raise Bad()

class Ugly(Exception):
    def __str__(self):
        raise SystemExit(1)

def g():
    raise Ugly()
''')
        r = self.run_case(function="f", args=[])
        self.assertEqual(r["error"]["type"], "Bad")
        self.assertEqual(r["error"]["message"], "Bad")
        r = self.run_case(function="g", args=[])
        self.assertEqual(r["error"]["type"], "Ugly")
        self.assertEqual(r["error"]["message"], "Ugly")

    def test_user_replacing_stdout_does_not_stick(self):
        self.load("solution", "import sys, io\nsys.stdout = io.StringIO()\n"
                              "def f():\n    print('seen')\n    return 1\n")
        self.assertEqual(self.run_case(function="f", args=[])["output"], "seen\n")

    def test_chained_exceptions_keep_only_user_frames(self):
        self.load("solution", "import json\ndef f():\n    try:\n        json.loads('{')\n"
                              "    except ValueError as e:\n        raise KeyError('k') from e\n")
        r = self.run_case(function="f", args=[])
        tb = r["error"]["traceback"]
        self.assertIn("JSONDecodeError", tb)
        self.assertIn("direct cause", tb)
        self.assertNotIn("decoder.py", tb)
        self.assertNoRunnerFrames(tb)


if __name__ == "__main__":
    unittest.main()
