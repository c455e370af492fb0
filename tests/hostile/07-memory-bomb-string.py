# expect: out_of_memory
def fizzbuzz(n):
    return "a" * (10 ** 9)
