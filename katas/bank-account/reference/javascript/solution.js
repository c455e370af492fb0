const HEADER = 'date || credit || debit || balance';

function money(cents) {
  const units = Math.floor(cents / 100);
  const rest = cents - units * 100;
  return `${units}.${String(rest).padStart(2, '0')}`;
}

export class BankAccount {
  #balance = 0;
  #lines = [];

  deposit(amount, date) {
    this.#balance += amount;
    this.#lines.push(`${date} || ${money(amount)} || || ${money(this.#balance)}`);
  }

  withdraw(amount, date) {
    if (amount > this.#balance) return false;
    this.#balance -= amount;
    this.#lines.push(`${date} || || ${money(amount)} || ${money(this.#balance)}`);
    return true;
  }

  balance() {
    return this.#balance;
  }

  statement() {
    return [HEADER, ...this.#lines.toReversed()];
  }
}
