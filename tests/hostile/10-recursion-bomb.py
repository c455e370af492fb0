# expect: error
def fizzbuzz(n):
    return fizzbuzz(n + 1)
