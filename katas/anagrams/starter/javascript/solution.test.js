import { findAnagrams } from './solution.js';

test('finds the only anagram', () => {
  expect(findAnagrams('listen', ['enlists', 'google', 'inlets', 'banana'])).toEqual(['inlets']);
});
