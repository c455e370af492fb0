from solution import wrap


def test_two_words_that_do_not_fit_on_one_line():
    assert wrap("hello world", 5) == "hello\nworld"
