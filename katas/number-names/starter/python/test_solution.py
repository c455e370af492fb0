from solution import number_name


def test_forty_two():
    assert number_name(42) == "forty-two"
