import json
import random

KEY_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. "
WORDS = ["id", "name", "tags", "items", "config", "0", "1", "10", "v1.2", "a.b", "x.str",
         "first name", "_meta", "dict", "list", "int", "B", "b", "ab", "a b", ".", "-"]
TEXTS = ["", "Ada", "hello world", "line one\nline two\n", 'say "hi"', "back\\slash",
         "tab\there", "caf\u00e9", "Z\u00fcrich", "\u65e5\u672c", "\U0001f600", "ctrl\u0001\u001f",
         "a/b", "42", "true", "[]", "{}", " padded "]
INTS = [0, 1, -1, 7, 42, -42, 1815, 9007199254740991, -9007199254740991]


def _key(rng):
    if rng.random() < 0.5:
        return rng.choice(WORDS)
    return "".join(rng.choice(KEY_CHARS) for _ in range(rng.randint(1, 8)))


def _value(rng, depth):
    roll = rng.random()
    if depth >= 4 or roll < 0.45:
        kind = rng.randrange(4)
        if kind == 0:
            return rng.choice(TEXTS)
        if kind == 1:
            return rng.choice(INTS + [rng.randint(-10**6, 10**6)])
        if kind == 2:
            return rng.random() < 0.5
        return "".join(rng.choice(KEY_CHARS) for _ in range(rng.randint(0, 12)))
    if roll < 0.75:
        return _object(rng, depth + 1)
    return [_value(rng, depth + 1) for _ in range(rng.choice([0, 1, 2, 3, rng.randint(4, 13)]))]


def _object(rng, depth):
    size = rng.choice([0, 1, 2, 3, rng.randint(1, 6)])
    return {_key(rng): _value(rng, depth) for _ in range(size)}


def _files(value, path, out):
    """The files of one value at `path` (the generator's own copy of the format)."""
    if isinstance(value, bool):
        out[path + ".bool"] = "true" if value else "false"
    elif isinstance(value, int):
        out[path + ".int"] = str(value)
    elif isinstance(value, str):
        out[path + ".str"] = value
    else:
        kind = "dict" if isinstance(value, dict) else "list"
        if not value:
            out[path + "." + kind] = ""
        items = value.items() if kind == "dict" else enumerate(value)
        for key, item in items:
            _files(item, "%s.%s/%s" % (path, kind, key), out)


def _document_text(rng, doc):
    """The document as JSON text, spaced and ordered any which way."""
    if rng.random() < 0.5:
        keys = list(doc)
        rng.shuffle(keys)
        doc = {k: doc[k] for k in keys}
    indent = rng.choice([None, None, 2, "\t"])
    separators = rng.choice([(",", ":"), (", ", ": "), (" , ", " : ")])
    return json.dumps(doc, indent=indent, separators=separators, ensure_ascii=rng.random() < 0.3)


def generate(seed, count):
    """Return `count` call sequences for DirectoryStore, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        calls = []
        for _ in range(rng.randint(1, 3)):
            doc = _object(rng, 0)
            files = {}
            for key, value in doc.items():
                _files(value, key, files)
            if rng.random() < 0.8:
                calls.append(["to_files", [_document_text(rng, doc)]])
            if rng.random() < 0.8:
                shuffled = list(files.items())
                rng.shuffle(shuffled)
                calls.append(["from_files", [dict(shuffled)]])
        if not calls:
            calls.append(["to_files", ["{}"]])
        cases.append({"init": [], "calls": calls})
    return cases
