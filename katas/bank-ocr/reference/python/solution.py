DRAWINGS = [
    " _ | ||_|",
    "     |  |",
    " _  _||_ ",
    " _  _| _|",
    "   |_|  |",
    " _ |_  _|",
    " _ |_ |_|",
    " _   |  |",
    " _ |_||_|",
    " _ |_| _|",
]
DIGIT_OF = {drawing: str(digit) for digit, drawing in enumerate(DRAWINGS)}


def _blocks(lines):
    for i in range(9):
        yield "".join(line[3 * i:3 * i + 3] for line in lines)


def _checksum_ok(number):
    return sum(weight * int(d) for weight, d in zip(range(9, 0, -1), number)) % 11 == 0


def read_account(lines):
    number = "".join(DIGIT_OF.get(block, "?") for block in _blocks(lines))
    if "?" in number:
        return number + " ILL"
    if not _checksum_ok(number):
        return number + " ERR"
    return number
