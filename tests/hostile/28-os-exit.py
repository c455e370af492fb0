# expect: error
import sys

def fizzbuzz(n):
    sys.modules["os"]._exit(3)
