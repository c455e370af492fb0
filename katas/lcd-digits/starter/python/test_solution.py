from solution import lcd_digits


def test_eight_at_size_one():
    assert lcd_digits(8, 1) == [" - ", "| |", " - ", "| |", " - "]
