# expect: failed|error
import sys
__builtins__["str"] = lambda value: "Fizz" if not isinstance(__builtins__, dict) else "Fizz"

def fizzbuzz(n):
    return str(n)
