class BankAccount:
    """A current account; amounts are in cents, dates are given with each transaction."""

    def __init__(self):
        pass

    def deposit(self, amount, date):
        """Put `amount` cents into the account on `date`."""
        # TODO
        pass

    def withdraw(self, amount, date):
        """Take `amount` cents out on `date`; return False (and do nothing) if the balance is too low."""
        # TODO
        return None

    def balance(self):
        """Return the balance in cents."""
        # TODO
        return None

    def statement(self):
        """Return the statement lines: the header, then the transactions, newest first."""
        # TODO
        return []
