from itertools import groupby


class RunLengthCodec:
    def encode(self, text):
        parts = []
        for char, run in groupby(text):
            length = len(list(run))
            parts.append(f"{length}{char}" if length > 1 else char)
        return "".join(parts)

    def decode(self, encoded):
        parts = []
        count = ""
        for char in encoded:
            if char.isdigit():
                count += char
            else:
                parts.append(char * int(count or "1"))
                count = ""
        return "".join(parts)
