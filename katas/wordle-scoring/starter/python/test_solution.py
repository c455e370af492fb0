from solution import score_guess


def test_one_letter_in_the_right_place():
    assert score_guess("slate", "crane") == "--G-G"
