/** Return the field with each "." replaced by the count of neighbouring mines. */
export function annotate(field) {
  // TODO
  return [...field];
}
