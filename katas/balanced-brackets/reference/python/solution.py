PARTNERS = {")": "(", "]": "[", "}": "{"}
OPENING = set(PARTNERS.values())


def is_balanced(text):
    open_brackets = []
    for char in text:
        if char in OPENING:
            open_brackets.append(char)
        elif char in PARTNERS:
            if not open_brackets or open_brackets.pop() != PARTNERS[char]:
                return False
    return not open_brackets
