import re

WHITESPACE = re.compile(r"[ \t\n\r]+")


def trigrams(text):
    words = [w for w in WHITESPACE.split(text) if w]
    followers = {}
    for first, second, third in zip(words, words[1:], words[2:]):
        followers.setdefault(first + " " + second, []).append(third)
    return {key: sorted(after) for key, after in followers.items()}
