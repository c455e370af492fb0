from solution import yatzy_score


def test_chance_adds_up_all_the_dice():
    assert yatzy_score([1, 1, 3, 3, 6], "chance") == 14
