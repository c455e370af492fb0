def wrap(text, width):
    lines = []
    current = ""
    for word in text.split():
        while word:
            if not current and len(word) > width:
                lines.append(word[:width])
                word = word[width:]
            elif not current:
                current, word = word, ""
            elif len(current) + 1 + len(word) <= width:
                current, word = current + " " + word, ""
            else:
                lines.append(current)
                current = ""
    if current:
        lines.append(current)
    return "\n".join(lines)
