import re

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
KINDS = {"": "flag", "#": "integer", "*": "string"}
DEFAULTS = {"flag": False, "integer": 0, "string": ""}
INTEGER = re.compile(r"-?[0-9]{1,9}")


def _parse_schema(schema):
    kinds = {}
    if schema.strip(" ") == "":
        return kinds
    for raw in schema.split(","):
        element = raw.strip(" ")
        if len(element) not in (1, 2) or element[0] not in LETTERS or element[1:] not in KINDS:
            raise ValueError("invalid schema element: " + element)
        name = element[0]
        if name in kinds:
            raise ValueError("duplicate schema element: " + name)
        kinds[name] = KINDS[element[1:]]
    return kinds


def _integer(name, text):
    if INTEGER.fullmatch(text) is None:
        raise ValueError("invalid integer for -%s: %s" % (name, text))
    return int(text)


def parse_args(schema, argv):
    kinds = _parse_schema(schema)
    values = {name: DEFAULTS[kind] for name, kind in kinds.items()}
    position = 0
    while position < len(argv):
        token = argv[position]
        position += 1
        if not (token.startswith("-") and len(token) > 1):
            raise ValueError("unexpected value: " + token)
        for name in token[1:]:
            kind = kinds.get(name)
            if kind is None:
                raise ValueError("unknown argument: -" + name)
            if kind == "flag":
                values[name] = True
                continue
            if position == len(argv):
                raise ValueError("missing value for -" + name)
            text = argv[position]
            position += 1
            values[name] = _integer(name, text) if kind == "integer" else text
    return [
        {n: v for n, v in values.items() if kinds[n] == kind}
        for kind in ("flag", "integer", "string")
    ]
