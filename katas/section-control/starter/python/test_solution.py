from solution import speeding_tickets


def test_one_car_too_fast_between_two_cameras():
    sightings = [["AB-123", 0, 0], ["AB-123", 2, 60]]
    assert speeding_tickets(sightings, 100) == [["AB-123", 0, 2, 120]]
