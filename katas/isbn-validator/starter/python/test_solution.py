from solution import is_valid_isbn


def test_a_correct_isbn_10():
    assert is_valid_isbn("0306406152") is True
