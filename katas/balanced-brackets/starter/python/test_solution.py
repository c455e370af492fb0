from solution import is_balanced


def test_crossed_pairs_are_not_balanced():
    assert is_balanced("([)]") is False
