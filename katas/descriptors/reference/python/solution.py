import re

WHOLE_NUMBER = re.compile(r"^[+-]?[0-9]+$")


def _as_int(text):
    if not WHOLE_NUMBER.match(text):
        return None
    digits = text.lstrip("+-").lstrip("0") or "0"
    return "-" + digits if text.startswith("-") and digits != "0" else digits


def _as_bool(text):
    lowered = text.lower()
    return lowered if lowered in ("true", "false") else None


CONVERTERS = {"int": _as_int, "bool": _as_bool, "str": lambda text: text}


class Record:
    def __init__(self):
        self.typed = {}      # name -> converter
        self.cached = {}     # name -> source names
        self.instances = []  # per instance: {"values": {...}, "computed": {...}}

    def declare_typed(self, name, kind):
        self.typed[name] = CONVERTERS[kind]

    def declare_cached(self, name, sources):
        self.cached[name] = list(sources)

    def create(self):
        self.instances.append({"values": {}, "computed": {}})
        return len(self.instances) - 1

    def set(self, instance, name, value):
        if name in self.typed:
            value = self.typed[name](value)
            if value is None:
                return False
        self.instances[instance]["values"][name] = value
        return True

    def get(self, instance, name):
        state = self.instances[instance]
        if name in state["values"] or name not in self.cached:
            return state["values"].get(name)
        parts = [self.get(instance, source) for source in self.cached[name]]
        value = " ".join(part for part in parts if part is not None)
        state["values"][name] = value
        state["computed"][name] = state["computed"].get(name, 0) + 1
        return value

    def clear(self, instance, name):
        return self.instances[instance]["values"].pop(name, None) is not None

    def computations(self, instance, name):
        return self.instances[instance]["computed"].get(name, 0)
