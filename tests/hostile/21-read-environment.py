# expect: error
import os

def fizzbuzz(n):
    return os.environ.get("HOME", "")
