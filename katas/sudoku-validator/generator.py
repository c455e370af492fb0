import random


def _solved(rng):
    """A random solved grid: a pattern, shuffled in ways that keep it solved."""
    digits = list(range(1, 10))
    rng.shuffle(digits)

    def order():
        bands = rng.sample(range(3), 3)
        return [3 * band + i for band in bands for i in rng.sample(range(3), 3)]

    rows, columns = order(), order()
    grid = [[digits[(3 * (r % 3) + r // 3 + c) % 9] for c in columns] for r in rows]
    if rng.random() < 0.5:
        grid = [list(col) for col in zip(*grid)]
    return grid


def _latin(rng):
    """Rows and columns fine, boxes broken."""
    digits = list(range(1, 10))
    rng.shuffle(digits)
    shift = rng.choice([1, 2, 4, 5, 7, 8])
    return [[digits[(r * shift + c) % 9] for c in range(9)] for r in range(9)]


def _blank(rng, grid, most):
    for _ in range(rng.randint(1, most)):
        grid[rng.randrange(9)][rng.randrange(9)] = 0


def _conflict(rng, grid):
    """Write a digit where it repeats one already in the cell's row, column or box."""
    r, c = rng.randrange(9), rng.randrange(9)
    kind = rng.randrange(3)
    if kind == 0:
        r2, c2 = r, rng.choice([x for x in range(9) if x != c])
    elif kind == 1:
        r2, c2 = rng.choice([x for x in range(9) if x != r]), c
    else:
        top, left = r - r % 3, c - c % 3
        r2, c2 = rng.choice([(top + i, left + j) for i in range(3) for j in range(3)
                             if (top + i, left + j) != (r, c)])
    digit = grid[r][c] or rng.randint(1, 9)
    grid[r][c] = digit
    grid[r2][c2] = digit


def _malformed(rng, grid):
    kind = rng.randrange(5)
    if kind == 0:
        del grid[rng.randrange(9)]
    elif kind == 1:
        grid.append(list(grid[rng.randrange(9)]))
    elif kind == 2:
        del grid[rng.randrange(9)][rng.randrange(9)]
    elif kind == 3:
        grid[rng.randrange(9)].append(rng.randint(0, 9))
    else:
        grid[rng.randrange(9)][rng.randrange(9)] = rng.choice([-1, 10, 11, 99, -9])


def generate(seed, count):
    """Return `count` grids for validate_sudoku, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        grid = _solved(rng)
        kind = rng.randrange(8)
        if kind in (1, 2):
            _blank(rng, grid, rng.choice([3, 60, 81]))
        elif kind in (3, 4):
            _blank(rng, grid, rng.choice([1, 20, 70]))
            _conflict(rng, grid)
        elif kind == 5:
            grid = _latin(rng)
            if rng.random() < 0.5:
                _blank(rng, grid, 40)
        elif kind == 6:
            if rng.random() < 0.5:
                _blank(rng, grid, 40)
            _malformed(rng, grid)
        elif kind == 7:
            grid = [[0] * 9 for _ in range(9)]
            for _ in range(rng.randint(0, 12)):
                grid[rng.randrange(9)][rng.randrange(9)] = rng.randint(1, 9)
        cases.append({"args": [grid]})
    return cases
