import { Lift } from "./solution.js";

test("the lift moves one floor a tick, then stops", () => {
  const lift = new Lift(10);
  lift.call(2);
  lift.tick();
  lift.tick();
  expect(lift.floor()).toBe(2);
  expect(lift.stops()).toEqual([]);
  lift.tick();
  expect(lift.stops()).toEqual([2]);
});
