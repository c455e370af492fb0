def langtons_ant(black, steps):
    """Simulate `steps` steps of the ant, starting on (0, 0) facing north.

    `black` lists the [x, y] squares that start black. Return [x, y, direction, black
    squares sorted by x then y].
    """
    # TODO: start with zero steps, then one.
    return None
