from solution import to_roman


def test_fourteen():
    assert to_roman(14) == "XIV"
