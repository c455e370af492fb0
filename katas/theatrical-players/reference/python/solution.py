def _tragedy_amount(audience):
    return 40000 + 1000 * max(audience - 30, 0)


def _comedy_amount(audience):
    bonus = 10000 + 500 * (audience - 20) if audience > 20 else 0
    return 30000 + bonus + 300 * audience


def _history_amount(audience):
    return 35000 + 1200 * max(audience - 25, 0)


AMOUNT_IN_CENTS = {
    "tragedy": _tragedy_amount,
    "comedy": _comedy_amount,
    "history": _history_amount,
}

# Every play earns a credit per seat over thirty, some genres earn extra ones.
EXTRA_CREDITS = {
    "tragedy": lambda audience: 0,
    "comedy": lambda audience: audience // 5,
    "history": lambda audience: audience // 10,
}


def _usd(cents):
    return "${:,}.{:02d}".format(cents // 100, cents % 100)


def _credits(genre, audience):
    return max(audience - 30, 0) + EXTRA_CREDITS[genre](audience)


def statement(customer, performances, plays):
    lines = ["Statement for " + customer]
    total = 0
    credits = 0
    for play_id, audience in performances:
        play = plays[play_id]
        amount = AMOUNT_IN_CENTS[play["type"]](audience)
        lines.append("  {}: {} ({} seats)".format(play["name"], _usd(amount), audience))
        total += amount
        credits += _credits(play["type"], audience)
    lines.append("Amount owed is " + _usd(total))
    lines.append("You earned {} credits".format(credits))
    return "\n".join(lines) + "\n"
