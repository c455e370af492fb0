import re


def add(numbers):
    delimiters = [",", "\n"]
    body = numbers
    if numbers.startswith("//"):
        header, body = numbers[2:].split("\n", 1)
        if header.startswith("["):
            delimiters += re.findall(r"\[([^\]]+)\]", header)
        else:
            delimiters.append(header)
    if body == "":
        return 0
    # longest first, so that a delimiter is never cut by a shorter one
    pattern = "|".join(re.escape(d) for d in sorted(delimiters, key=len, reverse=True))
    values = [int(token) for token in re.split(pattern, body)]
    negatives = [v for v in values if v < 0]
    if negatives:
        raise ValueError("negatives not allowed: " + ", ".join(str(v) for v in negatives))
    return sum(v for v in values if v <= 1000)
