# expect: error|out_of_memory
def fizzbuzz(n):
    return "x" * 30_000_000
