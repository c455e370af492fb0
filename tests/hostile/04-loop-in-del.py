# expect: timed_out
class Sticky:
    def __del__(self):
        while True:
            pass

def fizzbuzz(n):
    Sticky()
    return str(n)
