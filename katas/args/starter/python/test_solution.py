from solution import parse_args


def test_a_flag_an_integer_and_a_string():
    expected = [{"l": True}, {"p": 8080}, {"d": "/usr/logs"}]
    assert parse_args("l,p#,d*", ["-l", "-p", "8080", "-d", "/usr/logs"]) == expected
