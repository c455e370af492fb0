// [0-9], not \d: digits of other scripts are not ints.
const WHOLE_NUMBER = /^[+-]?[0-9]+$/;

function asInt(text) {
  if (!WHOLE_NUMBER.test(text)) return null;
  const digits = text.replace(/^[+-]/, '').replace(/^0+/, '') || '0';
  return text.startsWith('-') && digits !== '0' ? '-' + digits : digits;
}

function asBool(text) {
  const lowered = text.toLowerCase();
  return lowered === 'true' || lowered === 'false' ? lowered : null;
}

const CONVERTERS = { int: asInt, bool: asBool, str: (text) => text };

export class Record {
  constructor() {
    this.typed = new Map(); // name -> converter
    this.cached = new Map(); // name -> source names
    this.instances = []; // per instance: { values: Map, computed: Map }
  }

  declareTyped(name, kind) {
    this.typed.set(name, CONVERTERS[kind]);
  }

  declareCached(name, sources) {
    this.cached.set(name, [...sources]);
  }

  create() {
    this.instances.push({ values: new Map(), computed: new Map() });
    return this.instances.length - 1;
  }

  set(instance, name, value) {
    if (this.typed.has(name)) {
      value = this.typed.get(name)(value);
      if (value === null) return false;
    }
    this.instances[instance].values.set(name, value);
    return true;
  }

  get(instance, name) {
    const { values, computed } = this.instances[instance];
    if (values.has(name) || !this.cached.has(name)) {
      return values.get(name) ?? null;
    }
    const value = this.cached
      .get(name)
      .map((source) => this.get(instance, source))
      .filter((part) => part !== null)
      .join(' ');
    values.set(name, value);
    computed.set(name, (computed.get(name) ?? 0) + 1);
    return value;
  }

  clear(instance, name) {
    return this.instances[instance].values.delete(name);
  }

  computations(instance, name) {
    return this.instances[instance].computed.get(name) ?? 0;
  }
}
