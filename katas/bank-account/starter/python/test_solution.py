from solution import BankAccount


def test_a_deposit_shows_on_the_statement():
    account = BankAccount()
    account.deposit(100000, "10/01/2012")
    expected = ["date || credit || debit || balance", "10/01/2012 || 1000.00 || || 1000.00"]
    assert account.statement() == expected
