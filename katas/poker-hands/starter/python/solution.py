def compare_hands(black, white):
    """Compare two hands such as "2H 3D 5S 9C KD": "Black wins with pair", "White wins with flush" or "Tie"."""
    # TODO
    return None
