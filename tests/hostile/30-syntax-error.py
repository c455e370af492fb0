# expect: error
def fizzbuzz(n)
    return str(n)
