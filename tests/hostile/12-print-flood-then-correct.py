# expect: passed
def fizzbuzz(n):
    for _ in range(20000):
        print("spam " * 100)
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)
