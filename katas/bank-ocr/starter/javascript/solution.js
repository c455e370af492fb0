/** Return the account number drawn in the three `lines`, plus " ERR" or " ILL" if needed. */
export function readAccount(lines) {
  // TODO
  return "?????????";
}
