HEADINGS = "NESW"
STEPS = {"N": (0, 1), "E": (1, 0), "S": (0, -1), "W": (-1, 0)}


def langtons_ant(black, steps):
    black = {(x, y) for x, y in black}
    x, y, heading = 0, 0, 0
    for _ in range(steps):
        if (x, y) in black:
            heading = (heading - 1) % 4
            black.remove((x, y))
        else:
            heading = (heading + 1) % 4
            black.add((x, y))
        dx, dy = STEPS[HEADINGS[heading]]
        x, y = x + dx, y + dy
    return [x, y, HEADINGS[heading], [[bx, by] for bx, by in sorted(black)]]
