import re

REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*"
    r"(?:\[[^\]]*\])?\s*==\s*(?P<version>\S+)$"
)
VERSION = re.compile(
    r"^(?P<release>\d+(?:\.\d+)*)"
    r"(?:(?P<pre_kind>a|b|rc)(?P<pre_number>\d+))?"
    r"(?:\.post(?P<post>\d+))?"
    r"(?:\.dev(?P<dev>\d+))?$"
)
PRE_RANK = {"a": 0, "b": 1, "rc": 2}


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(text):
    """A tuple that sorts versions in PEP 440 order (for the subset this kata uses)."""
    m = VERSION.match(text)
    release = [int(part) for part in m["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()
    if m["pre_kind"]:
        pre = (1, PRE_RANK[m["pre_kind"]], int(m["pre_number"]))
    elif m["dev"] is not None and m["post"] is None:
        pre = (0,)  # a bare development release: 1.0.dev1 comes before 1.0a1
    else:
        pre = (2,)  # the release itself, or one of its post-releases
    post = (0,) if m["post"] is None else (1, int(m["post"]))
    dev = (1,) if m["dev"] is None else (0, int(m["dev"]))
    return (tuple(release), pre, post, dev)


def strip_comment(line):
    for i, char in enumerate(line):
        if char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def parse(text):
    pins = {}
    for line in text.split("\n"):
        line = strip_comment(line).strip()
        if line:
            m = REQUIREMENT.match(line)
            pins[normalise(m["name"])] = m["version"]
    return pins


def diff_requirements(old, new):
    before, after = parse(old), parse(new)
    changes = []
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            changes.append("removed {} {}".format(name, before[name]))
        elif name not in before:
            changes.append("added {} {}".format(name, after[name]))
        else:
            was, now = version_key(before[name]), version_key(after[name])
            if now > was:
                changes.append("upgraded {} {} -> {}".format(name, before[name], after[name]))
            elif now < was:
                changes.append("downgraded {} {} -> {}".format(name, before[name], after[name]))
    return changes
