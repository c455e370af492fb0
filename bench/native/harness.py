"""A process-per-run judge: the least a container-free design that spawns a fresh
Python for every submission would pay. The benchmark starts one of these per
submission (`python3 -I -S harness.py`, the job as JSON on stdin) and it does the
same work as a Randori submission: generate the random inputs from the seed, compute
their expected values with the reference, load the solution, run the sample, hidden
and random cases, and compare (float tolerance, unordered lists, expected raises).

No isolation at all: no sandbox, no limits, no output capture beyond stdout. It is a
lower bound on cost, not a design to copy.
"""

import io
import json
import sys
import types


def load(name, source):
    module = types.ModuleType(name)
    module.__file__ = name + ".py"
    sys.modules[name] = module
    exec(compile(source, name + ".py", "exec"), module.__dict__)
    return module


def plain(value):
    """The value as JSON would carry it (tuples become lists, and so on)."""
    return json.loads(json.dumps(value))


def equal(e, a, tol):
    if isinstance(e, bool) or isinstance(a, bool):
        return type(e) is type(a) and e == a
    if isinstance(e, (int, float)) and isinstance(a, (int, float)):
        if isinstance(e, int) and isinstance(a, int):
            return e == a
        return abs(e - a) <= tol * max(1.0, abs(e), abs(a))
    if isinstance(e, list) and isinstance(a, list):
        return len(e) == len(a) and all(equal(x, y, tol) for x, y in zip(e, a))
    if isinstance(e, dict) and isinstance(a, dict):
        return len(e) == len(a) and all(k in a and equal(v, a[k], tol) for k, v in e.items())
    return e == a


def matches(e, a, rules):
    tol = rules.get("float_tolerance", 1e-9)
    if rules.get("unordered") and isinstance(e, list) and isinstance(a, list):
        if len(e) != len(a):
            return False
        claimed = [False] * len(a)
        for x in e:
            for i, y in enumerate(a):
                if not claimed[i] and equal(x, y, tol):
                    claimed[i] = True
                    break
            else:
                return False
        return True
    return equal(e, a, tol)


def call_function(module, entry, args):
    return plain(getattr(module, entry["function"])(*args))


def call_class(module, entry, init, calls):
    obj = getattr(module, entry["class"])(*init)
    return [plain(getattr(obj, c[0])(*c[1])) for c in calls]


def main():
    job = json.load(sys.stdin)
    entry, rules = job["entry"], job.get("compare", {})
    is_class = "class" in entry
    real_stdout = sys.stdout
    sys.stdout = io.StringIO()  # user code may print

    generator = load("generator", job["generator"])
    reference = load("reference", job["reference"])
    cases = list(job["samples"]) + list(job["hidden"])
    for item in generator.generate(job["seed"], job["count"]):
        if is_class:
            values = call_class(reference, entry, item.get("init", []), item["calls"])
            calls = [[c[0], c[1], v] for c, v in zip(item["calls"], values)]
            cases.append({"init": item.get("init", []), "calls": calls})
        else:
            cases.append({"args": item["args"], "expected": call_function(reference, entry, item["args"])})

    if job.get("emit_cases"):
        # The bench's JavaScript part: a node process per run gets these cases with
        # their expected values ready (node cannot run the Python oracle).
        sys.stdout = real_stdout
        print(json.dumps(cases))
        return

    solution = load("solution", job["solution"])
    passed = failed = 0
    for case in cases:
        try:
            if is_class:
                calls = case["calls"]
                values = call_class(solution, entry, case.get("init", []), calls)
                ok = all(len(c) < 3 or matches(c[2], v, rules) for c, v in zip(calls, values))
            elif case.get("raises"):
                try:
                    call_function(solution, entry, case["args"])
                    ok = False
                except Exception as e:  # noqa: BLE001 - any exception counts
                    want = case.get("message_contains")
                    ok = want is None or want in str(e)
            else:
                ok = matches(case["expected"], call_function(solution, entry, case["args"]), rules)
        except Exception:  # noqa: BLE001
            ok = False
        passed += ok
        failed += not ok

    sys.stdout = real_stdout
    print(json.dumps({"passed": passed, "failed": failed, "total": len(cases)}))


main()
