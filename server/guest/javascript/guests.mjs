// Two ways to run the JavaScript guest from Node, with the same four calls (each
// returns the JSON string the component export returns):
//
// * nativeGuest(): runner.js itself in a fresh `vm` context, user modules as
//   vm.SourceTextModule (needs `--experimental-vm-modules`): the runner's logic on V8.
// * componentGuest(): build/runner-js.wasm transpiled by jco (jco-transpile) and
//   instantiated afresh: QuickJS-NG in wasm, exactly what the host runs.
//
// Used by test_runner_native.mjs and test_component_smoke.mjs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..", "..");
export const RUNNER_JS = path.join(HERE, "runner.js");
export const DEFAULT_WASM = path.join(ROOT, "build", "runner-js.wasm");

export const hasVmModules = typeof vm.SourceTextModule === "function";

// Where V8 found a syntax error: vm.SourceTextModule's SyntaxError carries no
// location, `node --check` prints it ("file:LINE", the line, a caret).
function syntaxErrorLocation(source) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "randori-check-"));
  const file = path.join(dir, "module.mjs");
  try {
    fs.writeFileSync(file, source);
    const r = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
    const lines = (r.stderr || "").split("\n");
    const at = lines.findIndex((l) => l.startsWith(file + ":"));
    if (at < 0) return null;
    const line = Number(lines[at].slice(file.length + 1));
    const caret = lines[at + 2] || "";
    const column = caret.indexOf("^") + 1;
    return { line, column: column > 0 ? column : 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let runnerSource = null;

/** runner.js in a fresh vm context, with a host built on vm.SourceTextModule. */
export function nativeGuest() {
  if (!hasVmModules) throw new Error("nativeGuest() needs node --experimental-vm-modules");
  runnerSource ??= fs.readFileSync(RUNNER_JS, "utf8");
  const context = vm.createContext({});
  const createRunner = vm.runInContext(runnerSource, context, { filename: "runner.js" });
  const registry = new Map();
  let resolver = null;
  const host = {
    setResolver(fn) { resolver = fn; },
    forgetModule(name) { registry.delete(name); },
    idle() { return new Promise((resolve) => setImmediate(resolve)); },
    async loadModule(name, source) {
      registry.delete(name);
      let mod;
      try {
        mod = new vm.SourceTextModule(source, {
          context,
          identifier: name + ".js",
          importModuleDynamically: (specifier, referrer) => {
            const m = registry.get(resolver(specifier, referrer.identifier));
            if (!m) throw new context.Error(`module '${specifier}' is not loaded`);
            return m;
          },
        });
      } catch (e) {
        if (e && e.name === "SyntaxError") {
          const loc = syntaxErrorLocation(source);
          if (loc) Object.assign(e, { lineNumber: loc.line, columnNumber: loc.column, fileName: name + ".js" });
        }
        throw e;
      }
      registry.set(name, mod);
      try {
        await mod.link((specifier, referencing) => {
          const target = resolver(specifier, referencing.identifier);
          const m = registry.get(target);
          if (!m) throw new context.Error(`module '${target}' is not loaded`);
          return m;
        });
      } catch (e) {
        registry.delete(name);
        throw e;
      }
      const evaluated = mod.evaluate();
      return { namespace: mod.namespace, evaluated };
    },
  };
  const runner = createRunner(host);
  return {
    kind: "native",
    runner,
    load: (name, source) => runner.load(name, source),
    listTests: () => runner.listTests(),
    runTest: (name) => runner.runTest(name),
    runCase: (spec) => runner.runCase(spec),
  };
}

// --- The component, through jco --------------------------------------------------

const transpiled = new Map();    // wasm path -> {dir, instantiate, modules}

/** Transpile `wasm` once per process; the instantiate() function of the result. */
export async function loadComponent(wasm = DEFAULT_WASM) {
  if (transpiled.has(wasm)) return transpiled.get(wasm);
  const { transpile, writeFiles } = await import("@bytecodealliance/jco-transpile");
  const stat = fs.statSync(wasm);
  const dir = path.join(os.tmpdir(), `randori-runner-js-${stat.size}-${Math.floor(stat.mtimeMs)}`);
  const entry = path.join(dir, "runner-js.js");
  if (!fs.existsSync(entry)) {
    const tmp = dir + ".tmp" + process.pid;
    const out = await transpile(wasm, { outDir: tmp, name: "runner-js", instantiation: { tag: "async" } });
    await writeFiles(out.files);
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      // Another test process got there first: use its copy.
      fs.rmSync(tmp, { recursive: true, force: true });
      if (!fs.existsSync(entry)) throw e;
    }
  }
  const { instantiate } = await import(pathToFileURL(entry).href);
  const shim = await import("@bytecodealliance/preview2-shim");
  shim.filesystem._clearPreopens?.();
  // "wasi:cli/terminal-input" -> shim.cli.terminalInput
  const imports = new Proxy({}, {
    get(_, name) {
      const m = /^wasi:([a-z]+)\/([a-z-]+)(@.*)?$/.exec(String(name));
      if (!m) return undefined;
      const iface = m[2].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
      return shim[m[1]][iface];
    },
  });
  const modules = new Map();
  const getCoreModule = (file) => {
    if (!modules.has(file)) modules.set(file, WebAssembly.compile(fs.readFileSync(path.join(dir, file))));
    return modules.get(file);
  };
  const loaded = { dir, instantiate: () => instantiate(getCoreModule, imports) };
  transpiled.set(wasm, loaded);
  return loaded;
}

/** A fresh instance of the component (each call: a new instance, new memory). */
export async function componentGuest(wasm = DEFAULT_WASM) {
  const c = await loadComponent(wasm);
  const root = await c.instantiate();
  return {
    kind: "component",
    load: async (name, source) => root.load(name, source),
    listTests: async () => root.listTests(),
    runTest: async (name) => root.runTest(name),
    runCase: async (spec) => root.runCase(spec),
  };
}
