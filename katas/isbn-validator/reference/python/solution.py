DIGITS = "0123456789"


def _valid_isbn10(code):
    if len(code) != 10 or any(c not in DIGITS for c in code[:9]):
        return False
    if code[9] not in DIGITS and code[9] != "X":
        return False
    values = [int(c) for c in code[:9]] + [10 if code[9] == "X" else int(code[9])]
    return sum(v * w for v, w in zip(values, range(10, 0, -1))) % 11 == 0


def _valid_isbn13(code):
    if len(code) != 13 or any(c not in DIGITS for c in code) or code[:3] not in ("978", "979"):
        return False
    return sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code)) % 10 == 0


def is_valid_isbn(isbn):
    code = isbn.replace("-", "").replace(" ", "")
    return _valid_isbn10(code) or _valid_isbn13(code)
