"""Randori Python guest: runs untrusted solutions inside the wasm sandbox.

This module is the componentize-py "app" for the WIT world `randori:sandbox/runner`
(wit/runner.wit). componentize-py imports it at build time and snapshots the
interpreter, so:

* every stdlib module user code may import is imported here, at top level;
* a warm-up at the bottom exercises every code path once, so that modules the
  stdlib imports lazily (difflib for unittest diffs, traceback helpers, ...) are in
  the snapshot too: at run time nothing can be read from a file system.

The same file runs natively (plain CPython >= 3.11) for the tests in
test_runner_native.py; the thin `WitWorld` export class at the bottom only exists
when the generated `wit_world` bindings are importable (i.e. inside the component).

Nothing this guest reports is a security boundary: user code shares the interpreter
and can monkeypatch the runner. The host compares hidden-case values itself and the
sandbox is wasmtime's (deny-all WASI, memory and time limits).
"""

# --- The allow-list. Imported at top level so componentize-py bakes them in. ------
import math
import re
import collections
import itertools
import functools
import heapq
import bisect
import fractions
import decimal
import statistics
import random
import typing
import dataclasses
import enum
import datetime
import string
import textwrap
import unicodedata
import array
import copy
import operator
import cmath
import json
import unittest
import traceback
import ast
import io
import sys
import time

# --- Used by the runner only (not importable by user code). ---------------------
import builtins
import linecache
import types

ALLOWED_MODULES = (
    "math", "re", "collections", "itertools", "functools", "heapq", "bisect",
    "fractions", "decimal", "statistics", "random", "typing", "dataclasses", "enum",
    "datetime", "string", "textwrap", "unicodedata", "array", "copy", "operator",
    "cmath", "json", "unittest", "traceback", "ast", "io", "sys", "time",
)

#: Names the host loads user code under. Any identifier not shadowing an existing
#: module is accepted; these are the ones Randori uses.
USER_MODULE_NAMES = ("solution", "test_solution", "generator", "reference")

CAP = 8 * 1024                  # bytes of captured stdout+stderr per call
MAX_DEPTH = 100                 # nesting depth of a return value
MAX_VALUE_BYTES = 1024 * 1024   # encoded size of the return value(s) of one call
MAX_TEXT = 8 * 1024             # characters kept of a message or a traceback

# Private references taken at import time. User code can still reach and patch
# them (e.g. through sys.modules); that is accepted, see the module docstring.
_sys = sys
_sys_modules = sys.modules
_json_encoder = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, check_circular=False, separators=(",", ":"))
_encode = _json_encoder.encode
_loads = json.loads
_real_import = builtins.__import__
_BaseException = BaseException
_str_len = str.__len__
_str_getitem = str.__getitem__
_str_copy = str.__str__          # exact str copy of a str subclass, no user code
_int_copy = int.__int__          # exact int copy of an int subclass
_float_copy = float.__float__    # exact float copy of a float subclass
_list_len = list.__len__
_list_getitem = list.__getitem__
_tuple_len = tuple.__len__
_tuple_getitem = tuple.__getitem__
_dict_items = dict.items
_type_name = type.__dict__["__name__"].__get__
_type_module = type.__dict__["__module__"].__get__
_isfinite = math.isfinite
_FunctionType = types.FunctionType
_ModuleType = types.ModuleType
_TestCase = unittest.TestCase

_allowed_set = frozenset(ALLOWED_MODULES)
_user_modules = {}      # name -> module, for the modules loaded through `load`
_user_files = set()     # "solution.py", ...: the frames kept in tracebacks


def _tname(obj):
    """Type name of obj without running user code (metaclasses can't intercept)."""
    try:
        return _type_name(type(obj))
    except _BaseException:
        return "object"


# --- Text helpers ---------------------------------------------------------------

def _clip(text, limit=MAX_TEXT):
    if _str_len(text) > limit:
        return _str_getitem(text, slice(0, limit)) + "\n... (truncated)"
    return text


def _safe_str(obj, fallback=None):
    """str(obj) where obj may be hostile; never raises (but may loop: host timeout)."""
    try:
        s = str(obj)
        if not isinstance(s, str):
            raise TypeError
        return _str_copy(s)
    except _BaseException:
        return fallback if fallback is not None else _tname(obj)


def _safe_repr(obj, limit=1000):
    try:
        s = repr(obj)
        if not isinstance(s, str):
            raise TypeError
        s = _str_copy(s)
    except _BaseException:
        return "<%s object (repr() failed)>" % _tname(obj)
    if _str_len(s) > limit:
        s = _str_getitem(s, slice(0, limit)) + "..."
    return s


# --- Output capture -------------------------------------------------------------

class _CappedOutput(io.TextIOBase):
    """A text stream keeping the first `cap` UTF-8 bytes written to it.

    Writes past the cap are dropped (and set `truncated`); no write ever copies more
    than the remaining room, so a huge print does not build a second huge string.
    Lone surrogates are replaced by '?', so the result is always valid Unicode.
    """

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, cap=CAP):
        super().__init__()
        self._cap = cap
        self._parts = []
        self._used = 0
        self.truncated = False

    def writable(self):
        return True

    def write(self, s):
        t = type(s)
        if not (t is str or issubclass(t, str)):
            raise TypeError("write() argument must be str, not %s" % _tname(s))
        n = _str_len(s)
        if self.truncated or n == 0:
            if n:
                self.truncated = True
            return n
        remaining = self._cap - self._used
        piece = _str_getitem(s, slice(0, remaining))   # <= remaining chars
        data = piece.encode("utf-8", "replace")
        if len(data) > remaining:
            data = data[:remaining]
            self.truncated = True
        elif _str_len(piece) < n:
            self.truncated = True
        if data:
            self._parts.append(data.decode("utf-8", "ignore"))
            self._used += len(data)
        return n

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        return "".join(self._parts)


class _Capture:
    """Replace sys.stdout/stderr (and __stdout__/__stderr__) for one call."""

    def __enter__(self):
        self.out = _CappedOutput(CAP)
        s = _sys
        self._saved = (s.stdout, s.stderr, s.__stdout__, s.__stderr__)
        s.stdout = s.stderr = s.__stdout__ = s.__stderr__ = self.out
        return self.out

    def __exit__(self, *exc):
        s = _sys
        s.stdout, s.stderr, s.__stdout__, s.__stderr__ = self._saved
        return False


def _with_output(result, out):
    result["output"] = out.getvalue()
    result["output_truncated"] = bool(out.truncated)
    return result


# --- Errors and tracebacks ------------------------------------------------------

def _filter_tbe(te, seen):
    """Keep only user-code frames in a TracebackException and its chain."""
    if te is None or id(te) in seen:
        return
    seen.add(id(te))
    te.stack = traceback.StackSummary.from_list(
        [f for f in te.stack if f.filename in _user_files])
    _filter_tbe(te.__cause__, seen)
    _filter_tbe(te.__context__, seen)
    for sub in getattr(te, "exceptions", None) or ():
        _filter_tbe(sub, seen)


def _format_traceback(exc):
    try:
        te = traceback.TracebackException(
            type(exc), exc, exc.__traceback__, compact=True)
        _filter_tbe(te, set())
        text = "".join(te.format())
        if not isinstance(text, str):
            raise TypeError
        return _clip(_str_copy(text))
    except _BaseException:
        msg = _exc_message(exc)
        return _clip("%s: %s\n" % (_tname(exc), msg) if msg else _tname(exc) + "\n")


def _exc_message(exc):
    if isinstance(exc, SystemExit):
        try:
            code = exc.code
        except _BaseException:
            code = None
        if code is None:
            return "called sys.exit()"
        return "called sys.exit(%s)" % _safe_repr(code, 200)
    if isinstance(exc, KeyboardInterrupt):
        return "raised KeyboardInterrupt"
    return _clip(_safe_str(exc, fallback=_tname(exc)))


def _error_info(exc):
    """The <error> JSON object for an exception raised by user code."""
    info = {
        "type": _tname(exc),
        "message": _exc_message(exc),
        "traceback": _format_traceback(exc),
    }
    if isinstance(exc, SyntaxError):
        try:
            info["line"] = exc.lineno if type(exc.lineno) is int else None
            info["offset"] = exc.offset if type(exc.offset) is int else None
            info["text"] = _str_copy(exc.text).rstrip("\r\n") if isinstance(exc.text, str) else None
        except _BaseException:
            pass
    return info


def _runner_error(type_name, message):
    return {"type": type_name, "message": message, "traceback": ""}


def _dump(obj):
    """Encode a response; always valid Unicode (lone surrogates become '?')."""
    text = _encode(obj)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


# --- Return values -> JSON ------------------------------------------------------

class _ReturnValueError(Exception):
    pass


_INT_DIGITS = 4300                  # CPython's default int <-> str limit
_INT_LIMIT = 10 ** _INT_DIGITS


_LISTLIKE = tuple(t for t in (
    set, frozenset, range, map, filter, zip, reversed, enumerate,
    types.GeneratorType, type({}.keys()), type({}.values()), type({}.items()),
    type(iter([])), type(iter(())), type(iter("")), type(iter(range(1))),
    collections.deque, array.array, itertools.chain, itertools.count,
    itertools.islice, itertools.product, itertools.permutations,
    itertools.combinations,
))


def _hint(value):
    if isinstance(value, (set, frozenset)):
        return "return a list instead"
    if isinstance(value, _LISTLIKE):
        return "return a list instead"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "return a str instead"
    if isinstance(value, complex):
        return "JSON has no complex numbers"
    if isinstance(value, (decimal.Decimal, fractions.Fraction)):
        return "return an int or a float instead"
    if isinstance(value, float):
        return "JSON has no NaN or Infinity"
    if isinstance(value, (_FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return "did you forget to call it?"
    return "return None, a bool, an int, a float, a str, a list or a dict with str keys"


def _path_text(path):
    return "".join("[%r]" % (p,) for p in path)


def _describe(value):
    if isinstance(value, (set, frozenset)):
        return "a set" if isinstance(value, set) else "a frozenset"
    if isinstance(value, float):
        return _safe_repr(value)      # nan / inf / -inf
    name = _tname(value)
    article = "an" if name[:1].lower() in "aeiou" else "a"
    try:
        builtin = _type_module(type(value)) == "builtins"
    except _BaseException:
        builtin = False
    return "%s %s%s" % (article, name, "" if builtin else " object")


def _bad_value(value, path):
    what = _describe(value)
    if path:
        msg = "returned a value containing %s at %s; %s" % (what, _path_text(path), _hint(value))
    else:
        msg = "returned %s; %s" % (what, _hint(value))
    raise _ReturnValueError(msg)


def to_json_value(value, budget=None):
    """Copy `value` into plain JSON types, never running user-defined methods.

    Accepts None, bool, int, float (finite), str, list/tuple and dict with str keys
    (subclasses are copied to the plain type). Raises _ReturnValueError with a
    message for the user otherwise, for cycles, nesting deeper than MAX_DEPTH or
    more than MAX_VALUE_BYTES of JSON. `budget` is a one-element list of bytes left.
    """
    if budget is None:
        budget = [MAX_VALUE_BYTES]
    active = set()
    path = []

    def spend(n):
        budget[0] -= n
        if budget[0] < 0:
            raise _ReturnValueError(
                "return value too large (more than %d KiB as JSON)" % (MAX_VALUE_BYTES // 1024))

    def walk(v, depth):
        t = type(v)
        if v is None or v is True or v is False:
            spend(5)
            return v
        if t is int or (t is not bool and issubclass(t, int)):
            v = _int_copy(v)
            if v.bit_length() > 14000 and (v >= _INT_LIMIT or -v >= _INT_LIMIT):
                where = " at " + _path_text(path) if path else ""
                raise _ReturnValueError(
                    "returned an integer%s with more than %d digits; return a str instead"
                    % (where, _INT_DIGITS))
            spend(v.bit_length() // 3 + 2)
            return v
        if t is float or issubclass(t, float):
            v = _float_copy(v)
            if not _isfinite(v):
                _bad_value(v, path)
            spend(25)
            return v
        if t is str or issubclass(t, str):
            v = _str_copy(v)
            if v.isascii():
                spend(_str_len(v) + 3)
            else:
                try:
                    spend(len(v.encode("utf-8")) + 3)
                except UnicodeEncodeError:
                    where = " at " + _path_text(path) if path else ""
                    raise _ReturnValueError(
                        "returned a str%s that is not valid Unicode (lone surrogate)" % where)
            return v
        is_list = t is list or issubclass(t, list)
        is_tuple = not is_list and (t is tuple or issubclass(t, tuple))
        is_dict = not is_list and not is_tuple and (t is dict or issubclass(t, dict))
        if not (is_list or is_tuple or is_dict):
            _bad_value(v, path)
        if id(v) in active:
            raise _ReturnValueError(
                "returned a cyclic structure (a %s that contains itself%s)"
                % ("dict" if is_dict else "list", " at " + _path_text(path) if path else ""))
        if depth >= MAX_DEPTH:
            raise _ReturnValueError(
                "return value is nested too deeply (more than %d levels)" % MAX_DEPTH)
        active.add(id(v))
        spend(2)
        try:
            if is_dict:
                out = {}
                for key, item in list(_dict_items(v)):
                    kt = type(key)
                    if not (kt is str or issubclass(kt, str)):
                        where = " at " + _path_text(path) if path else ""
                        raise _ReturnValueError(
                            "returned a dict%s with a key of type %s; JSON object keys "
                            "must be str" % (where, _tname(key)))
                    key = _str_copy(key)
                    spend(_str_len(key) + 4)
                    path.append(key)
                    out[key] = walk(item, depth + 1)
                    path.pop()
                return out
            if is_list:
                n, get = _list_len(v), _list_getitem
            else:
                n, get = _tuple_len(v), _tuple_getitem
            out = []
            i = 0
            while i < n:
                if is_list:
                    n = _list_len(v)      # (a list can't change here, but be safe)
                    if i >= n:
                        break
                path.append(i)
                out.append(walk(get(v, i), depth + 1))
                path.pop()
                spend(1)
                i += 1
            return out
        finally:
            active.discard(id(v))

    try:
        return walk(value, 0)
    except _ReturnValueError:
        raise
    except RecursionError:
        raise _ReturnValueError(
            "return value is nested too deeply (more than %d levels)" % MAX_DEPTH)
    except _BaseException as e:
        raise _ReturnValueError("could not convert the return value: %s" % _tname(e))


# --- Import guard ---------------------------------------------------------------

def _import_denied(name):
    return ModuleNotFoundError(
        "module %r is not available in the Randori sandbox. Allowed modules: %s"
        % (name, ", ".join(ALLOWED_MODULES)), name=name)


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    """__import__ for user modules: the allow-list plus the user modules loaded.

    A convenience that explains what is available; not the security boundary
    (user code can reach sys.modules; WASI has no files, env or sockets anyway).
    """
    if type(name) is not str:
        raise TypeError("module name must be str, not %s" % _tname(name))
    if level != 0:
        raise ImportError(
            "relative imports are not supported in the Randori sandbox "
            "(import solution, not .solution)")
    top = name.partition(".")[0]
    if top in _user_modules:
        if name != top:
            raise _import_denied(name)
    elif top not in _allowed_set or name not in _sys_modules:
        if top in USER_MODULE_NAMES:
            raise ModuleNotFoundError(
                "module %r is not loaded (did it fail to load?)" % name, name=name)
        raise _import_denied(name)
    return _real_import(name, globals, locals, fromlist, level)


def _user_builtins():
    b = dict(builtins.__dict__)
    b["__import__"] = _guarded_import
    return b


# --- Assert rewriting for test modules ------------------------------------------

_OPS = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
    ast.GtE: ">=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}


def _seq_hint(left, right):
    """A short extra line for `==` on sequences: where they first differ."""
    try:
        kinds = (list, tuple, str)
        if type(left) not in kinds or type(left) is not type(right):
            return None
        if isinstance(left, str) and len(left) < 20 and len(right) < 20:
            return None
        for i, (a, b) in enumerate(zip(left, right)):
            if not (a == b):
                return "  first difference at index %d: %s != %s" % (
                    i, _safe_repr(a, 200), _safe_repr(b, 200))
        if len(left) != len(right):
            return "  lengths differ: %d != %d" % (len(left), len(right))
    except _BaseException:
        return None
    return None


def _explain_compare(op, left, right, left_src, right_src):
    """Build the AssertionError for a failed `assert left <op> right`."""
    lr, rr = _safe_repr(left), _safe_repr(right)
    lines = ["assert %s %s %s" % (lr, op, rr)]
    if left_src is not None and left_src != lr:
        lines.append("  where %s = %s" % (lr, left_src))
    if right_src is not None and right_src != rr:
        lines.append("  where %s = %s" % (rr, right_src))
    if op == "==":
        hint = _seq_hint(left, right)
        if hint:
            lines.append(hint)
    return AssertionError("\n".join(lines))


def _explain_value(value, src):
    """Build the AssertionError for a failed `assert <expr>`."""
    vr = _safe_repr(value)
    lines = ["assert %s" % vr]
    if src is not None and src != vr:
        lines.append("  where %s = %s" % (vr, src))
    return AssertionError("\n".join(lines))


class _AssertRewriter(ast.NodeTransformer):
    """Rewrite message-less asserts so a failure shows the values compared.

    `assert a == b` becomes (each side evaluated once, in order):

        __randori_l1__ = a
        __randori_r1__ = b
        if not (__randori_l1__ == __randori_r1__):
            raise __randori_compare__('==', __randori_l1__, __randori_r1__, 'a', 'b')

    (Dunder names are not mangled inside classes.)
    """

    def __init__(self, source):
        self.source = source
        self.n = 0

    def _src(self, node):
        if isinstance(node, (ast.Constant, ast.Name)):
            return None
        try:
            seg = ast.get_source_segment(self.source, node)
        except Exception:
            seg = None
        if not seg or "\n" in seg:
            seg = ast.unparse(node)
        return seg

    def visit_Assert(self, node):
        if node.msg is not None:
            return node
        self.n += 1
        test = node.test
        load, store = ast.Load(), ast.Store()
        if (isinstance(test, ast.Compare) and len(test.ops) == 1
                and type(test.ops[0]) in _OPS):
            l = "__randori_l%d__" % self.n
            r = "__randori_r%d__" % self.n
            right = test.comparators[0]
            stmts = [
                ast.Assign(targets=[ast.Name(l, store)], value=test.left),
                ast.Assign(targets=[ast.Name(r, store)], value=right),
                ast.If(
                    test=ast.UnaryOp(ast.Not(), ast.Compare(
                        left=ast.Name(l, load), ops=[test.ops[0]],
                        comparators=[ast.Name(r, load)])),
                    body=[ast.Raise(exc=ast.Call(
                        func=ast.Name("__randori_compare__", load),
                        args=[ast.Constant(_OPS[type(test.ops[0])]),
                              ast.Name(l, load), ast.Name(r, load),
                              ast.Constant(self._src(test.left)),
                              ast.Constant(self._src(right))],
                        keywords=[]), cause=None)],
                    orelse=[]),
            ]
        else:
            v = "__randori_v%d__" % self.n
            stmts = [
                ast.Assign(targets=[ast.Name(v, store)], value=test),
                ast.If(
                    test=ast.UnaryOp(ast.Not(), ast.Name(v, load)),
                    body=[ast.Raise(exc=ast.Call(
                        func=ast.Name("__randori_value__", load),
                        args=[ast.Name(v, load), ast.Constant(self._src(test))],
                        keywords=[]), cause=None)],
                    orelse=[]),
            ]
        for s in stmts:
            ast.copy_location(s, node)
            for child in ast.walk(s):
                if "lineno" in child._attributes and getattr(child, "lineno", None) is None:
                    ast.copy_location(child, node)
        return stmts


def _compile_user(name, source, filename):
    if name.startswith("test"):
        tree = ast.parse(source, filename, "exec")
        tree = _AssertRewriter(source).visit(tree)
        ast.fix_missing_locations(tree)
        return compile(tree, filename, "exec", dont_inherit=True)
    return compile(source, filename, "exec", dont_inherit=True)


# --- load -----------------------------------------------------------------------

def _forget(name):
    _user_modules.pop(name, None)
    if name in _sys_modules:
        del _sys_modules[name]


def _valid_module_name(name):
    return (isinstance(name, str) and 0 < len(name) <= 64 and name.isidentifier()
            and name.isascii() and not name.startswith("_")
            and name not in _allowed_set
            and (name in _user_modules or name not in _sys_modules))


def load(module_name, source):
    """Compile and run `source` as module `module_name`; see wit/runner.wit."""
    if not _valid_module_name(module_name):
        return {"ok": False, "error": _runner_error(
            "ValueError", "invalid module name %r" % (module_name,)),
            "output": "", "output_truncated": False}
    filename = module_name + ".py"
    _forget(module_name)
    _user_files.add(filename)
    linecache.cache[filename] = (
        len(source), None, source.splitlines(True) or [""], filename)
    with _Capture() as out:
        try:
            code = _compile_user(module_name, source, filename)
            module = _ModuleType(module_name)
            module.__file__ = filename
            g = module.__dict__
            g["__builtins__"] = _user_builtins()
            if module_name.startswith("test"):
                g["__randori_compare__"] = _explain_compare
                g["__randori_value__"] = _explain_value
            _sys_modules[module_name] = module
            _user_modules[module_name] = module
            exec(code, g)
        except _BaseException as e:
            _forget(module_name)
            return _with_output({"ok": False, "error": _error_info(e)}, out)
    return _with_output({"ok": True}, out)


# --- Tests ----------------------------------------------------------------------

def list_tests():
    """Names of the tests in `test_solution` (plain functions, then Class.method)."""
    module = _user_modules.get("test_solution")
    if module is None:
        return []
    names = []
    classes = []
    seen = set()
    g = module.__dict__
    with _Capture():
        for attr, obj in list(_dict_items(g)):
            if type(attr) is not str:
                continue
            if type(obj) is _FunctionType:
                if attr.startswith("test") and obj.__globals__ is g:
                    names.append(attr)
                continue
            try:
                if isinstance(obj, type) and issubclass(obj, _TestCase) and id(obj) not in seen:
                    seen.add(id(obj))
                    classes.append((attr, obj))
            except _BaseException:
                pass
        loader = unittest.TestLoader()
        for attr, cls in classes:
            try:
                methods = list(loader.getTestCaseNames(cls))
            except _BaseException:
                continue
            names.extend("%s.%s" % (attr, m) for m in methods if isinstance(m, str))
    return names


class _RecordingResult(unittest.TestResult):
    """Keeps the raw exceptions instead of formatting them like unittest does."""

    def __init__(self):
        super().__init__()
        self.outcomes = []      # (status, exception or None, message)

    def addError(self, test, err):
        self.outcomes.append(("error", err[1], None))

    def addFailure(self, test, err):
        self.outcomes.append(("failed", err[1], None))

    def addSubTest(self, test, subtest, err):
        if err is not None:
            status = "failed" if issubclass(err[0], test.failureException) else "error"
            self.outcomes.append((status, err[1], None))

    def addSkip(self, test, reason):
        self.outcomes.append(("skipped", None, _safe_str(reason)))

    def addExpectedFailure(self, test, err):
        pass

    def addUnexpectedSuccess(self, test):
        self.outcomes.append(("failed", None, "unexpected success (test is marked expectedFailure)"))


def _test_result(name, status, message="", tb=""):
    return {"name": name, "status": status, "message": message, "traceback": tb}


def _from_exception(name, exc, failed):
    if failed:
        msg = _exc_message(exc) or "AssertionError"
    else:
        m = _exc_message(exc)
        msg = "%s: %s" % (_tname(exc), m) if m else _tname(exc)
    return _test_result(name, "failed" if failed else "error", msg, _format_traceback(exc))


def _run_unittest(name, cls, method):
    try:
        test = cls(method)
    except _BaseException as e:
        return _test_result(name, "error", "cannot create test %s: %s" % (name, _exc_message(e)))
    result = _RecordingResult()
    unittest.TestSuite([test]).run(result)
    if not result.outcomes:
        return _test_result(name, "passed")
    errors = [o for o in result.outcomes if o[0] in ("error", "failed")]
    if not errors:
        # Skipped: reported as passed with a message (the WIT knows three statuses).
        return _test_result(name, "passed", "skipped: " + (result.outcomes[0][2] or ""))
    status, exc, message = errors[0]
    if exc is None:
        return _test_result(name, status, message)
    out = _from_exception(name, exc, status == "failed")
    if len(errors) > 1:
        out["message"] += "\n(and %d more failure(s) in this test)" % (len(errors) - 1)
    return out


def _run_function_test(name, fn):
    try:
        ret = fn()
    except AssertionError as e:
        return _from_exception(name, e, True)
    except _BaseException as e:
        return _from_exception(name, e, False)
    if isinstance(ret, (types.CoroutineType, types.GeneratorType)):
        try:
            ret.close()
        except _BaseException:
            pass
        return _test_result(name, "error",
                            "%s is a coroutine or generator; write a plain function" % name)
    return _test_result(name, "passed")


def run_test(name):
    """Run one test of `test_solution` by name; see wit/runner.wit."""
    module = _user_modules.get("test_solution")
    with _Capture() as out:
        if module is None:
            result = _test_result(name, "error", "test_solution is not loaded")
        elif not isinstance(name, str):
            result = _test_result(str(name), "error", "test name must be a string")
        else:
            g = module.__dict__
            cls_name, dot, method = name.partition(".")
            obj = g.get(cls_name)
            if dot:
                try:
                    ok = isinstance(obj, type) and issubclass(obj, _TestCase)
                except _BaseException:
                    ok = False
                if ok and method.startswith("test"):
                    try:
                        result = _run_unittest(name, obj, method)
                    except _BaseException as e:
                        result = _from_exception(name, e, False)
                else:
                    result = _test_result(name, "error", "no test named %r" % name)
            elif type(obj) is _FunctionType and name.startswith("test"):
                result = _run_function_test(name, obj)
            else:
                result = _test_result(name, "error", "no test named %r" % name)
    return _with_output(result, out)


# --- Cases ----------------------------------------------------------------------

def _spec_error(message):
    return {"status": "error", "error": _runner_error("InvalidSpec", message), "values": []}


def _case_error(error, values):
    return {"status": "error", "error": error, "values": values}


def _run_case_inner(spec):
    if not isinstance(spec, dict):
        return _spec_error("spec must be a JSON object")
    module_name = spec.get("module", "solution")
    module = _user_modules.get(module_name) if isinstance(module_name, str) else None
    if module is None:
        return _case_error(_runner_error(
            "ImportError", "module %r is not loaded" % (module_name,)), [])
    g = module.__dict__
    budget = [MAX_VALUE_BYTES]
    if "function" in spec:
        fname, args = spec["function"], spec.get("args", [])
        if not isinstance(fname, str) or not isinstance(args, list):
            return _spec_error("'function' must be a string and 'args' a list")
        fn = g.get(fname)
        if fn is None:
            return _case_error(_runner_error(
                "AttributeError", "%s.py defines no function named %r" % (module_name, fname)), [])
        if not callable(fn):
            return _case_error(_runner_error(
                "TypeError", "%r in %s.py is a %s, not a function"
                % (fname, module_name, _tname(fn))), [])
        try:
            value = fn(*args)
        except _BaseException as e:
            return _case_error(_error_info(e), [])
        try:
            return {"status": "ok", "value": to_json_value(value, budget)}
        except _ReturnValueError as e:
            return _case_error(_runner_error("ReturnValueError", "%s() %s" % (fname, e.args[0])), [])
    if "class" in spec:
        cname, init, calls = spec["class"], spec.get("init", []), spec.get("calls", [])
        if not (isinstance(cname, str) and isinstance(init, list) and isinstance(calls, list)):
            return _spec_error("'class' must be a string, 'init' and 'calls' lists")
        for call in calls:
            if not (isinstance(call, list) and len(call) >= 2 and isinstance(call[0], str)
                    and isinstance(call[1], list)):
                return _spec_error("each call must be [method, [args...]]")
        cls = g.get(cname)
        if cls is None:
            return _case_error(_runner_error(
                "AttributeError", "%s.py defines no class named %r" % (module_name, cname)), [])
        if not callable(cls):
            return _case_error(_runner_error(
                "TypeError", "%r in %s.py is a %s, not a class"
                % (cname, module_name, _tname(cls))), [])
        values = []
        try:
            obj = cls(*init)
        except _BaseException as e:
            return _case_error(_error_info(e), values)
        for call in calls:
            method, args = call[0], call[1]
            try:
                value = getattr(obj, method)(*args)
            except _BaseException as e:
                return _case_error(_error_info(e), values)
            try:
                values.append(to_json_value(value, budget))
            except _ReturnValueError as e:
                return _case_error(_runner_error(
                    "ReturnValueError", "%s() %s" % (method, e.args[0])), values)
        return {"status": "ok", "values": values}
    return _spec_error("spec needs 'function' or 'class'")


def run_case(spec_json):
    """Run one case; see wit/runner.wit. `spec_json` may be a str or a parsed dict."""
    if isinstance(spec_json, str):
        try:
            spec = _loads(spec_json)
        except ValueError as e:
            return _with_output(_spec_error("spec is not JSON: %s" % e), _CappedOutput())
    else:
        spec = spec_json
    with _Capture() as out:
        result = _run_case_inner(spec)
    return _with_output(result, out)


# --- JSON entry points (what the component exports) ------------------------------

def _internal(e):
    return _runner_error("RunnerError", "internal runner error: %s: %s"
                         % (_tname(e), _safe_str(e, "")))


def load_json(module_name, source):
    try:
        return _dump(load(module_name, source))
    except _BaseException as e:
        return _dump({"ok": False, "error": _internal(e), "output": "", "output_truncated": False})


def list_tests_json():
    try:
        return _dump(list_tests())
    except _BaseException:
        return "[]"


def run_test_json(name):
    try:
        return _dump(run_test(name))
    except _BaseException as e:
        return _dump({"name": _safe_str(name), "status": "error",
                      "message": _internal(e)["message"], "traceback": "",
                      "output": "", "output_truncated": False})


def run_case_json(spec):
    try:
        return _dump(run_case(spec))
    except _BaseException as e:
        return _dump({"status": "error", "error": _internal(e), "values": [],
                      "output": "", "output_truncated": False})


# --- Warm-up: run every path once at import (= at build time in the component) ----

_WARM_SOLUTION = '''\
import math, re, collections, itertools, functools, heapq, bisect, fractions
import decimal, statistics, random, typing, dataclasses, enum, datetime, string
import textwrap, unicodedata, array, copy, operator, cmath, json, unittest
import traceback, ast, io, sys, time
from collections import Counter, defaultdict, deque, OrderedDict, namedtuple
from dataclasses import dataclass, field
from typing import List, Dict, Optional

@dataclass
class Point:
    x: int
    y: int = 0

class Colour(enum.Enum):
    RED = 1

def f(n):
    print("f", n)
    p = Point(n)
    r = random.Random(n)
    r.random(); r.randint(1, 6); r.choice([1, 2]); r.shuffle([1, 2, 3])
    random.Random("seed").random()
    d = decimal.Decimal("1.1") + decimal.Decimal(2)
    q = fractions.Fraction(1, 3) + 1
    s = statistics.mean([1, 2, 3]) + statistics.median([1, 2]) + statistics.stdev([1, 2])
    dt = datetime.date(2024, 1, 1) + datetime.timedelta(days=1)
    re.sub(r"\\d+", "#", "a1b22")
    textwrap.fill("word " * 30, 20)
    unicodedata.name("a"); unicodedata.normalize("NFC", "e\\u0301")
    json.loads(json.dumps({"a": [1, 2.5, None]}))
    time.time(); time.monotonic(); time.perf_counter()
    cmath.sqrt(-1); math.gcd(12, 8); heapq.nsmallest(2, [3, 1, 2])
    bisect.insort([1, 3], 2); copy.deepcopy({"a": [1]})
    sorted(Counter("abca").most_common()); list(itertools.permutations([1, 2, 3]))
    ast.literal_eval("[1, 2]"); string.ascii_letters; array.array("i", [1, 2])
    "{:>8.3f} {!r}".format(math.pi, Colour.RED); f"{n:05d}"
    return [n, 1.5, "\\u00e9", {"k": (1, 2)}, str(p), float(d), float(q), s, str(dt)]

def boom():
    return 1 / 0

def returns_set():
    return {1}

def deep(n):
    return deep(n + 1)

def leave():
    sys.exit(3)

class Counter2:
    def __init__(self, start):
        self.n = start
    def inc(self, k):
        self.n += k
        return self.n
    def fail(self):
        raise ValueError("nope")
'''

_WARM_TESTS = '''\
import unittest
from solution import f, boom

def test_plain():
    assert f(1)[0] == 1

def test_fail_compare():
    assert f(1) == [2, 3]

def test_fail_value():
    assert not f(1)

def test_long_str():
    assert "abc" * 20 == "abd" * 20

def test_error():
    boom()

class T(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = 1
    def setUp(self):
        self.x = 1
    def test_eq(self):
        self.assertEqual("a\\nb\\n" * 30, "a\\nc\\n" * 30)
    def test_dict(self):
        self.assertEqual({"a": [1, 2]}, {"a": [1, 3]})
    def test_list(self):
        self.assertListEqual([1, 2, 3], [1, 2, 4])
    def test_count(self):
        self.assertCountEqual([1, 2], [2, 2])
    def test_misc(self):
        self.assertIn(1, [1]); self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertTrue(True); self.assertIsNone(None)
        with self.assertRaises(ZeroDivisionError):
            boom()
        with self.assertRaisesRegex(ValueError, "x"):
            raise ValueError("x")
        for i in range(2):
            with self.subTest(i=i):
                self.assertGreaterEqual(i, 0)
    @unittest.skip("why")
    def test_skip(self):
        pass
    def test_error(self):
        undefined_nam
'''


def _warm_up():
    check = []
    load("solution", _WARM_SOLUTION)
    load("test_solution", _WARM_TESTS)
    for name in list_tests():
        check.append(run_test(name)["status"])
    run_case({"module": "solution", "function": "f", "args": [3]})
    run_case({"module": "solution", "function": "boom", "args": []})
    run_case({"module": "solution", "function": "returns_set", "args": []})
    run_case({"module": "solution", "function": "deep", "args": [0]})
    run_case({"module": "solution", "function": "leave", "args": []})
    run_case(_encode({"module": "solution", "class": "Counter2", "init": [1],
                      "calls": [["inc", [2]], ["fail", []], ["inc", [1]]]}))
    run_case("{not json")
    for bad in ("def f(:\n    pass\n", "import numpy\n", "x = undefined_name_y\n",
                "'a'.upperr()\n", "import os\n", "  x = 1\n", "raise SystemExit(2)\n",
                "class E(Exception):\n    def __str__(self):\n        raise E()\nraise E()\n",
                "def g():\n    raise KeyError('k')\ntry:\n    g()\nexcept KeyError as e:\n"
                "    raise ValueError('v') from e\n"):
        load("solution", bad)
    for v in ({1}, float("nan"), [[[]]], {"a": ({"b": "\u00e9"},)}, 10 ** 30, b"x",
              10 ** 5000):
        try:
            to_json_value(v)
        except _ReturnValueError:
            pass
    _dump({"a": "\ud800"})
    # Forget everything the warm-up loaded.
    for name in list(_user_modules):
        _forget(name)
    for filename in list(_user_files):
        linecache.cache.pop(filename, None)
    _user_files.clear()
    if "passed" not in check or "failed" not in check or "error" not in check:
        raise RuntimeError("runner warm-up failed: %r" % (check,))


_warm_up()


# --- The component export (only inside the component) --------------------------

try:
    import wit_world as _wit_world
except ImportError:
    _wit_world = None

if _wit_world is not None:
    class WitWorld(_wit_world.WitWorld):
        """componentize-py 0.25 export class for world `runner`; delegates only."""

        def load(self, module_name: str, source: str) -> str:
            return load_json(module_name, source)

        def list_tests(self) -> str:
            return list_tests_json()

        def run_test(self, name: str) -> str:
            return run_test_json(name)

        def run_case(self, spec: str) -> str:
            return run_case_json(spec)
