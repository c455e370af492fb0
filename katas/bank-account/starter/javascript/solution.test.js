import { BankAccount } from './solution.js';

test('a deposit shows on the statement', () => {
  const account = new BankAccount();
  account.deposit(100000, '10/01/2012');
  const expected = ['date || credit || debit || balance', '10/01/2012 || 1000.00 || || 1000.00'];
  expect(account.statement()).toEqual(expected);
});
