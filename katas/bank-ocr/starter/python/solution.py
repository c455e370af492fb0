def read_account(lines):
    """Return the account number drawn in the three `lines`, plus " ERR" or " ILL" if needed."""
    # TODO
    return "?????????"
