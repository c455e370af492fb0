import { Record } from './solution.js';

test('a typed int converts what it is given', () => {
  const record = new Record();
  record.declareTyped('age', 'int');
  const ada = record.create();
  expect(record.set(ada, 'age', '036')).toBe(true);
  expect(record.get(ada, 'age')).toBe('36');
});
