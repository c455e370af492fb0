from solution import describe


def test_a_single_value():
    assert describe([7.5]) == {"min": 7.5, "max": 7.5, "mean": 7.5, "median": 7.5, "stdev": 0.0}
