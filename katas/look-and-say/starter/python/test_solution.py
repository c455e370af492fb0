from solution import look_and_say


def test_one_is_read_one_one():
    assert look_and_say("1", 1) == "11"
