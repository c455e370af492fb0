def validate_sudoku(grid):
    """Return "complete", "incomplete" or "invalid" for a 9x9 grid of digits (0 is an empty cell)."""
    # TODO
    return None
