/** Return `text` with "\n" inserted so that no line is longer than `width`. */
export function wrap(text, width) {
  // TODO
  return text;
}
