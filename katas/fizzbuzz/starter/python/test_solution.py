from solution import fizzbuzz


def test_three_is_fizz():
    assert fizzbuzz(3) == "Fizz"
