def berlin_clock(time):
    """Return the five rows of lamps ("Y", "R" or "O") showing `time` ("HH:MM:SS")."""
    # TODO
    return ["O", "OOOO", "OOOO", "OOOOOOOOOOO", "OOOO"]
