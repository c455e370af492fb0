def gil_trace(threads, switch_interval):
    """Return, tick by tick, the name of the thread holding the GIL, or "-" when none ran."""
    # TODO
    return []
