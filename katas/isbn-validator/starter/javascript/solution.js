/** Return true when `isbn` is a valid ISBN-10 or ISBN-13 (hyphens and spaces ignored). */
export function isValidIsbn(isbn) {
  // TODO: start with a plain ISBN-10.
  return null;
}
