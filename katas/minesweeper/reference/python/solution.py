def annotate(field):
    rows = len(field)
    result = []
    for r, line in enumerate(field):
        cols = len(line)
        out = []
        for c, square in enumerate(line):
            if square == "*":
                out.append("*")
                continue
            mines = sum(
                1
                for dr in (-1, 0, 1)
                for dc in (-1, 0, 1)
                if (dr or dc)
                and 0 <= r + dr < rows
                and 0 <= c + dc < cols
                and field[r + dr][c + dc] == "*"
            )
            out.append(str(mines))
        result.append("".join(out))
    return result
