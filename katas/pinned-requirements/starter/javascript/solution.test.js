import { diffRequirements } from './solution.js';

test('a later version is an upgrade', () => {
  expect(diffRequirements('django==4.2.7\n', 'django==5.0\n')).toEqual(['upgraded django 4.2.7 -> 5.0']);
});
