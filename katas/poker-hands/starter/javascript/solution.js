/** Compare two hands such as "2H 3D 5S 9C KD": "Black wins with pair", "White wins with flush" or "Tie". */
export function compareHands(black, white) {
  // TODO
  return null;
}
