from solution import TicTacToe


def test_the_players_take_turns():
    game = TicTacToe()
    assert game.play(1, 1) is True
    assert game.status() == "O to play"
