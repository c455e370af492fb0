from solution import diamond


def test_diamond_of_b():
    assert diamond("B") == [" A ", "B B", " A "]
