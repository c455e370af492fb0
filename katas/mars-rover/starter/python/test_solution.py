from solution import MarsRover


def test_moves_forward_facing_north():
    rover = MarsRover(0, 0, "N", 10, 10, [])
    assert rover.execute("FF") == "0:2:N"
