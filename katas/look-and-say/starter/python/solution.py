def look_and_say(term, steps):
    """Read the digits of `term` aloud `steps` times: "1" -> "11" -> "21" -> "1211"."""
    # TODO
    return None
