# expect: error
class Weird:
    def __eq__(self, other):
        while True:
            pass

def fizzbuzz(n):
    return Weird()
