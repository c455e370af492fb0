# expect: error
def fizzbuzz(n):
    return {1, 2, 3}
