from solution import compare_hands


def test_the_higher_card_wins():
    assert compare_hands("2H 3D 5S 9C KD", "2C 3H 4S 8C AH") == "White wins with high card"
