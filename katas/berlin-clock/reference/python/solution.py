def _row(lit, total, colour):
    return colour * lit + "O" * (total - lit)


def berlin_clock(time):
    hours, minutes, seconds = (int(part) for part in time.split(":"))
    five_minutes = "".join(
        ("R" if i % 3 == 2 else "Y") if i < minutes // 5 else "O" for i in range(11)
    )
    return [
        "Y" if seconds % 2 == 0 else "O",
        _row(hours // 5, 4, "R"),
        _row(hours % 5, 4, "R"),
        five_minutes,
        _row(minutes % 5, 4, "Y"),
    ]
