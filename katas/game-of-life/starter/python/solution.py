def next_generation(grid):
    """Return the next generation of `grid` ("*" alive, "." dead), same size."""
    # TODO
    return list(grid)
