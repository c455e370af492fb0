HEADER = "date || credit || debit || balance"


def _money(cents):
    return "%d.%02d" % divmod(cents, 100)


class BankAccount:
    def __init__(self):
        self._balance = 0
        self._lines = []

    def deposit(self, amount, date):
        self._balance += amount
        self._lines.append("%s || %s || || %s" % (date, _money(amount), _money(self._balance)))

    def withdraw(self, amount, date):
        if amount > self._balance:
            return False
        self._balance -= amount
        self._lines.append("%s || || %s || %s" % (date, _money(amount), _money(self._balance)))
        return True

    def balance(self):
        return self._balance

    def statement(self):
        return [HEADER] + self._lines[::-1]
