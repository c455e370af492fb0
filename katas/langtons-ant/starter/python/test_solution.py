from solution import langtons_ant


def test_the_first_step_on_an_empty_grid():
    assert langtons_ant([], 1) == [1, 0, "E", [[0, 0]]]
