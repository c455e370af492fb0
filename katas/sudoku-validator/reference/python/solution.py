DIGITS = range(1, 10)


def _units(grid):
    """The 27 groups of nine cells that must not repeat a digit: rows, columns, boxes."""
    rows = [list(row) for row in grid]
    columns = [[grid[r][c] for r in range(9)] for c in range(9)]
    boxes = [
        [grid[r][c] for r in range(top, top + 3) for c in range(left, left + 3)]
        for top in (0, 3, 6)
        for left in (0, 3, 6)
    ]
    return rows + columns + boxes


def _well_formed(grid):
    return len(grid) == 9 and all(
        len(row) == 9 and all(0 <= cell <= 9 for cell in row) for row in grid
    )


def validate_sudoku(grid):
    if not _well_formed(grid):
        return "invalid"
    for unit in _units(grid):
        digits = [cell for cell in unit if cell in DIGITS]
        if len(digits) != len(set(digits)):
            return "invalid"
    if any(0 in row for row in grid):
        return "incomplete"
    return "complete"
