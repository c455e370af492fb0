from solution import read_account


def test_reads_all_the_digits():
    lines = [
        "    _  _     _  _  _  _  _ ",
        "  | _| _||_||_ |_   ||_||_|",
        "  ||_  _|  | _||_|  ||_| _|",
    ]
    assert read_account(lines) == "123456789"
