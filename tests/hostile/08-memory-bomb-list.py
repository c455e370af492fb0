# expect: out_of_memory
def fizzbuzz(n):
    return [0] * (10 ** 9)
