import { annotate } from './solution.js';

test('a mine and its neighbours', () => {
  expect(annotate(['*.', '..'])).toEqual(['*1', '11']);
});
