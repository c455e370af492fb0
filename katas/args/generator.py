import random
import string

LETTERS = string.ascii_letters
WORDS = ["/usr/logs", "8080", "-l", "-", "", "hello world", "a,b", "x#", "--verbose",
         "config.toml", "  padded  ", "-5", "yes", "0"]
PRINTABLE = string.ascii_letters + string.digits + string.punctuation + " "


def _schema(rng, names, kinds):
    parts = []
    for name in names:
        marker = {"flag": "", "integer": "#", "string": "*"}[kinds[name]]
        parts.append(" " * rng.choice([0, 0, 0, 1, 2]) + name + marker + " " * rng.choice([0, 0, 0, 1]))
    return ",".join(parts)


def _integer(rng):
    kind = rng.randrange(4)
    if kind == 0:
        return str(rng.randint(0, 100))
    if kind == 1:
        return str(rng.randint(-999999999, 999999999))
    if kind == 2:
        return "0" * rng.randint(1, 3) + str(rng.randint(0, 999))
    return "-" + str(rng.randint(0, 99999))


def _string(rng):
    if rng.random() < 0.4:
        return rng.choice(WORDS)
    return "".join(rng.choice(PRINTABLE) for _ in range(rng.randint(0, 12)))


def generate(seed, count):
    """Return `count` (schema, argv) pairs that parse without error, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        names = rng.sample(LETTERS, rng.randint(0, 8))
        kinds = {name: rng.choice(["flag", "integer", "string"]) for name in names}
        schema = _schema(rng, names, kinds)
        argv = []
        if names:
            for _ in range(rng.randint(0, 6)):
                group = [rng.choice(names) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
                argv.append("-" + "".join(group))
                for name in group:
                    if kinds[name] == "integer":
                        argv.append(_integer(rng))
                    elif kinds[name] == "string":
                        argv.append(_string(rng))
        cases.append({"args": [schema, argv]})
    return cases
