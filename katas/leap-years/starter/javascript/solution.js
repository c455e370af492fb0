/** Return true when `year` has a 29th of February in the Gregorian calendar. */
export function isLeapYear(year) {
  // TODO: one rule at a time.
  return false;
}
