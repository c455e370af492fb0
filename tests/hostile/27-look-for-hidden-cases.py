# expect: failed|error
import sys

def fizzbuzz(n):
    found = [name for name in sys.modules if "hidden" in name or "reference" in name or "generator" in name]
    return repr(found)
