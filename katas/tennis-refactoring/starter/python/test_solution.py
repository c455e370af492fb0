from solution import TennisGame


def test_the_deciding_point_wins_the_game():
    game = TennisGame("Borg", "McEnroe", True)
    for _ in range(3):
        game.won_point("Borg")
        game.won_point("McEnroe")
    assert game.score() == "Deciding Point"
    game.won_point("McEnroe")
    assert game.score() == "Win for McEnroe"
