# expect: timed_out|error
class Nasty(Exception):
    def __str__(self):
        while True:
            pass

def fizzbuzz(n):
    raise Nasty()
