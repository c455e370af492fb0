from solution import add


def test_two_numbers_are_added():
    assert add("1,2") == 3
