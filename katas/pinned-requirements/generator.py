import random

PACKAGES = ["django", "requests", "numpy", "six", "attrs", "flask", "jinja2",
            "zope.interface", "python-dateutil", "typing_extensions", "PyYAML",
            "charset-normalizer", "urllib3", "Babel", "Mako", "pytest", "pytest-cov",
            "ruamel.yaml", "sqlalchemy", "markupsafe", "idna", "certifi", "packaging"]
EXTRAS = ["socks", "security", "redis", "dev", "test"]
COMMENTS = ["# pinned", "# via -r requirements.in", "# security fix", "#todo"]


def _respell(rng, name):
    """The same package as someone else might write it."""
    if rng.random() < 0.3:
        name = rng.choice([name.upper(), name.lower(), name.capitalize()])
    if rng.random() < 0.3:
        sep = rng.choice(["-", "_", ".", "--", "_-"])
        name = name.replace("-", sep).replace("_", sep).replace(".", sep)
    return name


def _version(rng):
    release = [rng.choice([0, 1, 2, 3, 9, 10, 12]) for _ in range(rng.randint(1, 4))]
    text = ".".join(str(n) for n in release)
    if rng.random() < 0.25:
        text += rng.choice(["a", "b", "rc"]) + str(rng.randint(0, 11))
    if rng.random() < 0.15:
        text += ".post" + str(rng.randint(0, 11))
    if rng.random() < 0.15:
        text += ".dev" + str(rng.randint(0, 11))
    return text


def _near(rng, version):
    """A version close to `version`: equal, padded, or a small step away."""
    kind = rng.randrange(5)
    if kind == 0:
        return version
    if kind == 1 and version[-1].isdigit() and "a" not in version and "b" not in version \
            and "rc" not in version and "post" not in version and "dev" not in version:
        return version + ".0"
    if kind == 2:
        return version + rng.choice([".post1", ".dev0", "rc1", ".1"]) \
            if version.replace(".", "").isdigit() else version
    return _version(rng)


def _line(rng, name, version):
    extras = ""
    if rng.random() < 0.15:
        extras = "[" + ",".join(rng.sample(EXTRAS, rng.randint(1, 2))) + "]"
    op = rng.choice(["==", "==", "==", " == ", "== "])
    line = _respell(rng, name) + extras + op + version
    if rng.random() < 0.15:
        line += rng.choice(["  ", " ", "\t"]) + rng.choice(COMMENTS)
    if rng.random() < 0.1:
        line = rng.choice(["  ", "\t"]) + line
    return line


def _text(rng, pins):
    lines = []
    if rng.random() < 0.4:
        lines.append(rng.choice(COMMENTS))
    for name, version in pins:
        lines.append(_line(rng, name, version))
        if rng.random() < 0.1:
            lines.append(rng.choice(["", "   ", rng.choice(COMMENTS)]))
    text = "\n".join(lines)
    return text + "\n" if lines and rng.random() < 0.8 else text


def generate(seed, count):
    """Return `count` (old, new) requirement files for diff_requirements, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        chosen = rng.sample(PACKAGES, rng.randint(0, 12))
        old, new = [], []
        for name in chosen:
            fate = rng.random()
            version = _version(rng)
            if fate < 0.15:
                old.append((name, version))
            elif fate < 0.3:
                new.append((name, version))
            else:
                old.append((name, version))
                new.append((name, _near(rng, version)))
        rng.shuffle(new)
        cases.append({"args": [_text(rng, old), _text(rng, new)]})
    return cases
