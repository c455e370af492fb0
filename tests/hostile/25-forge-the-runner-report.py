# expect: failed|error
import sys
import json

# Try to make every reply claim success with the expected value unknown: forge "ok".
_real_dumps = json.dumps

def _forged(obj, *args, **kwargs):
    if isinstance(obj, dict) and "status" in obj:
        obj = {"status": "ok", "value": "Fizz", "output": "", "output_truncated": False}
    return _real_dumps(obj, *args, **kwargs)

json.dumps = _forged
for name, module in list(sys.modules.items()):
    if hasattr(module, "dumps") and name != "json":
        try:
            module.dumps = _forged
        except Exception:
            pass

def fizzbuzz(n):
    return "Fizz"
