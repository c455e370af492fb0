def _live_neighbours(grid, r, c):
    count = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == 0 and dc == 0:
                continue
            rr, cc = r + dr, c + dc
            if 0 <= rr < len(grid) and 0 <= cc < len(grid[rr]) and grid[rr][cc] == "*":
                count += 1
    return count


def next_generation(grid):
    result = []
    for r, row in enumerate(grid):
        cells = []
        for c, cell in enumerate(row):
            n = _live_neighbours(grid, r, c)
            alive = n == 3 or (cell == "*" and n == 2)
            cells.append("*" if alive else ".")
        result.append("".join(cells))
    return result
