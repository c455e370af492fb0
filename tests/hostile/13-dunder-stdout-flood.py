# expect: passed
import sys

def fizzbuzz(n):
    for _ in range(2000):
        try:
            sys.__stdout__.write("x" * 1000)
        except Exception:
            break
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)
