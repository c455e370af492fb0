// A kata's entry point (the function or class the tests call) as a name and a
// signature in the room's language. Pure: the statement pane and the results panel
// both use it.

import { entryName, type Language } from './languages'

const typeName = (t: unknown): string => (typeof t === 'string' ? t : t == null ? '' : JSON.stringify(t))

interface Param {
  name: string
  type: string | null
}

interface Callable {
  name: string
  params: Param[]
  /** null: not given. */
  returns: string | null
}

/** Either shape of an entry point, read into one. */
type Parsed = { kind: 'function'; fn: Callable } | { kind: 'class'; name: string; init: Param[]; methods: Callable[] }

/** Parameters as [name, type] pairs, {name, type} objects or plain names. */
function params(p: unknown): Param[] {
  if (!Array.isArray(p)) return []
  return p.map((x) => {
    if (Array.isArray(x)) return { name: String(x[0]), type: typeName(x[1]) }
    if (x && typeof x === 'object' && 'name' in x) {
      const o = x as { name: unknown; type?: unknown }
      return { name: String(o.name), type: o.type !== undefined ? typeName(o.type) : null }
    }
    return { name: String(x), type: null }
  })
}

const returns = (r: unknown): string | null => (r === undefined || r === null ? null : typeName(r))

/** The server's shape ({"kind": "function" | "class", "name", ...}) or kata.toml's ({"function": ...}). */
function parse(entry: unknown): Parsed | null {
  if (!entry || typeof entry !== 'object') return null
  const e = entry as Record<string, unknown>
  const fnName = e.kind === 'function' ? e.name : e.function
  if (typeof fnName === 'string') return { kind: 'function', fn: { name: fnName, params: params(e.params), returns: returns(e.returns) } }
  const className = e.kind === 'class' ? e.name : e.class
  if (typeof className === 'string') {
    const methods = Object.entries((e.methods ?? {}) as Record<string, { params?: unknown; returns?: unknown } | null>).map(([name, m]) => ({
      name,
      params: params(m?.params),
      returns: returns(m?.returns),
    }))
    return { kind: 'class', name: className, init: params(e.init), methods }
  }
  return null
}

/** The name of the kata's function or class as `language` spells it, for showing case inputs as calls. */
export function entryPointName(entry: unknown, language: Language = 'python'): string | null {
  if (!entry || typeof entry !== 'object') return null
  const e = entry as Record<string, unknown>
  for (const v of [e.name, e.function, e.class]) if (typeof v === 'string') return entryName(v, language)
  return null
}

// Python: "n: int", "-> None".
const pyParams = (ps: Param[]) => ps.map((p) => (p.type === null ? p.name : `${p.name}: ${p.type}`))
const pyReturns = (r: string | null) => (r === null ? '' : ` -> ${r === 'none' ? 'None' : r}`)

function pythonSignature(p: Parsed): string {
  if (p.kind === 'function') return `def ${p.fn.name}(${pyParams(p.fn.params).join(', ')})${pyReturns(p.fn.returns)}`
  const lines = [`class ${p.name}:`, `    def __init__(${['self', ...pyParams(p.init)].join(', ')})`]
  for (const m of p.methods) lines.push(`    def ${m.name}(${['self', ...pyParams(m.params)].join(', ')})${pyReturns(m.returns)}`)
  return lines.join('\n')
}

// JavaScript, annotated with the kata's neutral types: "n: int", "): void".
const jsParams = (ps: Param[]) => ps.map((p) => (p.type === null ? entryName(p.name, 'javascript') : `${entryName(p.name, 'javascript')}: ${p.type}`)).join(', ')
const jsReturns = (r: string | null) => (r === null ? '' : `: ${r === 'none' ? 'void' : r}`)

function javascriptSignature(p: Parsed): string {
  const js = (n: string) => entryName(n, 'javascript')
  if (p.kind === 'function') return `function ${js(p.fn.name)}(${jsParams(p.fn.params)})${jsReturns(p.fn.returns)}`
  const lines = [`class ${p.name} {`, `  constructor(${jsParams(p.init)})`]
  for (const m of p.methods) lines.push(`  ${js(m.name)}(${jsParams(m.params)})${jsReturns(m.returns)}`)
  lines.push('}')
  return lines.join('\n')
}

/**
 * The kata's entry point as a signature in `language`, with the kata's neutral types
 * (`list[int]`, `none`). A plain string is taken as the signature itself.
 */
export function entrySignature(entry: unknown, language: Language = 'python'): string | null {
  if (typeof entry === 'string') return entry
  const p = parse(entry)
  if (!p) return null
  return language === 'javascript' ? javascriptSignature(p) : pythonSignature(p)
}

/**
 * The entry's names that `language` spells differently from the statement (which
 * uses the Python names), as [statement name, name in this language] pairs: the
 * function or the methods, then the parameters. Each name once; none for Python.
 */
export function renamedNames(entry: unknown, language: Language): [string, string][] {
  const p = parse(entry)
  if (!p) return []
  const names = p.kind === 'function' ? [p.fn.name, ...p.fn.params.map((x) => x.name)] : [...p.methods.map((m) => m.name), ...p.init.map((x) => x.name), ...p.methods.flatMap((m) => m.params.map((x) => x.name))]
  const out: [string, string][] = []
  for (const n of names) {
    const l = entryName(n, language)
    if (l !== n && !out.some(([seen]) => seen === n)) out.push([n, l])
  }
  return out
}
