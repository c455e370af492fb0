from solution import TennisGame


def test_first_point_to_the_first_player():
    game = TennisGame("Ada", "Grace")
    game.won_point("Ada")
    assert game.score() == "Fifteen-Love"
