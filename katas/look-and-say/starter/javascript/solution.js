/** Read the digits of `term` aloud `steps` times: "1" -> "11" -> "21" -> "1211". */
export function lookAndSay(term, steps) {
  // TODO
  return null;
}
