# expect: timed_out
def fizzbuzz(n):
    return str(sum(1 for _ in iter(int, 1)))
