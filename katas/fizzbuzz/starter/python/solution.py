def fizzbuzz(n):
    """Return what a player says for the number n: "Fizz", "Buzz", "FizzBuzz" or n as text."""
    # TODO: grow this one small test at a time.
    return ""
