# expect: timed_out
def fizzbuzz(n):
    while True:
        pass
