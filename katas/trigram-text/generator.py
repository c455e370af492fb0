import random

# A small vocabulary makes pairs repeat, so that keys get several followers.
VOCABULARY = ["the", "The", "cat", "sat", "on", "mat", "a", "A", "dog", "ran", "to", "be",
              "or", "not", "I", "wish", "may", "might", "and", "so", "it", "goes", "is",
              "was", "the,", "cat.", "mat!", "\"Hello\"", "(said", "she)", "x", "ab", "Zoo",
              "apple", "42", "--", "don't", "e.g.", "well-known"]
WHITESPACE = [" ", " ", " ", " ", "  ", "\n", "\t", "\r\n", " \n "]
PRINTABLE = [chr(c) for c in range(33, 127)]


def _word(rng, vocabulary):
    if rng.random() < 0.1:
        return "".join(rng.choice(PRINTABLE) for _ in range(rng.randint(1, 6)))
    return rng.choice(vocabulary)


def generate(seed, count):
    """Return `count` texts for trigrams, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        vocabulary = rng.sample(VOCABULARY, rng.randint(2, len(VOCABULARY)))
        length = rng.choice([rng.randint(0, 5), rng.randint(3, 40), rng.randint(20, 400)])
        words = [_word(rng, vocabulary) for _ in range(length)]
        text = rng.choice(["", "", " ", "\n"])
        for i, word in enumerate(words):
            if i:
                text += rng.choice(WHITESPACE)
            text += word
        text += rng.choice(["", "", " ", "\n", " \t"])
        cases.append({"args": [text]})
    return cases
