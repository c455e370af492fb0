// A kata's entry point (the function or class the tests call) as a name and a Python
// signature. Pure: the statement pane and the results panel both use it.

const typeName = (t: unknown): string => (typeof t === 'string' ? t : t == null ? '' : JSON.stringify(t))

/** Parameters as [name, type] pairs or {name, type} objects → "n: int, m: str". */
function paramList(p: unknown): string {
  if (!Array.isArray(p)) return ''
  return p
    .map((x) => {
      if (Array.isArray(x)) return `${x[0]}: ${typeName(x[1])}`
      if (x && typeof x === 'object' && 'name' in x) {
        const o = x as { name: unknown; type?: unknown }
        return o.type !== undefined ? `${String(o.name)}: ${typeName(o.type)}` : String(o.name)
      }
      return String(x)
    })
    .join(', ')
}

/** The name of the kata's function or class, for showing case inputs as calls. */
export function entryName(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object') return null
  const e = entry as Record<string, unknown>
  for (const v of [e.name, e.function, e.class]) if (typeof v === 'string') return v
  return null
}

/**
 * A Python signature for the kata's entry point. Accepts the server's shape
 * ({"kind": "function" | "class", "name", ...}) and kata.toml's ({"function": ...}).
 */
export function entrySignature(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object') return typeof entry === 'string' ? entry : null
  const e = entry as Record<string, unknown>
  const ret = (r: unknown) => (r === undefined || r === null ? '' : ` -> ${typeName(r) === 'none' ? 'None' : typeName(r)}`)
  const fnName = e.kind === 'function' ? e.name : e.function
  if (typeof fnName === 'string') return `def ${fnName}(${paramList(e.params)})${ret(e.returns)}`
  const className = e.kind === 'class' ? e.name : e.class
  if (typeof className === 'string') {
    const init = paramList(e.init)
    const lines = [`class ${className}:`, `    def __init__(self${init ? ', ' + init : ''})`]
    const methods = (e.methods ?? {}) as Record<string, { params?: unknown; returns?: unknown }>
    for (const [name, m] of Object.entries(methods)) {
      const ps = paramList(m?.params)
      lines.push(`    def ${name}(self${ps ? ', ' + ps : ''})${ret(m?.returns)}`)
    }
    return lines.join('\n')
  }
  return null
}
