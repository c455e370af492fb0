from solution import chop


def test_the_middle_of_three():
    assert chop(3, [1, 3, 5]) == 1
