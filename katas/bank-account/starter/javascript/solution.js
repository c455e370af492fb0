/** A current account; amounts are in cents, dates are given with each transaction. */
export class BankAccount {
  constructor() {}

  /** Put `amount` cents into the account on `date`. */
  deposit(amount, date) {
    // TODO
  }

  /** Take `amount` cents out on `date`; return false (and do nothing) if the balance is too low. */
  withdraw(amount, date) {
    // TODO
    return null;
  }

  /** Return the balance in cents. */
  balance() {
    // TODO
    return null;
  }

  /** Return the statement lines: the header, then the transactions, newest first. */
  statement() {
    // TODO
    return [];
  }
}
