from solution import is_leap_year


def test_a_year_divisible_by_four_is_a_leap_year():
    assert is_leap_year(2024) is True
