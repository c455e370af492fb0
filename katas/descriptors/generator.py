import random

KINDS = ["int", "bool", "str"]
TYPED_NAMES = ["age", "count", "score", "active", "admin", "first", "last", "title"]
CACHED_NAMES = ["full_name", "label", "summary", "greeting"]
PLAIN_NAMES = ["note", "colour", "city", "Age"]
TEXTS = {
    "int": ["0", "7", "-7", "+7", "007", "-0042", "-0", "+000", "123456789012345",
            "", "-", "+", " 5", "5 ", "1.5", "1e3", "--5", "twelve", "\u0663"],
    "bool": ["true", "false", "TRUE", "False", "tRuE", "yes", "no", "1", "0", "", " true"],
    "str": ["", "Ada", "Lovelace", "  spaced  ", "line\nbreak", "+007", "TRUE", "Grace Hopper"],
}


def _text(rng, kind):
    if kind in TEXTS and rng.random() < 0.85:
        return rng.choice(TEXTS[kind])
    return rng.choice(TEXTS[rng.choice(KINDS)])


def generate(seed, count):
    """Return `count` call sequences for Record, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        calls = []
        kind_of = {}
        for name in rng.sample(TYPED_NAMES, rng.randint(0, 4)):
            kind_of[name] = rng.choice(KINDS)
            calls.append(["declare_typed", [name, kind_of[name]]])
        known = list(kind_of) + rng.sample(PLAIN_NAMES, 2)
        cached = []
        for name in rng.sample(CACHED_NAMES, rng.randint(0, 3)):
            sources = [rng.choice(known) for _ in range(rng.randint(0, 3))]
            calls.append(["declare_cached", [name, sources]])
            cached.append(name)
            known.append(name)  # later cached attributes may build on this one
        instances = rng.randint(1, 3)
        for _ in range(instances):
            calls.append(["create", []])
        names = known + ["unknown"]
        for _ in range(rng.randint(1, 40)):
            who = rng.randrange(instances)
            name = rng.choice(names)
            roll = rng.random()
            if roll < 0.4:
                calls.append(["set", [who, name, _text(rng, kind_of.get(name, "str"))]])
            elif roll < 0.75:
                calls.append(["get", [who, name]])
            elif roll < 0.9:
                calls.append(["clear", [who, name]])
            else:
                calls.append(["computations", [who, rng.choice(cached or names)]])
        cases.append({"init": [], "calls": calls})
    return cases
