from solution import Lift


def test_the_lift_moves_one_floor_a_tick_then_stops():
    lift = Lift(10)
    lift.call(2)
    lift.tick()
    lift.tick()
    assert lift.floor() == 2
    assert lift.stops() == []
    lift.tick()
    assert lift.stops() == [2]
