from solution import BowlingGame


def test_all_ones():
    game = BowlingGame()
    for _ in range(20):
        game.roll(1)
    assert game.score() == 20
