// A list under construction: its items by index (as text), in whatever order they arrive.
class Slots extends Map {}

function store(path, value, files) {
  if (typeof value === "boolean") {
    files[path + ".bool"] = String(value);
  } else if (typeof value === "number") {
    files[path + ".int"] = String(value);
  } else if (typeof value === "string") {
    files[path + ".str"] = value;
  } else {
    const kind = Array.isArray(value) ? "list" : "dict";
    const entries = Object.entries(value); // for an array: [["0", item], ["1", item], ...]
    if (entries.length === 0) files[`${path}.${kind}`] = "";
    for (const [key, item] of entries) store(`${path}.${kind}/${key}`, item, files);
  }
}

/** "v1.2.int" -> ["v1.2", "int"]: the type is whatever follows the last dot. */
function splitType(name) {
  const dot = name.lastIndexOf(".");
  return [name.slice(0, dot), name.slice(dot + 1)];
}

function leafValue(kind, text) {
  switch (kind) {
    case "str": return text;
    case "int": return Number(text);
    case "bool": return text === "true";
    case "dict": return new Map();
    default: return new Slots();
  }
}

// Canonical JSON, written by hand: a plain object would put integer-like keys ("10",
// "9") first, whatever order they were added in. JSON.stringify escapes strings exactly
// as the canonical form asks (\" \\ \b \t \n \f \r, \u00xx for other controls).
function canonical(node) {
  if (node instanceof Slots) {
    const indexes = [...node.keys()].sort((a, b) => Number(a) - Number(b));
    return "[" + indexes.map((i) => canonical(node.get(i))).join(",") + "]";
  }
  if (node instanceof Map) {
    const keys = [...node.keys()].sort(); // keys are ASCII: code units = character codes
    return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(node.get(k))).join(",") + "}";
  }
  return JSON.stringify(node);
}

export class DirectoryStore {
  toFiles(document) {
    const files = {};
    for (const [key, value] of Object.entries(JSON.parse(document))) store(key, value, files);
    return files;
  }

  fromFiles(files) {
    const root = new Map();
    for (const [path, text] of Object.entries(files)) {
      const folders = path.split("/");
      const leaf = folders.pop();
      let node = root;
      for (const folder of folders) {
        const [name, kind] = splitType(folder);
        if (!node.has(name)) node.set(name, kind === "dict" ? new Map() : new Slots());
        node = node.get(name);
      }
      const [name, kind] = splitType(leaf);
      node.set(name, leafValue(kind, text));
    }
    return canonical(root);
  }
}
