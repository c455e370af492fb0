from solution import evaluate_guess


def test_one_well_placed_and_one_misplaced():
    secret = ["blue", "red", "green", "pink"]
    assert evaluate_guess(secret, ["yellow", "red", "blue", "purple"]) == [1, 1]
