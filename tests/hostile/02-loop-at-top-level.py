# expect: timed_out
while True:
    pass

def fizzbuzz(n):
    return str(n)
