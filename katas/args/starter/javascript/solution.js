/**
 * Parse the tokens `argv` against `schema` (e.g. "l,p#,d*").
 *
 * Return [flags, integers, strings], three maps from argument name to value, or
 * throw an error whose message says what is wrong (see the statement).
 */
export function parseArgs(schema, argv) {
  // TODO: one flag first, absent and present.
  return null;
}
