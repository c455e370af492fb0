from solution import annotate


def test_a_mine_and_its_neighbours():
    assert annotate(["*.", ".."]) == ["*1", "11"]
