# expect: error
def fizzbuzz(n):
    loop = []
    loop.append(loop)
    return loop
