from solution import price


def test_two_different_books_get_five_percent_off():
    assert price([1, 2]) == 1520
