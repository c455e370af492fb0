import random


def _amount(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return rng.randint(1, 99)
    if kind == 1:
        return 100 * rng.randint(1, 5000)
    if kind == 2:
        return rng.choice([1, 5, 10, 50, 100, 105, 1000, 10000000])
    return rng.randint(1, rng.choice([10000, 1000000, 10000000]))


def generate(seed, count):
    """Return `count` accounts' histories for BankAccount, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1990, 2030)
        balance = 0
        calls = []
        for _ in range(rng.randint(0, rng.choice([5, 20, 100]))):
            if rng.random() < 0.6:
                day += 1
                if day > 28:
                    day, month = 1, month + 1
                    if month > 12:
                        month, year = 1, year + 1
            date = "%02d/%02d/%04d" % (day, month, year)
            if rng.random() < 0.45:
                amount = _amount(rng)
                calls.append(["deposit", [amount, date]])
                balance += amount
            else:
                # sometimes the exact balance, sometimes more than there is
                choice = rng.random()
                if choice < 0.1 and balance > 0:
                    amount = balance
                elif choice < 0.25:
                    amount = balance + rng.randint(1, 1000)
                else:
                    amount = _amount(rng)
                amount = max(1, min(amount, 10000000))
                calls.append(["withdraw", [amount, date]])
                if amount <= balance:
                    balance -= amount
            if rng.random() < 0.2:
                calls.append([rng.choice(["balance", "statement"]), []])
        calls.append(["balance", []])
        calls.append(["statement", []])
        cases.append({"init": [], "calls": calls})
    return cases
