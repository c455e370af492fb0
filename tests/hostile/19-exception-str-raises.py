# expect: error
class Nasty(Exception):
    def __str__(self):
        raise RuntimeError("no str for you")

def fizzbuzz(n):
    raise Nasty()
