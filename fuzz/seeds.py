#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/ (committed; rerun after changing this).

No dependencies: a few lines of lib0 v1 encoding are enough for the frames a stock
Yjs client sends. Seeds for `sync_decode` are single websocket frames; seeds for
`room_messages` are operation scripts (see fuzz_targets/room_messages.rs).
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def varuint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def varbytes(b):
    return varuint(len(b)) + b


def varstring(s):
    return varbytes(s.encode())


def item(text, root=None, origin=None):
    """One string item: under a root type, or right after `origin` = (client, clock)."""
    if origin:
        return bytes([0x80 | 4]) + varuint(origin[0]) + varuint(origin[1]) + varstring(text)
    return bytes([4]) + varuint(1) + varstring(root) + varstring(text)


def update(clients, deletes=()):
    """clients: [(client, clock, [item bytes])]; deletes: [(client, [(clock, len)])]."""
    out = varuint(len(clients))
    for client, clock, items in clients:
        out += varuint(len(items)) + varuint(client) + varuint(clock)
        out += b"".join(items)
    out += varuint(len(deletes))
    for client, ranges in deletes:
        out += varuint(client) + varuint(len(ranges))
        for clock, length in ranges:
            out += varuint(clock) + varuint(length)
    return out


def step1(sv=()):
    body = varuint(len(sv)) + b"".join(varuint(c) + varuint(k) for c, k in sv)
    return b"\x00\x00" + varbytes(body)


def step2(u):
    return b"\x00\x01" + varbytes(u)


def sync_update(u):
    return b"\x00\x02" + varbytes(u)


def awareness(states):
    """states: [(client, clock, json text)]."""
    body = varuint(len(states))
    for client, clock, state in states:
        body += varuint(client) + varuint(clock) + varstring(state)
    return b"\x01" + varbytes(body)


QUERY = b"\x03"

# A client (id 1) types into both texts; then types more after its first item.
DEF_F = update([(1, 0, [item("def f(): pass", root="solution")])])
TESTS = update([(2, 0, [item("def test(): assert f() is None", root="tests")])])
MORE = update([(1, 13, [item("\n# more", origin=(1, 12))])])
DELETE = update([], deletes=[(1, [(0, 4)])])
ADA = json.dumps({"user": {"name": "Ada", "color": "#30bced"}})
# One item of binary `Any` content (a map {"k": [1, null]}) in a root named "x":
# gives the fuzzer nested values to grow. Refused: a Randori document holds text only.
ANY_MAP = (
    bytes([1, 1, 7, 0, 8, 1]) + varstring("x")
    + bytes([1, 118, 1]) + varstring("k") + bytes([117, 2, 125, 1, 126])
    + bytes([0])
)

FRAMES = {
    "step1-empty": step1(),
    "step1-sv": step1([(1, 13), (2, 30)]),
    "step2-empty": step2(b"\x00\x00"),
    "update-insert": sync_update(DEF_F),
    "step2-insert": step2(DEF_F),
    "update-tests": sync_update(TESTS),
    "update-after-origin": sync_update(MORE),
    "update-delete": sync_update(DELETE),
    "refused-any-map": sync_update(ANY_MAP),
    "awareness": awareness([(7, 1, ADA)]),
    "awareness-removed": awareness([(7, 2, "null")]),
    "query": QUERY,
    "step1-then-query": step1() + QUERY,
}


def tag(op, client=0, refused=False, variant=False):
    return bytes([int(refused) | op << 1 | client << 3 | int(variant) << 5])


def raw(frame, refused=False):
    return tag(0, refused=refused) + struct.pack("<H", len(frame)) + frame


def edit(client, text, at=0, field="solution", delete=False):
    kind = (field == "tests") | (delete << 1)
    data = bytes((ord(ch) - 32) % 95 for ch in text)
    return tag(1, client) + bytes([kind, at, len(data)]) + data


def send(client, index=0, as_step2=False, refused=False):
    return tag(2, client, refused, as_step2) + bytes([index])


def sync(client, client_step1):
    return tag(3, client, variant=client_step1)


SCRIPTS = {
    "raw-frames": b"".join(raw(f) for f in FRAMES.values()),
    "raw-then-refused": raw(FRAMES["update-insert"]) + raw(FRAMES["update-after-origin"], refused=True),
    "out-of-order": raw(FRAMES["update-after-origin"]) + raw(FRAMES["update-delete"]) + raw(FRAMES["update-insert"]),
    "clients-edit": edit(0, "hello") + send(0) + edit(1, "world", at=3) + send(1)
    + edit(1, "x", at=1, delete=True) + edit(2, "tests", field="tests") + send(1) + send(2, as_step2=True),
    "concurrent-reordered": edit(0, "aaaa") + edit(0, "bb", at=2) + edit(1, "cc") + send(0, 1)
    + send(1) + send(0) + sync(2, True),
    "offline-then-step2": edit(0, "offline") + edit(0, "more", at=7) + sync(0, False) + sync(1, True)
    + edit(1, "x", at=3) + send(1, refused=True) + send(1),
}


def write(target, items):
    directory = os.path.join(HERE, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    for name, data in items.items():
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write("sync_decode", FRAMES)
    write("room_messages", SCRIPTS)
    print(f"{len(FRAMES)} sync_decode seeds, {len(SCRIPTS)} room_messages seeds")
