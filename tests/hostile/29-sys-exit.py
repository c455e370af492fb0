# expect: error
import sys

def fizzbuzz(n):
    sys.exit(0)
