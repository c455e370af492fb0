# expect: timed_out
import time

def fizzbuzz(n):
    time.sleep(3600)
    return str(n)
