from solution import validate_sudoku


def test_an_empty_grid_is_incomplete():
    assert validate_sudoku([[0] * 9 for _ in range(9)]) == "incomplete"
