const KINDS = new Map([["", "flag"], ["#", "integer"], ["*", "string"]]);
const DEFAULTS = { flag: false, integer: 0, string: "" };
const NAME = /^[a-zA-Z]$/;
const INTEGER = /^-?[0-9]{1,9}$/;

// Only spaces count as surrounding space (String.prototype.trim strips more).
function stripSpaces(text) {
  return text.replace(/^ +| +$/g, "");
}

function parseSchema(schema) {
  const kinds = new Map();
  if (stripSpaces(schema) === "") return kinds;
  for (const raw of schema.split(",")) {
    const element = stripSpaces(raw);
    const name = element.slice(0, 1);
    const marker = element.slice(1);
    if (element.length < 1 || element.length > 2 || !NAME.test(name) || !KINDS.has(marker)) {
      throw new Error("invalid schema element: " + element);
    }
    if (kinds.has(name)) throw new Error("duplicate schema element: " + name);
    kinds.set(name, KINDS.get(marker));
  }
  return kinds;
}

function parseInteger(name, text) {
  if (!INTEGER.test(text)) throw new Error(`invalid integer for -${name}: ${text}`);
  return Number(text) || 0; // "-0" is 0, not -0
}

export function parseArgs(schema, argv) {
  const kinds = parseSchema(schema);
  const values = new Map();
  for (const [name, kind] of kinds) values.set(name, DEFAULTS[kind]);
  let position = 0;
  while (position < argv.length) {
    const token = argv[position++];
    if (!(token.startsWith("-") && token.length > 1)) throw new Error("unexpected value: " + token);
    for (const name of token.slice(1)) {
      const kind = kinds.get(name);
      if (kind === undefined) throw new Error("unknown argument: -" + name);
      if (kind === "flag") {
        values.set(name, true);
        continue;
      }
      if (position === argv.length) throw new Error("missing value for -" + name);
      const text = argv[position++];
      values.set(name, kind === "integer" ? parseInteger(name, text) : text);
    }
  }
  return ["flag", "integer", "string"].map((kind) =>
    Object.fromEntries([...values].filter(([name]) => kinds.get(name) === kind)),
  );
}
