from solution import berlin_clock


def test_midnight():
    assert berlin_clock("00:00:00") == ["Y", "OOOO", "OOOO", "OOOOOOOOOOO", "OOOO"]
