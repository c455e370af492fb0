SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10 ** 9, "billion"), (10 ** 6, "million"), (10 ** 3, "thousand"), (1, "")]


def _below_hundred(n):
    if n < 20:
        return SMALL[n]
    tens, units = divmod(n, 10)
    return TENS[tens] + ("-" + SMALL[units] if units else "")


def _below_thousand(n):
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    words = SMALL[hundreds] + " hundred"
    return words + (" and " + _below_hundred(rest) if rest else "")


def number_name(n):
    if n < 0:
        return "minus " + number_name(-n)
    if n == 0:
        return "zero"
    text = ""
    for scale, word in SCALES:
        group, n = divmod(n, scale)
        if group == 0:
            continue
        name = _below_thousand(group) + (" " + word if word else "")
        if not text:
            text = name
        elif scale == 1 and group < 100:
            text += " and " + name
        else:
            text += ", " + name
    return text
