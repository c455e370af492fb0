import { statement } from './solution.js';

test('a history play', () => {
  const plays = { 'henry-v': { name: 'Henry V', type: 'history' } };
  expect(statement('Globe Trust', [['henry-v', 30]], plays)).toBe(
    'Statement for Globe Trust\n' +
      '  Henry V: $410.00 (30 seats)\n' +
      'Amount owed is $410.00\n' +
      'You earned 3 credits\n',
  );
});
