# The segments lit in each digit.
SEGMENTS = {
    "0": {"top", "upper_left", "upper_right", "lower_left", "lower_right", "bottom"},
    "1": {"upper_right", "lower_right"},
    "2": {"top", "upper_right", "middle", "lower_left", "bottom"},
    "3": {"top", "upper_right", "middle", "lower_right", "bottom"},
    "4": {"upper_left", "upper_right", "middle", "lower_right"},
    "5": {"top", "upper_left", "middle", "lower_right", "bottom"},
    "6": {"top", "upper_left", "middle", "lower_left", "lower_right", "bottom"},
    "7": {"top", "upper_right", "lower_right"},
    "8": {"top", "upper_left", "upper_right", "middle", "lower_left", "lower_right", "bottom"},
    "9": {"top", "upper_left", "upper_right", "middle", "lower_right", "bottom"},
}


def _digit(on, size):
    """The 2 * size + 3 rows, each size + 2 wide, of one digit with segments `on`."""

    def across(segment):
        return " " + ("-" if segment in on else " ") * size + " "

    def down(left, right):
        row = ("|" if left in on else " ") + " " * size + ("|" if right in on else " ")
        return [row] * size

    return (
        [across("top")]
        + down("upper_left", "upper_right")
        + [across("middle")]
        + down("lower_left", "lower_right")
        + [across("bottom")]
    )


def lcd_digits(number, size):
    blocks = [_digit(SEGMENTS[d], size) for d in str(number)]
    return [" ".join(rows) for rows in zip(*blocks)]
