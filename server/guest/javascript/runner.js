// Randori JavaScript guest: runs untrusted solutions inside the wasm sandbox.
//
// This file is the JavaScript half of the component for the WIT world
// `randori:sandbox/runner` (server/guest/python/wit/runner.wit): the same four
// exports as the Python guest, with the same JSON shapes. It is plain ES2023 with no
// imports and runs in two engines:
//
// * QuickJS-NG inside the component: runner_host.c evaluates this file as a script
//   when the component is pre-initialized (Wizer) and calls the function it returns.
// * Node (`vm` contexts) for the native tests in test_runner_native.mjs.
//
// The script's value is `createRunner(host)`. The host provides modules:
//
//   host.loadModule(name, source) -> {namespace, evaluated} (or a promise of it)
//       compile `source` as the ES module `<name>.js` (throws SyntaxError), link it
//       (imports go through the resolver, below), start evaluating it; `evaluated`
//       is the evaluation promise.
//   host.forgetModule(name)     imports of `name` fail from now on
//   host.setResolver(fn)        fn(specifier, referrerFile) -> module name, or throws
//   host.idle() (optional)      a promise that resolves once no other job can run;
//                               without it the host calls runner.fireIdle() itself.
//
// Every entry point returns a promise of a JSON string; the host runs the job queue
// until it settles (QuickJS: runner_host.c, Node: `await`). Nothing this guest
// reports is a security boundary: user code shares the realm and can monkeypatch the
// runner. The host compares hidden-case values itself and the sandbox is wasmtime's.
(function () {
  "use strict";

  const CAP = 8 * 1024;                 // UTF-8 bytes of captured output per call
  const MAX_DEPTH = 100;                // nesting depth of a return value
  const MAX_VALUE_BYTES = 1024 * 1024;  // JSON size of the return value(s) of one call
  const MAX_TEXT = 8 * 1024;            // characters kept of a message or a traceback
  const MAX_INT_DIGITS = 4300;          // like CPython's int <-> str limit
  const STACK_TRACE_LIMIT = 50;

  //: Names the host loads user code under; any name matching MODULE_NAME works.
  const USER_MODULE_NAMES = ["solution", "test_solution", "generator", "reference"];
  const MODULE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
  const RESERVED_NAMES = new Set(["assert", "test", "vitest", "runner", "node", "module",
    "require", "process", "console"]);

  // --- Private references, taken before any user code runs ---------------------
  const G = globalThis;
  const O = Object;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const ownKeys = Reflect.ownKeys;
  const getProto = O.getPrototypeOf;
  const getOwnDesc = O.getOwnPropertyDescriptor;
  const defineProp = O.defineProperty;
  const objectKeys = O.keys;
  const isArray = Array.isArray;
  const objectProto = O.prototype;
  const hasOwn = O.hasOwn || ((o, k) => apply(objectProto.hasOwnProperty, o, [k]));
  const toStringTag = objectProto.toString;
  const jsonStringify = JSON.stringify;
  const jsonParse = JSON.parse;
  const PromiseCtor = Promise;
  const promiseThen = Promise.prototype.then;
  const ErrorCtor = Error;
  const SetCtor = Set;
  const MapCtor = Map;
  const setHas = Set.prototype.has, setAdd = Set.prototype.add, setDelete = Set.prototype.delete;
  const mapGet = Map.prototype.get, mapSet = Map.prototype.set, mapHas = Map.prototype.has;
  const mapDelete = Map.prototype.delete;
  const arrayPush = Array.prototype.push, arrayJoin = Array.prototype.join;
  const strSlice = String.prototype.slice, strIndexOf = String.prototype.indexOf;
  const strSplit = String.prototype.split, strReplace = String.prototype.replace;
  const strStartsWith = String.prototype.startsWith;
  const strCharCodeAt = String.prototype.charCodeAt;
  const regexTest = RegExp.prototype.test, regexExec = RegExp.prototype.exec;
  const fnToString = Function.prototype.toString;
  const numberValueOf = Number.prototype.valueOf, stringValueOf = String.prototype.valueOf;
  const booleanValueOf = Boolean.prototype.valueOf, bigintToString = BigInt.prototype.toString;
  const dateGetTime = Date.prototype.getTime, dateToISO = Date.prototype.toISOString;
  const symbolToString = Symbol.prototype.toString;
  const StringCtor = String;
  const isFiniteNumber = Number.isFinite;
  const objectIs = O.is;
  const typedArrayProto = getProto(Uint8Array.prototype);
  const taLength = getOwnDesc(typedArrayProto, "length").get;
  const taTag = getOwnDesc(typedArrayProto, Symbol.toStringTag).get;
  const mapSize = getOwnDesc(Map.prototype, "size").get;
  const setSize = getOwnDesc(Set.prototype, "size").get;
  const mapEntries = Map.prototype.entries, setValues = Set.prototype.values;
  const iterNext = getProto(new Map().entries()).next;
  const setIterNext = getProto(new Set().values()).next;

  const push = (a, v) => apply(arrayPush, a, [v]);
  const join = (a, sep) => apply(arrayJoin, a, [sep]);
  const slice = (s, a, b) => apply(strSlice, s, b === undefined ? [a] : [a, b]);
  const indexOf = (s, x, from) => apply(strIndexOf, s, [x, from || 0]);
  const split = (s, sep) => apply(strSplit, s, [sep]);
  const replace = (s, re, by) => apply(strReplace, s, [re, by]);
  const startsWith = (s, p) => apply(strStartsWith, s, [p]);
  const rx = (re, s) => apply(regexTest, re, [s]);
  const then = (p, a, b) => apply(promiseThen, p, [a, b]);

  function isObject(v) {
    return (typeof v === "object" && v !== null) || typeof v === "function";
  }

  function tag(v) {
    try {
      return slice(apply(toStringTag, v, []), 8, -1);
    } catch (e) {
      return "Object";
    }
  }

  function isPromise(v) {
    if (!isObject(v)) return false;
    try {
      return v instanceof PromiseCtor;
    } catch (e) {
      return false;
    }
  }

  function isError(v) {
    if (!isObject(v)) return false;
    try {
      return v instanceof ErrorCtor || tag(v) === "Error";
    } catch (e) {
      return false;
    }
  }

  function isTypedArray(v) {
    try {
      return apply(taTag, v, []) !== undefined;
    } catch (e) {
      return false;
    }
  }

  // Brand checks; the tag test first keeps ordinary objects from throwing (every
  // Error costs a stack trace).
  function isMap(v) {
    if (!isObject(v) || tag(v) !== "Map") return false;
    try { apply(mapSize, v, []); return true; } catch (e) { return false; }
  }

  function isSet(v) {
    if (!isObject(v) || tag(v) !== "Set") return false;
    try { apply(setSize, v, []); return true; } catch (e) { return false; }
  }

  function isDate(v) {
    if (!isObject(v) || tag(v) !== "Date") return false;
    try { apply(dateGetTime, v, []); return true; } catch (e) { return false; }
  }

  function isRegExp(v) {
    return isObject(v) && tag(v) === "RegExp";
  }

  // Own data property of an object, never running a getter (undefined otherwise).
  function ownValue(obj, key) {
    try {
      const d = getOwnDesc(obj, key);
      return d && "value" in d ? d.value : undefined;
    } catch (e) {
      return undefined;
    }
  }

  // The constructor name of an object's class, without running user getters.
  function className(v) {
    try {
      let proto = getProto(v);
      while (proto !== null) {
        const ctor = ownValue(proto, "constructor");
        if (typeof ctor === "function") {
          const name = ownValue(ctor, "name");
          if (typeof name === "string" && name) return name;
        }
        proto = getProto(proto);
      }
    } catch (e) { /* fall through */ }
    return "Object";
  }

  // --- Text helpers --------------------------------------------------------------

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const ANY_SURROGATE = /[\uD800-\uDFFF]/;

  // Replace lone surrogates by "?" so the text is valid Unicode (like Python's guest).
  function wellFormed(s) {
    return rx(ANY_SURROGATE, s) ? replace(s, LONE_SURROGATE, "?") : s;
  }

  function clip(text, limit) {
    limit = limit || MAX_TEXT;
    if (text.length > limit) return slice(text, 0, limit) + "\n... (truncated)";
    return text;
  }

  function safeString(v, fallback) {
    try {
      const s = typeof v === "symbol" ? apply(symbolToString, v, []) : StringCtor(v);
      return typeof s === "string" ? s : fallback;
    } catch (e) {
      return fallback === undefined ? "<" + typeof v + ">" : fallback;
    }
  }

  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = apply(strCharCodeAt, s, [i]);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        const d = apply(strCharCodeAt, s, [i + 1]);
        if (d >= 0xDC00 && d <= 0xDFFF) { n += 4; i++; } else n += 1;   // lone: "?"
      } else if (c >= 0xD800 && c <= 0xDFFF) n += 1;
      else n += 3;
    }
    return n;
  }

  // --- inspect: values as text, Node-like ("node") or Jest-like ("jest") -------------

  const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  function quoteString(s, style) {
    if (style === "jest") return jsonStringify(wellFormed(s));
    let q = "'";
    if (indexOf(s, "'") >= 0) {
      if (indexOf(s, '"') < 0) q = '"';
      else if (indexOf(s, "`") < 0 && indexOf(s, "${") < 0) q = "`";
    }
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      const c = apply(strCharCodeAt, s, [i]);
      if (ch === q || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\r") out += "\\r";
      else if (c < 0x20 || c === 0x7f) out += "\\x" + (c < 16 ? "0" : "") + c.toString(16).toUpperCase();
      else out += ch;
    }
    return q + wellFormed(out) + q;
  }

  function formatNumber(n) {
    return objectIs(n, -0) ? "-0" : StringCtor(n);
  }

  function inspect(value, options) {
    const style = (options && options.style) || "node";
    const maxDepth = options && options.depth !== undefined ? options.depth : (style === "jest" ? 6 : 2);
    const limit = (options && options.limit) || 10000;
    const seen = [];
    let budget = limit;

    function key(k) {
      if (typeof k === "symbol") return "[" + apply(symbolToString, k, []) + "]";
      if (style === "jest") return jsonStringify(wellFormed(k));
      return rx(IDENT, k) ? k : quoteString(k, style);
    }

    function fn(v) {
      let src = "";
      try { src = apply(fnToString, v, []); } catch (e) { /* native */ }
      const name = ownValue(v, "name");
      if (startsWith(src, "class")) return "[class " + (name || "(anonymous)") + "]";
      if (style === "jest") return "[Function " + (name || "anonymous") + "]";
      return "[Function: " + (name || "(anonymous)") + "]";
    }

    function entries(list, open, close) {
      if (list.length === 0) return open + close;
      if (style === "jest") return open + join(list, ", ") + close;
      return open + " " + join(list, ", ") + " " + close;
    }

    function walk(v, depth) {
      if (budget <= 0) return "...";
      switch (typeof v) {
        case "string": return depth === 0 && options && options.raw ? v : quoteString(v, style);
        case "number": return formatNumber(v);
        case "bigint": return apply(bigintToString, v, []) + "n";
        case "boolean": return v ? "true" : "false";
        case "undefined": return "undefined";
        case "symbol": return apply(symbolToString, v, []);
        case "function": return fn(v);
      }
      if (v === null) return "null";
      for (let i = 0; i < seen.length; i++) if (seen[i] === v) return "[Circular]";
      if (isError(v)) {
        const t = errorType(v), m = errorMessage(v);
        return depth === 0 && style === "node" && !(options && options.short)
          ? formatErrorWithFrames(v)
          : "[" + (m ? t + ": " + m : t) + "]";
      }
      if (isDate(v)) {
        try { return apply(dateToISO, v, []); } catch (e) { return "Invalid Date"; }
      }
      if (isRegExp(v)) return safeString(v, "/regexp/");
      if (isPromise(v)) return "Promise {}";
      if (depth > maxDepth) {
        if (isArray(v)) return "[Array]";
        return "[" + className(v) + "]";
      }
      push(seen, v);
      try {
        const parts = [];
        if (isArray(v) || isTypedArray(v)) {
          const typed = !isArray(v);
          let n = typed ? apply(taLength, v, []) : v.length;
          let holes = 0;
          const shown = n > 100 ? 100 : n;
          for (let i = 0; i < shown; i++) {
            if (!typed && !hasOwn(v, i)) { holes++; continue; }
            if (holes) { push(parts, "<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">"); holes = 0; }
            const d = typed ? { value: v[i] } : getOwnDesc(v, i);
            push(parts, d && "value" in d ? walk(d.value, depth + 1) : "[Getter]");
            budget -= 2;
          }
          if (holes) push(parts, "<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">");
          if (n > shown) push(parts, "... " + (n - shown) + " more item" + (n - shown > 1 ? "s" : ""));
          const prefix = typed ? className(v) + "(" + n + ") " : "";
          return prefix + (style === "jest" && !typed ? "[" + join(parts, ", ") + "]" : entries(parts, "[", "]"));
        }
        if (isMap(v)) {
          const it = apply(mapEntries, v, []);
          for (let r = apply(iterNext, it, []); !r.done; r = apply(iterNext, it, [])) {
            push(parts, walk(r.value[0], depth + 1) + " => " + walk(r.value[1], depth + 1));
            if (parts.length > 100) { push(parts, "..."); break; }
          }
          return (style === "jest" ? "Map " : "Map(" + apply(mapSize, v, []) + ") ") + entries(parts, "{", "}");
        }
        if (isSet(v)) {
          const it = apply(setValues, v, []);
          for (let r = apply(setIterNext, it, []); !r.done; r = apply(setIterNext, it, [])) {
            push(parts, walk(r.value, depth + 1));
            if (parts.length > 100) { push(parts, "..."); break; }
          }
          return (style === "jest" ? "Set " : "Set(" + apply(setSize, v, []) + ") ") + entries(parts, "{", "}");
        }
        const t = tag(v);
        if (t === "Number" || t === "String" || t === "Boolean") {
          try {
            const prim = t === "Number" ? apply(numberValueOf, v, []) : t === "String"
              ? apply(stringValueOf, v, []) : apply(booleanValueOf, v, []);
            return "[" + t + ": " + walk(prim, depth + 1) + "]";
          } catch (e) { /* not a real boxed primitive */ }
        }
        const keys = ownKeys(v);
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i];
          const d = getOwnDesc(v, k);
          if (!d || !d.enumerable) continue;
          if (parts.length >= 100) { push(parts, "..."); break; }
          let shown;
          if ("value" in d) shown = walk(d.value, depth + 1);
          else shown = d.get && d.set ? "[Getter/Setter]" : d.get ? "[Getter]" : "[Setter]";
          push(parts, key(k) + ": " + shown);
          budget -= 4;
        }
        const proto = getProto(v);
        let prefix = "";
        if (proto === null) prefix = style === "jest" ? "Object " : "[Object: null prototype] ";
        else if (proto !== objectProto) {
          const name = className(v);
          prefix = (name === "Object" && t !== "Object" ? t : name) + " ";
        }
        return prefix + entries(parts, "{", "}");
      } catch (e) {
        return "[" + className(v) + "]";
      } finally {
        seen.length--;
      }
    }

    let out;
    try {
      out = walk(value, 0);
    } catch (e) {
      out = "[" + typeof value + "]";
    }
    budget = 0;
    if (out.length > limit) out = slice(out, 0, limit) + "...";
    return wellFormed(out);
  }

  // console.log's formatting: printf-style %s %d %i %f %j %o %O %c %% in a first string.
  function formatArgs(args) {
    const out = [];
    let i = 0;
    if (typeof args[0] === "string" && indexOf(args[0], "%") >= 0 && args.length > 1) {
      const fmt = args[0];
      i = 1;
      let s = "";
      for (let k = 0; k < fmt.length; k++) {
        const ch = fmt[k];
        if (ch !== "%" || k + 1 >= fmt.length) { s += ch; continue; }
        const t = fmt[k + 1];
        if (t === "%") { s += "%"; k++; continue; }
        if (indexOf("sdifjoOc", t) < 0) { s += ch; continue; }
        k++;
        if (t === "c") { i++; continue; }
        if (i >= args.length) { s += "%" + t; continue; }
        const a = args[i++];
        if (t === "s") s += typeof a === "string" ? a : inspect(a, { depth: 1, short: true });
        else if (t === "d" || t === "i") {
          if (typeof a === "bigint") s += apply(bigintToString, a, []) + "n";
          else if (typeof a === "symbol") s += "NaN";
          else { const n = Number(a); s += formatNumber(t === "i" ? Math.trunc(n) : n); }
        } else if (t === "f") s += typeof a === "symbol" ? "NaN" : formatNumber(parseFloat(a));
        else if (t === "j") { try { s += jsonStringify(a); } catch (e) { s += "[Circular]"; } }
        else s += inspect(a, { depth: t === "O" ? 2 : 4 });
      }
      push(out, s);
    }
    for (; i < args.length; i++) {
      const a = args[i];
      push(out, typeof a === "string" ? a : inspect(a));
    }
    return join(out, " ");
  }

  // --- Output capture ------------------------------------------------------------

  // Keeps the first `cap` UTF-8 bytes written; later writes only set `truncated`.
  class CappedOutput {
    constructor(cap) {
      this.cap = cap;
      this.parts = [];
      this.used = 0;
      this.truncated = false;
    }

    write(s) {
      const n = s.length;
      if (n === 0) return;
      if (this.truncated) return;
      const remaining = this.cap - this.used;
      let piece = n > remaining ? slice(s, 0, remaining) : s;  // every char is >= 1 byte
      // Do not split a surrogate pair at the cut.
      if (piece.length < n && piece.length > 0) {
        const last = apply(strCharCodeAt, piece, [piece.length - 1]);
        if (last >= 0xD800 && last <= 0xDBFF) piece = slice(piece, 0, piece.length - 1);
      }
      piece = wellFormed(piece);
      let bytes = utf8Length(piece);
      if (bytes > remaining) {
        // Cut at the last code point that fits.
        let lo = 0, used = 0;
        for (let i = 0; i < piece.length; i++) {
          const c = apply(strCharCodeAt, piece, [i]);
          let w = c < 0x80 ? 1 : c < 0x800 ? 2 : 3, step = 1;
          if (c >= 0xD800 && c <= 0xDBFF) { w = 4; step = 2; }
          if (used + w > remaining) break;
          used += w;
          i += step - 1;
          lo = i + 1;
        }
        piece = slice(piece, 0, lo);
        bytes = used;
        this.truncated = true;
      } else if (piece.length < n) {
        this.truncated = true;
      }
      if (piece.length) {
        push(this.parts, piece);
        this.used += bytes;
      }
      if (this.used >= this.cap && piece.length < n) this.truncated = true;
    }

    value() {
      return join(this.parts, "");
    }
  }

  let current = null;        // the CappedOutput of the call in progress
  let groupIndent = "";

  function writeOut(text) {
    if (current !== null) current.write(text);
  }

  function writeLine(text) {
    if (groupIndent) text = groupIndent + replace(text, /\n/g, "\n" + groupIndent);
    writeOut(text + "\n");
  }

  function withOutput(result, out) {
    result.output = out.value();
    result.output_truncated = out.truncated;
    return result;
  }

  const counts = new MapCtor();
  const timers = new MapCtor();
  const now = () => (typeof performance === "object" && performance && typeof performance.now === "function")
    ? performance.now() : Date.now();

  const consoleObject = {
    log(...args) { writeLine(formatArgs(args)); },
    info(...args) { writeLine(formatArgs(args)); },
    debug(...args) { writeLine(formatArgs(args)); },
    warn(...args) { writeLine(formatArgs(args)); },
    error(...args) { writeLine(formatArgs(args)); },
    trace(...args) {
      const e = new ErrorCtor();
      const frames = userFrames(e);
      let text = "Trace" + (args.length ? ": " + formatArgs(args) : "");
      for (let i = 0; i < frames.length; i++) text += "\n    at " + frameText(frames[i]);
      writeLine(text);
    },
    dir(v) { writeLine(inspect(v)); },
    assert(cond, ...args) {
      if (!cond) writeLine("Assertion failed" + (args.length ? ": " + formatArgs(args) : ""));
    },
    table(v) { writeLine(inspect(v)); },
    group(...args) { if (args.length) writeLine(formatArgs(args)); groupIndent += "  "; },
    groupCollapsed(...args) { if (args.length) writeLine(formatArgs(args)); groupIndent += "  "; },
    groupEnd() { groupIndent = slice(groupIndent, 2); },
    count(label) {
      label = label === undefined ? "default" : safeString(label);
      const n = (apply(mapGet, counts, [label]) || 0) + 1;
      apply(mapSet, counts, [label, n]);
      writeLine(label + ": " + n);
    },
    countReset(label) { apply(mapDelete, counts, [label === undefined ? "default" : safeString(label)]); },
    time(label) { apply(mapSet, timers, [label === undefined ? "default" : safeString(label), now()]); },
    timeLog(label, ...args) {
      label = label === undefined ? "default" : safeString(label);
      if (apply(mapHas, timers, [label])) {
        const ms = now() - apply(mapGet, timers, [label]);
        writeLine(label + ": " + ms.toFixed(3) + "ms" + (args.length ? " " + formatArgs(args) : ""));
      }
    },
    timeEnd(label) {
      label = label === undefined ? "default" : safeString(label);
      consoleObject.timeLog(label);
      apply(mapDelete, timers, [label]);
    },
  };

  const consoleMethods = { ...consoleObject };
  const consoleNames = objectKeys(consoleMethods);
  const stdoutWrite = (s) => { writeOut(typeof s === "string" ? s : safeString(s, "")); return true; };

  // Every call starts with a fresh output buffer and with console and process as the
  // runner installed them, should user code have replaced them (or their output
  // methods); the other globals are reinstalled along with them.
  function beginCall() {
    const c = consoleObject, m = consoleMethods;
    if (G.console !== c || c.log !== m.log || c.error !== m.error || c.info !== m.info ||
        c.warn !== m.warn || c.debug !== m.debug) {
      restoreGlobals();
    }
    const p = processObject;
    if (G.process !== p || p.stdout.write !== stdoutWrite || p.stderr.write !== stdoutWrite) {
      restoreGlobals();
    }
    groupIndent = "";
    return new CappedOutput(CAP);
  }

  function restoreGlobals() {
    for (let i = 0; i < consoleNames.length; i++) {
      const k = consoleNames[i];
      try { consoleObject[k] = consoleMethods[k]; } catch (e) { /* frozen by user code */ }
    }
    try {
      processObject.stdout = { write: stdoutWrite };
      processObject.stderr = { write: stdoutWrite };
    } catch (e) { /* frozen by user code */ }
    for (let i = 0; i < globalNames.length; i++) {
      const k = globalNames[i];
      try {
        defineProp(G, k, { value: installedGlobals[k], writable: true, configurable: true, enumerable: false });
      } catch (e) { /* made non-configurable by user code */ }
    }
  }

  class ProcessExit extends ErrorCtor {
    constructor(code) {
      super(code === undefined ? "called process.exit()" : "called process.exit(" + inspect(code, { short: true }) + ")");
      this.name = "ProcessExit";
    }
  }

  const processObject = {
    stdout: { write: stdoutWrite },
    stderr: { write: stdoutWrite },
    argv: [],
    env: {},
    exit(code) { throw new ProcessExit(code); },
  };

  // --- Errors and stack frames ---------------------------------------------------

  const userFiles = new SetCtor();        // "solution.js", ...: frames kept in tracebacks
  const sources = new MapCtor();          // file -> source text

  function frameText(f) {
    const loc = f.file + (f.line ? ":" + f.line + ":" + f.column : "");
    return f.fn ? f.fn + " (" + loc + ")" : loc;
  }

  // "    at fn (file:line:col)" / "    at file:line:col": V8 and QuickJS alike.
  const FRAME_RE = /^\s*at (?:(.*?) \()?([^()]*?):(\d+):(\d+)\)?\s*$/;

  // The stack frames of an error, parsed from its `stack` (the engine's own text:
  // QuickJS writes it in C, so it is there even for a stack overflow).
  function errorFrames(err) {
    if (!isObject(err)) return [];
    let stack;
    try {
      stack = err.stack;
    } catch (e) {
      return [];
    }
    if (typeof stack !== "string") return [];
    const frames = [];
    const lines = split(stack, "\n");
    for (let i = 0; i < lines.length; i++) {
      const m = apply(regexExec, FRAME_RE, [lines[i]]);
      if (!m) continue;
      let fn = m[1] || "";
      if (fn === "<anonymous>" || fn === "<eval>") fn = "";
      push(frames, { file: m[2], line: +m[3], column: +m[4], fn });
    }
    return frames;
  }

  function isUserFile(file) {
    return apply(setHas, userFiles, [file]);
  }

  function userFrames(err) {
    const all = errorFrames(err);
    const out = [];
    for (let i = 0; i < all.length; i++) if (isUserFile(all[i].file)) push(out, all[i]);
    return out;
  }

  function errorType(err) {
    if (!isObject(err)) return "Uncaught";
    let name;
    try {
      name = err.name;
    } catch (e) {
      name = undefined;
    }
    if (typeof name !== "string" || !name) name = className(err);
    if (name === "Error" && !hasOwn(err, "name")) {
      const cls = className(err);
      if (cls !== "Error" && cls !== "Object") name = cls;
    }
    if (name === "InternalError" && errorMessage(err) === "out of memory") return "MemoryError";
    return wellFormed(name);
  }

  const HINTS = [
    [/\b(require|module|exports)\b.*\bnot defined\b/,
      "this sandbox runs ES modules: write `export function f() {...}` and `import { f } from \"./solution.js\"`"],
  ];

  function errorMessage(err) {
    if (!isObject(err)) return clip(inspect(err, { short: true }), 1000);
    let m;
    try {
      m = err.message;
    } catch (e) {
      m = undefined;
    }
    if (typeof m !== "string") {
      if (m === undefined) return "";
      m = safeString(m, "");
    }
    return clip(wellFormed(m));
  }

  function messageWithHints(err) {
    let m = errorMessage(err);
    for (let i = 0; i < HINTS.length; i++) {
      if (rx(HINTS[i][0], m)) m += " (" + HINTS[i][1] + ")";
    }
    return m;
  }

  function sourceLine(file, line) {
    const src = apply(mapGet, sources, [file]);
    if (typeof src !== "string" || !line) return null;
    const lines = split(src, "\n");
    if (line > lines.length) return null;
    return replace(lines[line - 1], /\r$/, "");
  }

  // Node's way of showing where an error happened: file:line, the line, a caret.
  function codeFrame(file, line, column) {
    const text = sourceLine(file, line);
    if (text === null) return "";
    let caret = "";
    if (column > 0 && column <= text.length + 1) {
      for (let i = 0; i < column - 1; i++) caret += text[i] === "\t" ? "\t" : " ";
      caret += "^";
    }
    return file + ":" + line + "\n" + text + "\n" + (caret ? caret + "\n" : "");
  }

  // Frames as text, with runs of the same frame (deep recursion) folded.
  function framesText(frames) {
    let text = "";
    for (let i = 0; i < frames.length;) {
      let j = i + 1;
      while (j < frames.length && frames[j].file === frames[i].file && frames[j].line === frames[i].line
             && frames[j].column === frames[i].column && frames[j].fn === frames[i].fn) j++;
      const shown = j - i > 3 ? 3 : j - i;
      for (let k = 0; k < shown; k++) text += "\n    at " + frameText(frames[i]);
      if (j - i > 3) text += "\n    [the frame above repeated " + (j - i - 3) + " more times]";
      i = j;
    }
    return text;
  }

  function errorLocation(err) {
    // Firefox-style properties first (the native test harness sets them on SyntaxErrors).
    const line = ownValue(err, "lineNumber"), column = ownValue(err, "columnNumber");
    if (typeof line === "number" && line > 0) {
      const file = ownValue(err, "fileName");
      return { file: typeof file === "string" ? file : "", line, column: typeof column === "number" ? column : 0 };
    }
    const frames = userFrames(err);
    return frames.length ? frames[0] : null;
  }

  function formatErrorWithFrames(err) {
    const m = errorMessage(err), t = errorType(err);
    return (m ? t + ": " + m : t) + framesText(userFrames(err));
  }

  function formatTraceback(err) {
    try {
      let text = "";
      const seen = [];
      let e = err, first = true;
      while (true) {
        push(seen, e);
        const loc = first ? errorLocation(e) : null;
        if (loc && loc.file) {
          const frame = codeFrame(loc.file, loc.line, loc.column);
          if (frame) text += frame + "\n";
        }
        const m = first ? messageWithHints(e) : errorMessage(e);
        const t = errorType(e);
        text += (first ? "" : "\n[cause]: ") + (m ? t + ": " + m : t);
        const frames = userFrames(e);
        if (!frames.length && loc && loc.file && !first) text += "\n    at " + frameText(loc);
        text += framesText(frames);
        first = false;
        const cause = isObject(e) ? ownValue(e, "cause") : undefined;
        if (cause === undefined || seen.length > 5) break;
        let again = false;
        for (let i = 0; i < seen.length; i++) if (seen[i] === cause) again = true;
        if (again) break;
        e = cause;
      }
      return clip(wellFormed(text + "\n"));
    } catch (e) {
      return clip(errorType(err) + "\n");
    }
  }

  // The <error> object for a value thrown by user code.
  function errorInfo(err) {
    const info = {
      type: errorType(err),
      message: messageWithHints(err),
      traceback: formatTraceback(err),
    };
    if (info.type === "MemoryError") info.message = "";
    const loc = errorLocation(err);
    if (loc && loc.line) {
      info.line = loc.line;
      if (info.type === "SyntaxError") {
        info.offset = loc.column || null;
        const text = sourceLine(loc.file, loc.line);
        info.text = text === null ? null : wellFormed(text);
      }
    }
    return info;
  }

  function runnerError(type, message) {
    return { type, message: wellFormed(message), traceback: "" };
  }

  class SandboxError extends ErrorCtor {
    constructor(name, message) {
      super(message);
      this.name = name;
    }
  }

  // --- Modules ---------------------------------------------------------------------

  const modules = new MapCtor();     // name -> {namespace, source, tests}
  const INTERNAL = { "node:test": "_test", "vitest": "_test", "@jest/globals": "_test",
    "node:assert": "_assert", "assert": "_assert", "node:assert/strict": "_assert_strict",
    "assert/strict": "_assert_strict" };
  const INTERNAL_SOURCES = [
    ["_test", "const T = globalThis[Symbol.for('randori.api')];\n" +
      "export const { test, it, describe, suite, expect, beforeEach, afterEach, beforeAll, afterAll, before, after } = T;\n" +
      "export default T.test;\n"],
    ["_assert", "const A = globalThis[Symbol.for('randori.api')].assert;\n" +
      "export const { ok, equal, notEqual, strictEqual, notStrictEqual, deepEqual, notDeepEqual, " +
      "deepStrictEqual, notDeepStrictEqual, throws, doesNotThrow, rejects, doesNotReject, match, " +
      "doesNotMatch, fail, AssertionError, strict } = A;\nexport default A;\n"],
    ["_assert_strict", "const A = globalThis[Symbol.for('randori.api')].assert.strict;\n" +
      "export const { ok, equal, notEqual, strictEqual, notStrictEqual, deepEqual, notDeepEqual, " +
      "deepStrictEqual, notDeepStrictEqual, throws, doesNotThrow, rejects, doesNotReject, match, " +
      "doesNotMatch, fail, AssertionError, strict } = A;\nexport default A;\n"],
  ];

  const SPECIFIER = /^(?:\.\/|\/)?([A-Za-z][A-Za-z0-9_]{0,63})(?:\.m?js)?$/;

  function importable() {
    const names = [];
    modules.forEach((_, name) => {
      if (!startsWith(name, "test") && name !== loadingName) push(names, "./" + name + ".js");
    });
    push(names, "node:assert");
    push(names, "node:test");
    return join(names, ", ");
  }

  // Import specifier -> module name. Accepts "solution", "./solution", "./solution.js",
  // "solution.js", "/solution.mjs", ... and the test API modules.
  function resolveImport(specifier, referrer) {
    specifier = StringCtor(specifier);
    if (hasOwn(INTERNAL, specifier)) return INTERNAL[specifier];
    const m = apply(regexExec, SPECIFIER, [specifier]);
    if (m && apply(mapHas, modules, [m[1]])) return m[1];
    if (m && (USER_MODULE_NAMES.includes(m[1]) || m[1] === loadingName)) {
      throw new SandboxError("ModuleNotFoundError",
        "module '" + specifier + "' is not loaded (did it fail to load?)");
    }
    throw new SandboxError("ModuleNotFoundError",
      "module '" + specifier + "' is not available in the Randori sandbox. Importable modules: " +
      importable());
  }

  let loadingName = null;

  // The line of an import of `specifier` in `source` (link errors carry no location).
  function importLine(source, message) {
    const m = apply(regexExec, /^module '([^']*)'/, [message]);
    if (!m) return 0;
    const lines = split(source, "\n");
    for (let i = 0; i < lines.length; i++) {
      if (indexOf(lines[i], "'" + m[1] + "'") >= 0 || indexOf(lines[i], '"' + m[1] + '"') >= 0) return i + 1;
    }
    return 0;
  }

  function forget(name) {
    apply(mapDelete, modules, [name]);
    try {
      host.forgetModule(name);
    } catch (e) { /* nothing to forget */ }
  }

  let host = null;
  let idleWaiters = [];

  // Waiting for user promises. The sandbox has no timers or I/O: once the job queue
  // has run dry, a promise that is still pending will never settle. idle(isSettled)
  // resolves when the queue is dry; fireIdle() picks who to wake then: every waiter
  // whose promise has settled meanwhile, else the latest waiter (the innermost await),
  // which then reports its promise as never settled. The QuickJS host calls
  // fireIdle() whenever its queue is empty; hosts with an event loop (Node) provide
  // host.idle(), a promise resolved once the queue is dry.
  let idleScheduled = false;

  function idle(isSettled) {
    return new PromiseCtor((resolve) => {
      push(idleWaiters, { resolve, isSettled });
      if (host && typeof host.idle === "function" && !idleScheduled) scheduleIdle();
    });
  }

  function scheduleIdle() {
    idleScheduled = true;
    then(host.idle(), () => {
      idleScheduled = false;
      fireIdle();
      if (idleWaiters.length) scheduleIdle();
    });
  }

  function fireIdle() {
    if (!idleWaiters.length) return 0;
    const waiting = idleWaiters;
    const rest = [];
    let woken = 0;
    for (let i = 0; i < waiting.length; i++) {
      if (waiting[i].isSettled()) { waiting[i].resolve(); woken++; } else push(rest, waiting[i]);
    }
    idleWaiters = rest;
    if (woken) return woken;
    const latest = idleWaiters.pop();
    latest.resolve();
    return 1;
  }

  // Wait for a promise of user code; {ok, value} / {ok: false, error} / {pending: true}.
  async function settle(p) {
    let outcome = null;
    then(p, (value) => { outcome = { ok: true, value }; }, (error) => { outcome = { ok: false, error }; });
    await idle(() => outcome !== null);
    return outcome === null ? { pending: true } : outcome;
  }

  function neverSettled(what) {
    return new SandboxError("UnsettledPromise", what + " returned a promise that never settled " +
      "(the sandbox has no timers or I/O, so nothing could settle it)");
  }

  // Call user code; await the result when it is a Promise.
  // Call user code: {ok: true, value} / {ok: false, error}, or, when it returned a
  // Promise, a promise of that (so the common synchronous call costs no job).
  function callUser(fn, thisArg, args, what) {
    let value;
    try {
      value = apply(fn, thisArg, args);
    } catch (error) {
      return { ok: false, error };
    }
    if (!isPromise(value)) return { ok: true, value };
    return then(settle(value), (r) => r.pending ? { ok: false, error: neverSettled(what) } : r);
  }

  async function load(moduleName, source) {
    if (typeof moduleName !== "string" || !rx(MODULE_NAME, moduleName) ||
        apply(setHas, RESERVED_NAMES, [moduleName])) {
      return { ok: false, error: runnerError("ValueError", "invalid module name " + inspect(moduleName)),
        output: "", output_truncated: false };
    }
    if (typeof source !== "string") {
      return { ok: false, error: runnerError("ValueError", "source must be a string"),
        output: "", output_truncated: false };
    }
    if (!isReady) await ready;
    const file = moduleName + ".js";
    forget(moduleName);
    apply(setAdd, userFiles, [file]);
    apply(mapSet, sources, [file, source]);
    const out = beginCall();
    const saved = current;
    current = out;
    const isTest = startsWith(moduleName, "test");
    const registry = isTest ? newRegistry() : null;
    collecting = registry;
    loadingName = moduleName;
    try {
      let loaded;
      try {
        loaded = await host.loadModule(moduleName, source);
      } catch (error) {
        if (isObject(error) && errorType(error) === "ModuleNotFoundError") {
          const line = importLine(source, errorMessage(error));
          if (line) {
            try { defineProp(error, "lineNumber", { value: line, configurable: true }); } catch (e) { /* frozen */ }
            try { defineProp(error, "fileName", { value: file, configurable: true }); } catch (e) { /* frozen */ }
          }
        }
        forget(moduleName);
        return withOutput({ ok: false, error: errorInfo(error) }, out);
      }
      const r = await settle(loaded.evaluated);
      if (!r.ok) {
        forget(moduleName);
        const error = r.pending ? neverSettled(file + " (its top-level await)") : r.error;
        return withOutput({ ok: false, error: errorInfo(error) }, out);
      }
      apply(mapSet, modules, [moduleName, { namespace: loaded.namespace, source, tests: registry }]);
      return withOutput({ ok: true }, out);
    } finally {
      collecting = null;
      loadingName = null;
      current = saved;
    }
  }

  // --- Test API: test/it/describe, hooks, expect, assert ---------------------------

  let collecting = null;     // the registry of the test module being loaded
  let suiteStack = [];       // describe() scopes being collected

  function newScope(name, parent, mode) {
    return { name, parent, mode, beforeEach: [], afterEach: [], beforeAll: [], afterAll: [] };
  }

  function newRegistry() {
    const root = newScope("", null, "");
    suiteStack = [root];
    return { root, tests: [], byName: new MapCtor(), hasOnly: false };
  }

  function currentScope(what) {
    if (collecting === null) {
      throw new SandboxError("Error", what + "() can only be called while a test module " +
        "(test_solution.js) is loading, at its top level or inside describe()");
    }
    return suiteStack[suiteStack.length - 1];
  }

  function scopeChain(scope) {
    const chain = [];
    for (let s = scope; s; s = s.parent) chain.unshift(s);
    return chain;
  }

  function parseTestArgs(what, a, b, c) {
    let name = a, options = {}, fn = b;
    if (typeof a === "function") { fn = a; name = ownValue(a, "name") || "<anonymous>"; options = {}; }
    else if (typeof b === "object" && b !== null && typeof c === "function") { options = b; fn = c; }
    else if (typeof b === "object" && b !== null && c === undefined) { options = b; fn = undefined; }
    name = typeof name === "string" ? name : safeString(name, "<test>");
    return { name: wellFormed(name), options, fn };
  }

  function addTest(mode, a, b, c) {
    const scope = currentScope("test");
    const { name, options, fn } = parseTestArgs("test", a, b, c);
    const chain = scopeChain(scope);
    let skip = mode === "skip" ? "" : mode === "todo" ? "todo" : null;
    if (options && options.skip) skip = typeof options.skip === "string" ? options.skip : "";
    if (options && options.todo) skip = typeof options.todo === "string" ? "todo: " + options.todo : "todo";
    let only = mode === "only" || !!(options && options.only);
    const names = [];
    for (let i = 0; i < chain.length; i++) {
      if (chain[i].name) push(names, chain[i].name);
      if (chain[i].mode === "skip" && skip === null) skip = "";
      if (chain[i].mode === "only") only = true;
    }
    push(names, name);
    if (typeof fn !== "function" && skip === null) skip = "todo";
    let full = join(names, " > ");
    if (apply(mapHas, collecting.byName, [full])) {
      let k = 2;
      while (apply(mapHas, collecting.byName, [full + " (" + k + ")"])) k++;
      full = full + " (" + k + ")";
    }
    const t = { name: full, fn, scope, skip, only };
    if (only) collecting.hasOnly = true;
    push(collecting.tests, t);
    apply(mapSet, collecting.byName, [full, t]);
  }

  function addSuite(mode, a, b, c) {
    const scope = currentScope("describe");
    const { name, options, fn } = parseTestArgs("describe", a, b, c);
    const s = newScope(name, scope, options && options.skip ? "skip" : options && options.only ? "only" : mode);
    if (typeof fn !== "function") return;
    push(suiteStack, s);
    try {
      const r = fn();
      if (isPromise(r)) {
        throw new SandboxError("TypeError", "describe() callbacks must be synchronous: " +
          "put the awaits inside test()");
      }
    } finally {
      suiteStack.length--;
    }
  }

  function addHook(kind) {
    return function (fn) {
      const scope = currentScope(kind);
      if (typeof fn !== "function") throw new SandboxError("TypeError", kind + "() needs a function");
      push(scope[kind], fn);
    };
  }

  function formatTitle(title, row, index) {
    const values = isArray(row) ? row : [row];
    let k = 0;
    let s = replace(title, /%[sdifjoOp#%]/g, (m) => {
      if (m === "%%") return "%";
      if (m === "%#") return StringCtor(index);
      const v = values[k++];
      if (m === "%s") return typeof v === "string" ? v : inspect(v, { short: true });
      if (m === "%d" || m === "%i" || m === "%f") return formatNumber(m === "%i" ? Math.trunc(Number(v)) : Number(v));
      if (m === "%j") { try { return jsonStringify(v); } catch (e) { return "[Circular]"; } }
      return inspect(v, { style: "jest", short: true });
    });
    if (!isArray(row) && isObject(row)) {
      s = replace(s, /\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, k2) => {
        const v = ownValue(row, k2);
        return typeof v === "string" ? v : inspect(v, { style: "jest", short: true });
      });
    }
    return s;
  }

  function each(register) {
    return function (table) {
      return function (title, fn) {
        if (!isArray(table)) throw new SandboxError("TypeError", ".each() needs an array of cases");
        for (let i = 0; i < table.length; i++) {
          const row = table[i];
          const args = isArray(row) ? row : [row];
          register(formatTitle(StringCtor(title), row, i), function () { return apply(fn, this, args); });
        }
      };
    };
  }

  function makeTest() {
    const t = function test(a, b, c) { addTest("", a, b, c); };
    t.skip = (a, b, c) => addTest("skip", a, b, c);
    t.todo = (a, b, c) => addTest("todo", a, b, c);
    t.only = (a, b, c) => addTest("only", a, b, c);
    t.each = each((name, fn) => addTest("", name, fn));
    t.skip.each = each((name, fn) => addTest("skip", name, fn));
    t.only.each = each((name, fn) => addTest("only", name, fn));
    return t;
  }

  function makeDescribe() {
    const d = function describe(a, b, c) { addSuite("", a, b, c); };
    d.skip = (a, b, c) => addSuite("skip", a, b, c);
    d.only = (a, b, c) => addSuite("only", a, b, c);
    d.each = each((name, fn) => addSuite("", name, fn));
    return d;
  }

  // Failed assertions are AssertionErrors (status "failed"); anything else is an error.
  class AssertionError extends ErrorCtor {
    constructor(options) {
      if (typeof options === "string") options = { message: options };
      options = options || {};
      super(options.message === undefined ? "Failed" : StringCtor(options.message));
      this.name = "AssertionError";
      this.code = "ERR_ASSERTION";
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      this.generatedMessage = !options.userMessage;
    }
  }

  function isAssertionError(e) {
    if (!isObject(e)) return false;
    try {
      return e instanceof AssertionError || e.name === "AssertionError";
    } catch (x) {
      return false;
    }
  }

  // --- Deep equality (expect.toEqual / toStrictEqual, assert.deep[Strict]Equal) --------

  // Where two values first differ, as a path like [2].name ("" when equal at the top).
  function pathText(path) {
    let s = "";
    for (let i = 0; i < path.length; i++) {
      const p = path[i];
      if (typeof p === "number") s += "[" + p + "]";
      else if (typeof p === "string") s += rx(IDENT, p) ? "." + p : "[" + jsonStringify(wellFormed(p)) + "]";
      else s += "[" + inspect(p, { short: true, limit: 100 }) + "]";
    }
    return s;
  }

  // mode: "loose" (==, no prototypes), "equal" (Jest toEqual: Object.is, undefined
  // properties ignored, no prototypes), "strict" (Object.is, prototypes and undefined
  // properties count).
  function deepDiff(a, b, mode) {
    const pairs = [];
    const path = [];
    let where = null;

    function prim(x, y) {
      if (mode === "loose") {
        // eslint-disable-next-line eqeqeq
        return x == y || (x !== x && y !== y);
      }
      return objectIs(x, y);
    }

    function keysOf(o) {
      const ks = objectKeys(o);
      if (mode === "strict") return ks;
      const out = [];
      for (let i = 0; i < ks.length; i++) if (o[ks[i]] !== undefined) push(out, ks[i]);
      return out;
    }

    function eq(x, y) {
      if (x === y && (mode !== "strict" && mode !== "equal" || objectIs(x, y))) return true;
      const ox = isObject(x) && typeof x !== "function", oy = isObject(y) && typeof y !== "function";
      if (!ox || !oy) {
        if (!ox && !oy && prim(x, y)) return true;
        where = path.slice();
        return false;
      }
      for (let i = 0; i < pairs.length; i++) if (pairs[i][0] === x && pairs[i][1] === y) return true;
      push(pairs, [x, y]);
      try {
        if (mode === "strict" && getProto(x) !== getProto(y)) { where = path.slice(); return false; }
        if (isArray(x) !== isArray(y)) { where = path.slice(); return false; }
        if (isDate(x) || isDate(y)) {
          if (!isDate(x) || !isDate(y) || !objectIs(apply(dateGetTime, x, []), apply(dateGetTime, y, []))) {
            where = path.slice(); return false;
          }
          return true;
        }
        if (isRegExp(x) || isRegExp(y)) {
          if (safeString(x) !== safeString(y)) { where = path.slice(); return false; }
          return true;
        }
        if (isError(x) && isError(y)) {
          if (errorMessage(x) !== errorMessage(y) || errorType(x) !== errorType(y)) { where = path.slice(); return false; }
        }
        if (isMap(x) || isMap(y)) {
          if (!isMap(x) || !isMap(y) || apply(mapSize, x, []) !== apply(mapSize, y, [])) { where = path.slice(); return false; }
          const it = apply(mapEntries, x, []);
          for (let r = apply(iterNext, it, []); !r.done; r = apply(iterNext, it, [])) {
            const [k, v] = r.value;
            if (!apply(mapHas, y, [k])) { where = path.slice(); return false; }
            push(path, k);
            if (!eq(v, apply(mapGet, y, [k]))) return false;
            path.length--;
          }
          return true;
        }
        if (isSet(x) || isSet(y)) {
          if (!isSet(x) || !isSet(y) || apply(setSize, x, []) !== apply(setSize, y, [])) { where = path.slice(); return false; }
          const it = apply(setValues, x, []);
          for (let r = apply(setIterNext, it, []); !r.done; r = apply(setIterNext, it, [])) {
            if (apply(setHas, y, [r.value])) continue;
            // a deep-equal member
            let found = false;
            const it2 = apply(setValues, y, []);
            for (let r2 = apply(setIterNext, it2, []); !r2.done && !found; r2 = apply(setIterNext, it2, [])) {
              if (deepDiff(r.value, r2.value, mode) === null) found = true;
            }
            if (!found) { where = path.slice(); return false; }
          }
          return true;
        }
        if (isArray(x)) {
          if (x.length !== y.length) {
            const n = x.length < y.length ? x.length : y.length;
            for (let i = 0; i < n; i++) {
              push(path, i);
              if (!eq(x[i], y[i])) return false;
              path.length--;
            }
            where = path.slice();
            where.lengths = [x.length, y.length];
            return false;
          }
          for (let i = 0; i < x.length; i++) {
            push(path, i);
            if (!eq(x[i], y[i])) return false;
            path.length--;
          }
          if (mode !== "strict") return true;
        }
        if (isTypedArray(x) || isTypedArray(y)) {
          if (!isTypedArray(x) || !isTypedArray(y) || apply(taLength, x, []) !== apply(taLength, y, [])) {
            where = path.slice(); return false;
          }
        }
        const t1 = tag(x), t2 = tag(y);
        if ((t1 === "Number" || t1 === "String" || t1 === "Boolean") && (t1 !== t2 || !objectIs(x.valueOf(), y.valueOf()))) {
          where = path.slice(); return false;
        }
        const kx = keysOf(x), ky = keysOf(y);
        if (kx.length !== ky.length) {
          for (let i = 0; i < kx.length; i++) {
            if (!hasOwn(y, kx[i]) || (mode !== "strict" && y[kx[i]] === undefined)) {
              push(path, kx[i]); where = path.slice(); return false;
            }
          }
          for (let i = 0; i < ky.length; i++) {
            if (!hasOwn(x, ky[i]) || (mode !== "strict" && x[ky[i]] === undefined)) {
              push(path, ky[i]); where = path.slice(); return false;
            }
          }
          where = path.slice(); return false;
        }
        for (let i = 0; i < kx.length; i++) {
          const k = kx[i];
          if (!hasOwn(y, k)) { push(path, k); where = path.slice(); return false; }
          push(path, k);
          if (!eq(x[k], y[k])) return false;
          path.length--;
        }
        return true;
      } finally {
        pairs.length--;
      }
    }

    return eq(a, b) ? null : (where || []);
  }

  // The value at `path` inside v ("(missing)" when absent).
  function valueAt(v, path) {
    for (let i = 0; i < path.length; i++) {
      const k = path[i];
      try {
        if (isMap(v)) { v = apply(mapGet, v, [k]); continue; }
        if (!isObject(v) || !(k in v)) return { missing: true };
        v = v[k];
      } catch (e) {
        return { missing: true };
      }
    }
    return { value: v };
  }

  function differenceLine(actual, expected, where, style, received, want) {
    if (where === null) return "";
    const rs = received || "received", es = want || "expected";
    if (where.lengths) {
      return "\n\n" + (where.length ? "At " + pathText(where) + ": " : "") + "lengths differ: " + rs + " has " +
        where.lengths[0] + " items, " + es + " " + where.lengths[1];
    }
    if (!where.length) return "";
    const a = valueAt(actual, where), e = valueAt(expected, where);
    const show = (x) => x.missing ? "(missing)" : inspect(x.value, { style, short: true, limit: 200 });
    return "\n\nFirst difference at " + pathText(where) + ": " + rs + " " + show(a) + ", " + es + " " + show(e);
  }

  // --- expect() ------------------------------------------------------------------

  function show(v) {
    return inspect(v, { style: "jest", short: true, limit: 1000 });
  }

  function matcherHint(name, negated, args, comment) {
    return "expect(received)." + (negated ? "not." : "") + name + "(" + (args === undefined ? "expected" : args) + ")" +
      (comment ? " // " + comment : "");
  }

  function fail(message, actual, expected, operator) {
    throw new AssertionError({ message, actual, expected, operator });
  }

  function thrownBy(fn) {
    try {
      const r = fn();
      if (isPromise(r)) {
        then(r, undefined, () => {});
        return { threw: false, promise: true };
      }
    } catch (error) {
      return { threw: true, error };
    }
    return { threw: false };
  }

  function throwMatches(error, expected) {
    const msg = isObject(error) ? errorMessage(error) : safeString(error, "");
    if (expected === undefined) return { ok: true };
    if (typeof expected === "string") return { ok: indexOf(msg, expected) >= 0, what: "substring", shown: show(expected) };
    if (isRegExp(expected)) {
      let ok = false;
      try { ok = rx(expected, msg); } catch (e) { ok = false; }
      return { ok, what: "pattern", shown: safeString(expected) };
    }
    if (typeof expected === "function") {
      let ok = false;
      try { ok = error instanceof expected; } catch (e) { ok = false; }
      if (!ok && expected.prototype === undefined) {   // a validation function (assert.throws)
        try { ok = expected(error) === true; } catch (e) { throw e; }
        return { ok, what: "validation function", shown: inspect(expected) };
      }
      return { ok, what: "constructor", shown: ownValue(expected, "name") || "(anonymous)" };
    }
    if (isError(expected)) {
      return { ok: msg === errorMessage(expected), what: "message", shown: show(errorMessage(expected)) };
    }
    if (isObject(expected)) {   // assert.throws(fn, {name, message})
      const keys = objectKeys(expected);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const want = expected[k];
        let got;
        try { got = error[k]; } catch (e) { got = undefined; }
        const ok = isRegExp(want) ? typeof got === "string" && rx(want, got) : deepDiff(got, want, "strict") === null;
        if (!ok) return { ok: false, what: "property " + k, shown: show(want) };
      }
      return { ok: true };
    }
    return { ok: false, what: "value", shown: show(expected) };
  }

  function describeThrown(error) {
    if (!isObject(error)) return "Thrown value: " + show(error);
    return "Error name:    " + show(errorType(error)) + "\nError message: " + show(errorMessage(error));
  }

  function makeMatchers(received, negated, promise) {
    const m = {};
    function def(name, impl) {
      m[name] = function (...args) {
        if (promise) {
          return (async () => {
            const r = await settle(received);
            if (r.pending) fail("expect(received)." + promise + "." + name + "()\n\nReceived promise never settled");
            if (promise === "resolves" && !r.ok) {
              fail(matcherHint(name, negated, undefined).replace("expect(received).", "expect(received).resolves.") +
                "\n\nReceived promise rejected instead of resolved\nRejected to value: " + show(r.error));
            }
            if (promise === "rejects" && r.ok) {
              fail(matcherHint(name, negated, undefined).replace("expect(received).", "expect(received).rejects.") +
                "\n\nReceived promise resolved instead of rejected\nResolved to value: " + show(r.value));
            }
            const value = r.ok ? r.value : r.error;
            if (name === "toThrow" || name === "toThrowError") {
              // expect(p).rejects.toThrow(x): the rejection reason is the thrown value
              return impl.call({ negated, value, thrownAlready: { threw: true, error: value } }, ...args);
            }
            return impl.call({ negated, value }, ...args);
          })();
        }
        return impl.call({ negated, value: received }, ...args);
      };
    }
    function check(ctx, pass, message) {
      if (pass === ctx.negated) fail(message());
    }
    def("toBe", function (expected) {
      const pass = objectIs(this.value, expected);
      check(this, pass, () => {
        let msg = matcherHint("toBe", this.negated, undefined, "Object.is equality") + "\n\n";
        if (this.negated) return msg + "Expected: not " + show(expected);
        msg += "Expected: " + show(expected) + "\nReceived: " + show(this.value);
        if (isObject(expected) && isObject(this.value) && deepDiff(this.value, expected, "equal") === null) {
          msg += "\n\nIf it should pass with deep equality, replace \"toBe\" with \"toStrictEqual\"";
        } else {
          msg += differenceLine(this.value, expected, deepDiff(this.value, expected, "equal"), "jest");
        }
        return msg;
      });
    });
    function equalMatcher(name, mode) {
      def(name, function (expected) {
        const where = deepDiff(this.value, expected, mode);
        check(this, where === null, () => {
          const msg = matcherHint(name, this.negated, undefined, mode === "strict" ? "deep equality, types count" : "deep equality") + "\n\n";
          if (this.negated) return msg + "Expected: not " + show(expected);
          return msg + "Expected: " + show(expected) + "\nReceived: " + show(this.value) +
            differenceLine(this.value, expected, where, "jest");
        });
      });
    }
    equalMatcher("toEqual", "equal");
    equalMatcher("toStrictEqual", "strict");
    function throwMatcher(name) {
      def(name, function (expected) {
        let r = this.thrownAlready;
        if (!r) {
          if (typeof this.value !== "function") {
            fail(matcherHint(name, this.negated) + "\n\nReceived value must be a function, but it is " + show(this.value));
          }
          r = thrownBy(this.value);
          if (r.promise) {
            fail(matcherHint(name, this.negated) + "\n\nReceived function returned a promise: " +
              "use `await expect(promise).rejects." + name + "()`");
          }
        }
        const hint = matcherHint(name, this.negated, expected === undefined ? "" : "expected");
        if (!r.threw) {
          if (!this.negated) fail(hint + "\n\nReceived function did not throw");
          return;
        }
        const mt = throwMatches(r.error, expected);
        if (mt.ok === this.negated) {
          if (this.negated) {
            fail(hint + "\n\n" + (expected === undefined ? "Received function threw\n" :
              "Expected " + mt.what + ": not " + mt.shown + "\n") + describeThrown(r.error));
          }
          fail(hint + "\n\nExpected " + mt.what + ": " + mt.shown + "\n" + describeThrown(r.error));
        }
      });
    }
    throwMatcher("toThrow");
    throwMatcher("toThrowError");
    function simple(name, predicate) {
      def(name, function () {
        check(this, predicate(this.value), () => matcherHint(name, this.negated, "") + "\n\nReceived: " + show(this.value));
      });
    }
    simple("toBeTruthy", (v) => !!v);
    simple("toBeFalsy", (v) => !v);
    simple("toBeNull", (v) => v === null);
    simple("toBeUndefined", (v) => v === undefined);
    simple("toBeDefined", (v) => v !== undefined);
    simple("toBeNaN", (v) => typeof v === "number" && v !== v);
    function compare(name, op, f) {
      def(name, function (expected) {
        let pass = false;
        try { pass = f(this.value, expected); } catch (e) { pass = false; }
        check(this, pass, () => matcherHint(name, this.negated) + "\n\nExpected: " + (this.negated ? "not " : "") + op + " " +
          show(expected) + "\nReceived: " + (this.negated ? "    " : "") + show(this.value));
      });
    }
    compare("toBeGreaterThan", ">", (a, b) => a > b);
    compare("toBeGreaterThanOrEqual", ">=", (a, b) => a >= b);
    compare("toBeLessThan", "<", (a, b) => a < b);
    compare("toBeLessThanOrEqual", "<=", (a, b) => a <= b);
    def("toBeCloseTo", function (expected, digits) {
      const d = digits === undefined ? 2 : digits;
      const pass = typeof this.value === "number" && typeof expected === "number" &&
        (this.value === expected || Math.abs(this.value - expected) < Math.pow(10, -d) / 2);
      check(this, pass, () => matcherHint("toBeCloseTo", this.negated, "expected, precision") + "\n\nExpected: " +
        (this.negated ? "not " : "") + show(expected) + " (to " + d + " decimal places)\nReceived: " + show(this.value));
    });
    def("toContain", function (item) {
      let pass = false;
      try {
        const v = this.value;
        if (typeof v === "string") pass = indexOf(v, StringCtor(item)) >= 0;
        else if (isArray(v) || isTypedArray(v)) { for (let i = 0; i < v.length && !pass; i++) pass = objectIs(v[i], item) || v[i] === item; }
        else if (isSet(v)) pass = apply(setHas, v, [item]);
        else if (isObject(v) && typeof v[Symbol.iterator] === "function") { for (const x of v) if (x === item) { pass = true; break; } }
      } catch (e) { pass = false; }
      check(this, pass, () => matcherHint("toContain", this.negated) + "\n\nExpected value: " + (this.negated ? "not " : "") +
        show(item) + "\nReceived: " + show(this.value));
    });
    def("toContainEqual", function (item) {
      let pass = false;
      try {
        for (const x of this.value) if (deepDiff(x, item, "equal") === null) { pass = true; break; }
      } catch (e) { pass = false; }
      check(this, pass, () => matcherHint("toContainEqual", this.negated) + "\n\nExpected value: " + (this.negated ? "not " : "") +
        show(item) + "\nReceived: " + show(this.value));
    });
    def("toHaveLength", function (n) {
      let len;
      try { len = this.value.length; } catch (e) { len = undefined; }
      check(this, len === n, () => matcherHint("toHaveLength", this.negated) + "\n\nExpected length: " + (this.negated ? "not " : "") +
        show(n) + "\nReceived length: " + show(len) + "\nReceived: " + show(this.value));
    });
    def("toMatch", function (pattern) {
      let pass = false;
      if (typeof this.value === "string") {
        pass = typeof pattern === "string" ? indexOf(this.value, pattern) >= 0 : isRegExp(pattern) && rx(pattern, this.value);
      }
      check(this, pass, () => matcherHint("toMatch", this.negated) + "\n\nExpected " +
        (typeof pattern === "string" ? "substring" : "pattern") + ": " + (this.negated ? "not " : "") +
        (typeof pattern === "string" ? show(pattern) : safeString(pattern)) + "\nReceived string: " + show(this.value));
    });
    def("toBeInstanceOf", function (cls) {
      let pass = false;
      try { pass = this.value instanceof cls; } catch (e) { pass = false; }
      check(this, pass, () => matcherHint("toBeInstanceOf", this.negated) + "\n\nExpected constructor: " + (this.negated ? "not " : "") +
        (ownValue(cls, "name") || inspect(cls)) + "\nReceived: " + show(this.value) +
        (isObject(this.value) ? "\nReceived constructor: " + className(this.value) : ""));
    });
    def("toHaveProperty", function (keyPath, ...rest) {
      const path = typeof keyPath === "string" ? split(keyPath, ".") : isArray(keyPath) ? keyPath : [keyPath];
      const found = valueAt(this.value, path);
      let pass = !found.missing;
      if (pass && rest.length) pass = deepDiff(found.value, rest[0], "equal") === null;
      check(this, pass, () => matcherHint("toHaveProperty", this.negated, rest.length ? "path, value" : "path") +
        "\n\nExpected path: " + (this.negated ? "not " : "") + show(keyPath) +
        (rest.length ? "\nExpected value: " + show(rest[0]) : "") +
        "\nReceived " + (found.missing ? "object: " + show(this.value) : "value: " + show(found.value)));
    });
    return m;
  }

  function expect(received) {
    const m = makeMatchers(received, false, null);
    m.not = makeMatchers(received, true, null);
    defineProp(m, "resolves", {
      get() { const r = makeMatchers(received, false, "resolves"); r.not = makeMatchers(received, true, "resolves"); return r; },
    });
    defineProp(m, "rejects", {
      get() { const r = makeMatchers(received, false, "rejects"); r.not = makeMatchers(received, true, "rejects"); return r; },
    });
    return m;
  }

  // --- node:assert ------------------------------------------------------------------

  // The source text of the `assert(...)` / `assert.ok(...)` call at a user frame, for
  // assert.ok's message. V8 reports the column of the callee, QuickJS the end of the
  // call: take the last such call that starts at or before the position.
  function callSource(frame) {
    const src = apply(mapGet, sources, [frame.file]);
    if (typeof src !== "string") return null;
    const lines = split(src, "\n");
    if (frame.line < 1 || frame.line > lines.length) return null;
    const first = frame.line > 10 ? frame.line - 10 : 1;
    const text = join(lines.slice(first - 1, frame.line + 10), "\n");
    let pos = 0;
    for (let i = first; i < frame.line; i++) pos += lines[i - 1].length + 1;
    pos += frame.column > 0 ? frame.column - 1 : 0;
    const callee = /(?:\bassert(?:\.strict)?(?:\.ok)?|\bok)\s*\(/g;
    let start = -1;
    for (let m = apply(regexExec, callee, [text]); m; m = apply(regexExec, callee, [text])) {
      if (m.index > pos) break;
      start = m.index;
    }
    if (start < 0) return null;
    const open = indexOf(text, "(", start);
    let depth = 0, quote = null;
    for (let i = open; i < text.length; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === "'" || ch === '"' || ch === "`") quote = ch;
      else if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0) {
        return i + 1 >= pos ? replace(slice(text, start, i + 1), /\n\s*/g, " ") : null;
      }
    }
    return null;
  }

  function assertionCallSite() {
    const frames = userFrames(new ErrorCtor());
    return frames.length ? frames[0] : null;
  }

  function userMessage(message, fallback, details) {
    if (isError(message)) throw message;
    if (message !== undefined) {
      throw new AssertionError({ ...details, message: safeString(message, ""), userMessage: true });
    }
    throw new AssertionError({ ...details, message: replace(fallback, /\n+$/, "") });
  }

  function assertShow(v) {
    return inspect(v, { short: true, limit: 1000 });
  }

  function makeAssert(strict) {
    const equalOp = strict ? (a, b) => objectIs(a, b) : (a, b) => a == b || (a !== a && b !== b); // eslint-disable-line eqeqeq
    const deepMode = strict ? "strict" : "loose";

    function ok(value, message) {
      if (value) return;
      if (arguments.length === 0) userMessage(undefined, "No value argument passed to `assert.ok()`", { operator: "==" });
      const site = assertionCallSite();
      const src = site ? callSource(site) : null;
      userMessage(message, src
        ? "The expression evaluated to a falsy value:\n\n  " + src + "\n"
        : assertShow(value) + " == true", { actual: value, expected: true, operator: "==" });
    }

    const a = function assert(value, message) {
      if (value) return;
      if (arguments.length === 0) userMessage(undefined, "No value argument passed to `assert.ok()`", { operator: "==" });
      return apply(ok, this, [value, message]);
    };
    a.ok = ok;
    a.equal = function equal(actual, expected, message) {
      if (equalOp(actual, expected)) return;
      userMessage(message, strict
        ? "Expected values to be strictly equal:\n\n" + assertShow(actual) + " !== " + assertShow(expected) + "\n"
        : assertShow(actual) + " == " + assertShow(expected), { actual, expected, operator: strict ? "strictEqual" : "==" });
    };
    a.notEqual = function notEqual(actual, expected, message) {
      if (!equalOp(actual, expected)) return;
      userMessage(message, strict
        ? "Expected \"actual\" to be strictly unequal to: " + assertShow(expected)
        : assertShow(actual) + " != " + assertShow(expected), { actual, expected, operator: strict ? "notStrictEqual" : "!=" });
    };
    a.strictEqual = function strictEqual(actual, expected, message) {
      if (objectIs(actual, expected)) return;
      let msg = "Expected values to be strictly equal:\n\n" + assertShow(actual) + " !== " + assertShow(expected) + "\n";
      if (typeof actual === typeof expected && isObject(actual) && deepDiff(actual, expected, "strict") === null) {
        msg = "Values have same structure but are not reference-equal:\n\n" + assertShow(actual) + "\n";
      }
      userMessage(message, msg, { actual, expected, operator: "strictEqual" });
    };
    a.notStrictEqual = function notStrictEqual(actual, expected, message) {
      if (!objectIs(actual, expected)) return;
      userMessage(message, "Expected \"actual\" to be strictly unequal to: " + assertShow(expected),
        { actual, expected, operator: "notStrictEqual" });
    };
    function deep(name, mode, negate, label) {
      return function (actual, expected, message) {
        const where = deepDiff(actual, expected, mode);
        if ((where === null) !== negate) return;
        const msg = negate
          ? "Expected \"actual\" not to be " + label + " to:\n\n" + assertShow(expected) + "\n"
          : "Expected values to be " + label + ":\n\nactual:   " + assertShow(actual) + "\nexpected: " +
            assertShow(expected) + differenceLine(actual, expected, where, "node", "actual", "expected") + "\n";
        userMessage(message, msg, { actual, expected, operator: name });
      };
    }
    a.deepEqual = deep("deepEqual", deepMode, false, strict ? "strictly deep-equal" : "loosely deep-equal");
    a.notDeepEqual = deep("notDeepEqual", deepMode, true, strict ? "strictly deep-equal" : "loosely deep-equal");
    a.deepStrictEqual = deep("deepStrictEqual", "strict", false, "strictly deep-equal");
    a.notDeepStrictEqual = deep("notDeepStrictEqual", "strict", true, "strictly deep-equal");
    a.throws = function throws(fn, expected, message) {
      if (typeof expected === "string" && message === undefined) { message = expected; expected = undefined; }
      if (typeof fn !== "function") {
        throw new SandboxError("TypeError", "The \"fn\" argument must be of type function. Received " + assertShow(fn));
      }
      const r = thrownBy(fn);
      if (!r.threw) userMessage(message, "Missing expected exception" + (expected && ownValue(expected, "name") ? " (" + ownValue(expected, "name") + ")." : "."), { operator: "throws" });
      const mt = throwMatches(r.error, expected);
      if (!mt.ok) {
        userMessage(message, "The error did not match the expected " + mt.what + ": " + mt.shown + "\n\n" +
          describeThrown(r.error), { actual: r.error, expected, operator: "throws" });
      }
    };
    a.doesNotThrow = function doesNotThrow(fn, expected, message) {
      if (typeof expected === "string" && message === undefined) { message = expected; }
      const r = thrownBy(fn);
      if (r.threw) {
        userMessage(message, "Got unwanted exception.\nActual message: " + show(errorMessage(r.error)),
          { actual: r.error, operator: "doesNotThrow" });
      }
    };
    a.rejects = async function rejects(promiseOrFn, expected, message) {
      if (typeof expected === "string" && message === undefined) { message = expected; expected = undefined; }
      let p = promiseOrFn;
      if (typeof p === "function") {
        try { p = p(); } catch (e) { p = PromiseCtor.reject(e); }
      }
      const r = await settle(p);
      if (r.pending) userMessage(message, "The promise never settled", { operator: "rejects" });
      if (r.ok) userMessage(message, "Missing expected rejection" + (expected && ownValue(expected, "name") ? " (" + ownValue(expected, "name") + ")." : "."), { operator: "rejects" });
      const mt = throwMatches(r.error, expected);
      if (!mt.ok) {
        userMessage(message, "The rejection did not match the expected " + mt.what + ": " + mt.shown + "\n\n" +
          describeThrown(r.error), { actual: r.error, expected, operator: "rejects" });
      }
    };
    a.doesNotReject = async function doesNotReject(promiseOrFn, expected, message) {
      if (typeof expected === "string" && message === undefined) message = expected;
      let p = promiseOrFn;
      if (typeof p === "function") {
        try { p = p(); } catch (e) { p = PromiseCtor.reject(e); }
      }
      const r = await settle(p);
      if (!r.ok && !r.pending) {
        userMessage(message, "Got unwanted rejection.\nActual message: " + show(errorMessage(r.error)),
          { actual: r.error, operator: "doesNotReject" });
      }
    };
    a.match = function match(string, regexp, message) {
      if (typeof string === "string" && isRegExp(regexp) && rx(regexp, string)) return;
      userMessage(message, "The input did not match the regular expression " + safeString(regexp) +
        ". Input:\n\n" + assertShow(string) + "\n", { actual: string, expected: regexp, operator: "match" });
    };
    a.doesNotMatch = function doesNotMatch(string, regexp, message) {
      if (!(typeof string === "string" && isRegExp(regexp) && rx(regexp, string))) return;
      userMessage(message, "The input was expected to not match the regular expression " + safeString(regexp) +
        ". Input:\n\n" + assertShow(string) + "\n", { actual: string, expected: regexp, operator: "doesNotMatch" });
    };
    a.fail = function fail2(message) {
      userMessage(message, "Failed", { operator: "fail" });
    };
    a.AssertionError = AssertionError;
    if (strict) {
      a.equal = a.strictEqual;
      a.notEqual = a.notStrictEqual;
      a.deepEqual = a.deepStrictEqual;
      a.notDeepEqual = a.notDeepStrictEqual;
    }
    return a;
  }

  const assertStrict = makeAssert(true);
  const assertLoose = makeAssert(false);
  assertLoose.strict = assertStrict;
  assertStrict.strict = assertStrict;

  // --- list-tests / run-test ---------------------------------------------------------

  function testModule() {
    const m = apply(mapGet, modules, ["test_solution"]);
    return m && m.tests ? m : null;
  }

  function listTests() {
    const m = testModule();
    if (!m) return [];
    const names = [];
    const tests = m.tests.tests;
    for (let i = 0; i < tests.length; i++) {
      if (!m.tests.hasOnly || tests[i].only) push(names, tests[i].name);
    }
    return names;
  }

  function testResult(name, status, message, traceback) {
    return { name, status, message: message || "", traceback: traceback || "" };
  }

  function fromError(name, error) {
    const failed = isAssertionError(error);
    let message;
    if (failed) {
      message = errorMessage(error) || "AssertionError";
    } else {
      const m = messageWithHints(error);
      const t = errorType(error);
      message = m ? t + ": " + m : t;
    }
    return testResult(name, failed ? "failed" : "error", message, formatTraceback(error));
  }

  class Skip {
    constructor(reason) { this.reason = reason; }
  }

  function testContext(t) {
    const ctx = {
      name: t.name,
      skip(reason) { throw new Skip(reason === undefined ? "" : safeString(reason, "")); },
      todo(reason) { throw new Skip(reason === undefined ? "todo" : "todo: " + safeString(reason, "")); },
      diagnostic(msg) { writeLine("# " + safeString(msg, "")); },
      async test(name, fn) {
        if (typeof name === "function") fn = name;
        let r = callUser(fn, undefined, [ctx], t.name);
        if (isPromise(r)) r = await r;
        if (!r.ok) throw r.error;
      },
      assert: assertStrict,
    };
    return ctx;
  }

  async function runTestInner(name) {
    const m = testModule();
    if (!m) return testResult(name, "error", "test_solution is not loaded");
    const t = apply(mapGet, m.tests.byName, [name]);
    if (!t) return testResult(name, "error", "no test named " + inspect(name, { short: true }));
    if (t.skip !== null) return testResult(name, "passed", "skipped" + (t.skip ? ": " + t.skip : ""));
    if (typeof t.fn === "function") {
      let src = "";
      try { src = apply(fnToString, t.fn, []); } catch (e) { src = ""; }
      if (rx(/^(async\s*)?function\s*\*/, src)) {
        return testResult(name, "error", name + " is a generator function; write a plain (or async) function");
      }
    }
    const chain = scopeChain(t.scope);
    const errors = [];
    let skipped = null;
    const ctx = testContext(t);
    async function run(fn, what) {
      let r = callUser(fn, undefined, [ctx], what);
      if (isPromise(r)) r = await r;
      if (!r.ok) {
        if (r.error instanceof Skip) { skipped = r.error.reason; return true; }
        push(errors, r.error);
        return false;
      }
      return true;
    }
    let ranAll = 0;
    let okSoFar = true;
    for (let i = 0; i < chain.length && okSoFar; i++) {
      const hooks = chain[i].beforeAll;
      for (let k = 0; k < hooks.length && okSoFar; k++) okSoFar = await run(hooks[k], "beforeAll()");
      ranAll = i + 1;
    }
    let ranEach = 0;
    for (let i = 0; i < chain.length && okSoFar; i++) {
      const hooks = chain[i].beforeEach;
      for (let k = 0; k < hooks.length && okSoFar; k++) okSoFar = await run(hooks[k], "beforeEach()");
      ranEach = i + 1;
    }
    if (okSoFar && skipped === null) await run(t.fn, name);
    for (let i = ranEach - 1; i >= 0; i--) {
      const hooks = chain[i].afterEach;
      for (let k = 0; k < hooks.length; k++) await run(hooks[k], "afterEach()");
    }
    for (let i = ranAll - 1; i >= 0; i--) {
      const hooks = chain[i].afterAll;
      for (let k = 0; k < hooks.length; k++) await run(hooks[k], "afterAll()");
    }
    if (errors.length) {
      const out = fromError(name, errors[0]);
      if (errors.length > 1) out.message += "\n(and " + (errors.length - 1) + " more failure(s) in this test)";
      return out;
    }
    if (skipped !== null) return testResult(name, "passed", "skipped" + (skipped ? ": " + skipped : ""));
    return testResult(name, "passed");
  }

  async function runTest(name) {
    if (!isReady) await ready;
    const out = beginCall();
    const saved = current;
    current = out;
    try {
      const result = typeof name !== "string"
        ? testResult(safeString(name, ""), "error", "test name must be a string")
        : await runTestInner(name);
      return withOutput(result, out);
    } finally {
      current = saved;
    }
  }

  // --- Return values -> JSON text --------------------------------------------------

  class ReturnValueError extends ErrorCtor {}

  function article(word) {
    return rx(/^[aeiouAEIOU]/, word) ? "an " + word : "a " + word;
  }

  // What a non-JSON value is, for messages ("a Set", "NaN", "a Point object").
  function describeValue(v) {
    if (typeof v === "number") return formatNumber(v);
    if (typeof v === "function") return startsWith(safeString(apply(fnToString, v, []), ""), "class") ? "a class" : "a function";
    if (typeof v === "symbol") return "a symbol";
    if (typeof v === "bigint") return "a bigint";
    if (isPromise(v)) return "a Promise";
    if (isMap(v)) return "a Map";
    if (isSet(v)) return "a Set";
    if (isDate(v)) return "a Date";
    if (isTypedArray(v)) return article(className(v));
    if (isRegExp(v)) return "a RegExp";
    if (isError(v)) return article(errorType(v));
    const name = className(v);
    const t = tag(v);
    if (name === "Object" && t !== "Object") return article(t);
    return article(name) + " object";
  }

  function hintFor(v) {
    if (typeof v === "number") return "JSON has no NaN or Infinity";
    if (typeof v === "function") return "did you forget to call it?";
    if (isPromise(v)) return "await it before returning";
    if (isSet(v)) return "return an array instead ([...set])";
    if (isMap(v)) return "return a plain object (Object.fromEntries(map)) or an array of pairs instead";
    if (isDate(v)) return "return a string (date.toISOString()) or a number instead";
    if (isTypedArray(v) || tag(v) === "ArrayBuffer") return "return a plain array instead (Array.from(...))";
    if (isObject(v) && typeof v[Symbol.iterator] === "function") return "return an array instead ([...values])";
    return "return null, a boolean, a number, a string, an array or a plain object";
  }

  function badValue(v, path) {
    const what = describeValue(v);
    throw new ReturnValueError(path.length
      ? "returned a value containing " + what + " at " + pathText(path) + "; " + hintFor(v)
      : "returned " + what + "; " + hintFor(v));
  }

  // JSON text for `value`, never calling user methods (toJSON, getters, valueOf).
  // `budget` is a one-element array of bytes left, shared by the calls of one case.
  function toJsonText(value, budget) {
    if (typeof value === "string" && value.length < 256 && !rx(ANY_SURROGATE, value)) {
      const text = jsonStringify(value);
      budget[0] -= text.length;
      if (budget[0] >= 0) return text;
      budget[0] += text.length;
    } else if (value === undefined || value === null) {
      budget[0] -= 4;
      if (budget[0] >= 0) return "null";
      budget[0] += 4;
    }
    const path = [];
    const active = [];

    function spend(n) {
      budget[0] -= n;
      if (budget[0] < 0) {
        throw new ReturnValueError("return value too large (more than " + (MAX_VALUE_BYTES / 1024) + " KiB as JSON)");
      }
    }

    function where() {
      return path.length ? " at " + pathText(path) : "";
    }

    function walk(v, depth) {
      switch (typeof v) {
        case "undefined": spend(4); return "null";
        case "boolean": spend(5); return v ? "true" : "false";
        case "number":
          if (!isFiniteNumber(v)) badValue(v, path);
          spend(25);
          return jsonStringify(v);
        case "string": {
          if (rx(ANY_SURROGATE, v) && rx(HAS_LONE_SURROGATE, v)) {
            throw new ReturnValueError("returned a string" + where() + " that is not valid Unicode (lone surrogate)");
          }
          const text = jsonStringify(v);
          spend(text.length);
          return text;
        }
        case "bigint": {
          const digits = apply(bigintToString, v, []);
          if (digits.length > MAX_INT_DIGITS + (digits[0] === "-" ? 1 : 0)) {
            throw new ReturnValueError("returned an integer" + where() + " with more than " + MAX_INT_DIGITS +
              " digits; return a string instead");
          }
          spend(digits.length + 2);
          return digits;
        }
        case "symbol":
        case "function":
          badValue(v, path);
      }
      if (v === null) { spend(4); return "null"; }
      const array = isArray(v);
      let plain = array;
      if (!array) {
        const proto = getProto(v);
        plain = proto === objectProto || proto === null;
        if (plain && tag(v) !== "Object") plain = false;      // e.g. a Map with a null prototype
        if (!plain) {
          const t = tag(v);
          try {   // boxed primitives become their values (as JSON.stringify does)
            if (t === "Number") return walk(apply(numberValueOf, v, []), depth);
            if (t === "String") return walk(apply(stringValueOf, v, []), depth);
            if (t === "Boolean") return walk(apply(booleanValueOf, v, []), depth);
          } catch (e) { /* not a real boxed primitive */ }
          badValue(v, path);
        }
      }
      for (let i = 0; i < active.length; i++) {
        if (active[i] === v) {
          throw new ReturnValueError("returned a cyclic structure (" + (array ? "an array" : "an object") +
            " that contains itself" + where() + ")");
        }
      }
      if (depth >= MAX_DEPTH) {
        throw new ReturnValueError("return value is nested too deeply (more than " + MAX_DEPTH + " levels)");
      }
      push(active, v);
      spend(2);
      try {
        const parts = [];
        if (array) {
          const n = v.length;
          for (let i = 0; i < n; i++) {
            const d = getOwnDesc(v, i);
            path[path.length] = i;
            if (d && !("value" in d)) {
              throw new ReturnValueError("returned an array with a getter at " + pathText(path) + "; return plain data");
            }
            push(parts, walk(d ? d.value : undefined, depth + 1));
            path.length--;
            spend(1);
          }
          return "[" + join(parts, ",") + "]";
        }
        const keys = objectKeys(v);
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i];
          const d = getOwnDesc(v, k);
          if (!d) continue;
          path[path.length] = k;
          if (!("value" in d)) {
            throw new ReturnValueError("returned an object with a getter at " + pathText(path) + "; return plain data");
          }
          const item = d.value;
          if (item === undefined) { path.length--; continue; }     // as JSON.stringify does
          if (rx(ANY_SURROGATE, k) && rx(HAS_LONE_SURROGATE, k)) {
            throw new ReturnValueError("returned an object with a key that is not valid Unicode (lone surrogate)");
          }
          const keyText = jsonStringify(k);
          spend(keyText.length + 1);
          push(parts, keyText + ":" + walk(item, depth + 1));
          path.length--;
        }
        return "{" + join(parts, ",") + "}";
      } finally {
        active.length--;
      }
    }

    try {
      return walk(value, 0);
    } catch (e) {
      if (e instanceof ReturnValueError) throw e;
      if (isObject(e) && errorType(e) === "RangeError") {
        throw new ReturnValueError("return value is nested too deeply (more than " + MAX_DEPTH + " levels)");
      }
      throw new ReturnValueError("could not convert the return value: " + errorType(e));
    }
  }

  // A raw JSON fragment inside a result object (see dump()).
  class Raw {
    constructor(text) { this.text = text; }
  }

  // --- run-case --------------------------------------------------------------------

  function specError(message) {
    return { status: "error", error: runnerError("InvalidSpec", message), values: [] };
  }

  function caseError(error, values) {
    return { status: "error", error, values: new Raw("[" + join(values, ",") + "]") };
  }

  function definedButNotExported(source, name, kind) {
    const re = new RegExp("\\b(?:function\\s*\\*?\\s*|class\\s+|(?:const|let|var)\\s+)" + name + "\\b");
    return typeof source === "string" && rx(re, source)
      ? " (it is defined but not exported: write `export " + (kind === "class" ? "class " : "function ") + name + "`)"
      : "";
  }

  function lookupExport(mod, name) {
    const ns = mod.namespace;
    let v;
    try {
      v = ns[name];
    } catch (e) {
      return { error: e };
    }
    if (v !== undefined) return { value: v };
    let d;
    try {
      d = ns.default;
    } catch (e) {
      d = undefined;
    }
    if (isObject(d)) {
      if (typeof d === "function" && ownValue(d, "name") === name) return { value: d };
      try {
        if (typeof d !== "function" && d[name] !== undefined) return { value: d[name] };
      } catch (e) {
        return { error: e };
      }
    }
    return { missing: true };
  }

  function isConstructor(f) {
    if (typeof f !== "function") return false;
    try {
      construct(String, [], f);
      return true;
    } catch (e) {
      return false;
    }
  }

  async function runCaseInner(spec) {
    if (!isObject(spec) || isArray(spec)) return specError("spec must be a JSON object");
    const moduleName = hasOwn(spec, "module") ? spec.module : "solution";
    const mod = typeof moduleName === "string" ? apply(mapGet, modules, [moduleName]) : undefined;
    if (!mod) {
      return caseError(runnerError("ImportError", "module " + inspect(moduleName, { short: true }) + " is not loaded"), []);
    }
    const file = moduleName + ".js";
    const budget = [MAX_VALUE_BYTES];
    if (hasOwn(spec, "function")) {
      const fname = spec.function;
      const args = hasOwn(spec, "args") ? spec.args : [];
      if (typeof fname !== "string" || !isArray(args)) return specError("'function' must be a string and 'args' a list");
      const found = lookupExport(mod, fname);
      if (found.error) return caseError(errorInfo(found.error), []);
      if (found.missing) {
        return caseError(runnerError("AttributeError", file + " exports no function named '" + fname + "'" +
          definedButNotExported(mod.source, fname, "function")), []);
      }
      const fn = found.value;
      if (typeof fn !== "function") {
        return caseError(runnerError("TypeError", "'" + fname + "' in " + file + " is " + describeValue(fn) +
          ", not a function"), []);
      }
      let r = callUser(fn, undefined, args, fname + "()");
      if (isPromise(r)) r = await r;
      if (!r.ok) return caseError(errorInfo(r.error), []);
      try {
        return { status: "ok", value: new Raw(toJsonText(r.value, budget)) };
      } catch (e) {
        if (e instanceof ReturnValueError) {
          return caseError(runnerError("ReturnValueError", fname + "() " + e.message), []);
        }
        throw e;
      }
    }
    if (hasOwn(spec, "class")) {
      const cname = spec.class;
      const init = hasOwn(spec, "init") ? spec.init : [];
      const calls = hasOwn(spec, "calls") ? spec.calls : [];
      if (typeof cname !== "string" || !isArray(init) || !isArray(calls)) {
        return specError("'class' must be a string, 'init' and 'calls' lists");
      }
      for (let i = 0; i < calls.length; i++) {
        const c = calls[i];
        if (!(isArray(c) && c.length >= 2 && typeof c[0] === "string" && isArray(c[1]))) {
          return specError("each call must be [method, [args...]]");
        }
      }
      const found = lookupExport(mod, cname);
      if (found.error) return caseError(errorInfo(found.error), []);
      if (found.missing) {
        return caseError(runnerError("AttributeError", file + " exports no class named '" + cname + "'" +
          definedButNotExported(mod.source, cname, "class")), []);
      }
      const cls = found.value;
      if (!isConstructor(cls)) {
        return caseError(runnerError("TypeError", "'" + cname + "' in " + file + " is " + describeValue(cls) +
          ", not a class"), []);
      }
      const values = [];
      let obj;
      try {
        obj = construct(cls, init);
      } catch (e) {
        return caseError(errorInfo(e), values);
      }
      for (let i = 0; i < calls.length; i++) {
        const method = calls[i][0], args = calls[i][1];
        let f;
        try {
          f = obj[method];
        } catch (e) {
          return caseError(errorInfo(e), values);
        }
        if (typeof f !== "function") {
          return caseError(runnerError("AttributeError", cname + " object has no method '" + method + "'" +
            (f === undefined ? "" : " (it is " + describeValue(f) + ")")), values);
        }
        let r = callUser(f, obj, args, method + "()");
        if (isPromise(r)) r = await r;
        if (!r.ok) return caseError(errorInfo(r.error), values);
        try {
          push(values, toJsonText(r.value, budget));
        } catch (e) {
          if (e instanceof ReturnValueError) {
            return caseError(runnerError("ReturnValueError", method + "() " + e.message), values);
          }
          throw e;
        }
      }
      return { status: "ok", values: new Raw("[" + join(values, ",") + "]") };
    }
    return specError("spec needs 'function' or 'class'");
  }

  async function runCase(specJson) {
    if (!isReady) await ready;
    let spec = specJson;
    if (typeof specJson === "string") {
      try {
        spec = jsonParse(specJson);
      } catch (e) {
        return withOutput(specError("spec is not JSON: " + errorMessage(e)), new CappedOutput(CAP));
      }
    }
    const out = beginCall();
    const saved = current;
    current = out;
    try {
      return withOutput(await runCaseInner(spec), out);
    } finally {
      current = saved;
    }
  }

  // --- JSON entry points (what the component exports) -------------------------------

  // Encode a result object of the runner: JSON with Raw fragments spliced in, every
  // string made valid Unicode (JSON.stringify would escape a lone surrogate as \udXXX,
  // which strict parsers refuse).
  function dump(v) {
    if (v instanceof Raw) return v.text;
    if (typeof v === "string") return jsonStringify(wellFormed(v));
    if (isArray(v)) {
      const parts = [];
      for (let i = 0; i < v.length; i++) push(parts, dump(v[i]));
      return "[" + join(parts, ",") + "]";
    }
    if (isObject(v)) {
      const parts = [];
      const keys = objectKeys(v);
      for (let i = 0; i < keys.length; i++) {
        if (v[keys[i]] !== undefined) push(parts, jsonStringify(keys[i]) + ":" + dump(v[keys[i]]));
      }
      return "{" + join(parts, ",") + "}";
    }
    if (typeof v === "number" && !isFiniteNumber(v)) return "null";
    return v === undefined ? "null" : jsonStringify(v);
  }

  function str(s) {
    return s === "" ? '""' : jsonStringify(wellFormed(s));
  }

  // The replies of the hot paths, encoded directly.
  function dumpCase(r) {
    if (r.status === "ok" && r.value instanceof Raw) {
      return '{"status":"ok","value":' + r.value.text + ',"output":' + str(r.output) +
        ',"output_truncated":' + (r.output_truncated ? "true" : "false") + "}";
    }
    if (r.status === "ok" && r.values instanceof Raw) {
      return '{"status":"ok","values":' + r.values.text + ',"output":' + str(r.output) +
        ',"output_truncated":' + (r.output_truncated ? "true" : "false") + "}";
    }
    return dump(r);
  }

  function dumpTest(r) {
    if (r.status === "passed" && r.message === "" && r.traceback === "") {
      return '{"name":' + str(r.name) + ',"status":"passed","message":"","traceback":"","output":' +
        str(r.output) + ',"output_truncated":' + (r.output_truncated ? "true" : "false") + "}";
    }
    return dump(r);
  }

  function internal(e) {
    if (isObject(e) && errorType(e) === "MemoryError") return runnerError("MemoryError", "");
    return runnerError("RunnerError", "internal runner error: " + errorType(e) + ": " + errorMessage(e));
  }

  async function loadJson(name, source) {
    try {
      return dump(await load(name, source));
    } catch (e) {
      return dump({ ok: false, error: internal(e), output: "", output_truncated: false });
    }
  }

  async function listTestsJson() {
    try {
      if (!isReady) await ready;
      return dump(listTests());
    } catch (e) {
      return "[]";
    }
  }

  async function runTestJson(name) {
    try {
      return dumpTest(await runTest(name));
    } catch (e) {
      const err = internal(e);
      return dump({ name: safeString(name, ""), status: "error", message: err.type === "MemoryError" ? "MemoryError" : err.message,
        traceback: "", output: "", output_truncated: false });
    }
  }

  async function runCaseJson(spec) {
    try {
      return dumpCase(await runCase(spec));
    } catch (e) {
      return dump({ status: "error", error: internal(e), values: [], output: "", output_truncated: false });
    }
  }

  // Forget every user module (the warm-up's), as if the instance were fresh.
  function reset() {
    const names = [];
    modules.forEach((_, name) => push(names, name));
    for (let i = 0; i < names.length; i++) forget(names[i]);
    userFiles.clear();
    sources.clear();
    counts.clear();
    timers.clear();
  }

  // --- Warm-up: every path once (at build time in the component: a self-test) ---------

  const WARM_SOLUTION = `
export function fizzbuzz(n) {
  console.log("fizzbuzz", n, { n }, [n]);
  if (n % 15 === 0) return "FizzBuzz";
  if (n % 3 === 0) return "Fizz";
  if (n % 5 === 0) return "Buzz";
  return String(n);
}
export async function later(n) { await null; return [n, 1.5, "\\u00e9", { k: [1, 2] }, null, true, 10n ** 30n]; }
export function boom() { return null.x; }
export function aSet() { return new Set([1]); }
export function deep(n) { return n > 0 ? [deep(n - 1)] : []; }
export class Counter {
  constructor(start) { this.n = start; }
  inc(k) { this.n += k; return this.n; }
  fail() { throw new RangeError("nope"); }
}
`;

  const WARM_TESTS = `
import { fizzbuzz, later } from "./solution.js";
import assert from "node:assert";
import { test as t2 } from "node:test";
describe("fizzbuzz", () => {
  beforeEach(() => {});
  test("three", () => { expect(fizzbuzz(3)).toBe("Fizz"); });
  test("fails", () => { expect(fizzbuzz(3)).toEqual(["Buzz"]); });
  test("not", () => { expect(fizzbuzz(1)).not.toBe("1"); });
  test.each([[5, "Buzz"], [15, "FizzBuzz"]])("fizzbuzz(%i) is %s", (n, want) => { expect(fizzbuzz(n)).toBe(want); });
});
test("assert", () => { assert.strictEqual(fizzbuzz(5), "Fizz"); });
test("deep", () => { assert.deepStrictEqual({ a: [1, 2] }, { a: [1, 3] }); });
test("ok", () => { assert(fizzbuzz(1) === "2"); });
test("throws", () => { expect(() => { throw new TypeError("x"); }).toThrow(TypeError); assert.throws(() => null.x, TypeError); });
test("async", async () => { expect(await later(1)).toHaveLength(7); });
test("error", () => { null.x; });
t2.skip("skipped", () => {});
`;

  async function warmUp() {
    const statuses = [];
    await load("solution", WARM_SOLUTION);
    await load("test_solution", WARM_TESTS);
    const names = listTests();
    for (let i = 0; i < names.length; i++) push(statuses, (await runTest(names[i])).status);
    const specs = [
      { module: "solution", function: "fizzbuzz", args: [3] },
      { module: "solution", function: "later", args: [3] },
      { module: "solution", function: "boom", args: [] },
      { module: "solution", function: "aSet", args: [] },
      { module: "solution", function: "deep", args: [150] },
      { module: "solution", class: "Counter", init: [1], calls: [["inc", [2]], ["fail", []], ["inc", [1]]] },
    ];
    for (let i = 0; i < specs.length; i++) dump(await runCase(jsonStringify(specs[i])));
    dump(await runCase("{not json"));
    const bad = ["function f(x {\n}\n", "import x from 'lodash';\n", "undefinedName;\n", "throw 'a string';\n",
      "export const a = 1;\nexport const a = 2;\n", "module.exports = {};\n"];
    for (let i = 0; i < bad.length; i++) dump(await load("solution", bad[i]));
    reset();
    if (!statuses.includes("passed") || !statuses.includes("failed") || !statuses.includes("error")) {
      throw new ErrorCtor("runner warm-up failed: " + join(statuses, ", "));
    }
    return statuses;
  }

  // --- createRunner ------------------------------------------------------------------

  let ready = null;
  let isReady = false;
  let installedGlobals = {};
  let globalNames = [];

  function installGlobals() {
    const api = {
      test: makeTest(),
      describe: makeDescribe(),
      beforeEach: addHook("beforeEach"),
      afterEach: addHook("afterEach"),
      beforeAll: addHook("beforeAll"),
      afterAll: addHook("afterAll"),
      expect,
      assert: assertLoose,
    };
    api.it = api.test;
    api.suite = api.describe;
    api.before = api.beforeAll;
    api.after = api.afterAll;
    const globals = {
      console: consoleObject, process: processObject, test: api.test, it: api.it, describe: api.describe,
      beforeEach: api.beforeEach, afterEach: api.afterEach, beforeAll: api.beforeAll, afterAll: api.afterAll,
      expect, assert: assertLoose,
    };
    installedGlobals = globals;
    globalNames = objectKeys(globals);
    const names = objectKeys(globals);
    for (let i = 0; i < names.length; i++) {
      defineProp(G, names[i], { value: globals[names[i]], writable: true, configurable: true, enumerable: false });
    }
    defineProp(G, Symbol.for("randori.api"), { value: api, writable: true, configurable: true, enumerable: false });
    Error.stackTraceLimit = STACK_TRACE_LIMIT;
  }

  function createRunner(theHost) {
    host = theHost;
    installGlobals();
    host.setResolver(resolveImport);
    ready = (async () => {
      for (let i = 0; i < INTERNAL_SOURCES.length; i++) {
        const [name, source] = INTERNAL_SOURCES[i];
        const loaded = await host.loadModule(name, source);
        const r = await settle(loaded.evaluated);
        if (!r.ok) throw r.pending ? neverSettled(name) : r.error;
      }
      isReady = true;
    })();
    return {
      load: loadJson,
      listTests: listTestsJson,
      runTest: runTestJson,
      runCase: runCaseJson,
      fireIdle,
      warmUp,
      reset,
      // For the native tests:
      _internals: { inspect, toJsonText, deepDiff, resolveImport, CappedOutput, formatArgs, CAP },
    };
  }

  return createRunner;
})();
