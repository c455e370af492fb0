def parse_args(schema, argv):
    """Parse the tokens `argv` against `schema` (e.g. "l,p#,d*").

    Return [flags, integers, strings], three maps from argument name to value, or
    raise an error whose message says what is wrong (see the statement).
    """
    # TODO: one flag first, absent and present.
    return None
