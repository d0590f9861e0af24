// Config: typed parameter values, CONFIG GET/SET semantics, redis.conf files.
import { readFileSync } from 'node:fs';
import { PARAMS, ParamError, type ParamDef } from './params.js';
import { parseMemory } from './values.js';
import { parseInt64 } from '../core/int64.js';
import { globMatch } from '../core/glob.js';
import { splitInlineArgs } from '../../protocols/resp/inline.js';

export { PARAMS, type ParamDef } from './params.js';

/** Applies a new value; returns an error text to refuse (the old value is restored). */
export type ConfigListener = (value: unknown) => string | void;

/** Thrown for a bad config file line or command-line option. */
export class ConfigFileError extends Error {
  constructor(readonly line: number, readonly text: string, readonly reason: string) {
    super(`${reason} (line ${line}: ${text})`);
  }
}

const BY_NAME = new Map<string, ParamDef>();
for (const p of PARAMS) {
  BY_NAME.set(p.name, p);
  for (const a of p.aliases ?? []) BY_NAME.set(a, p);
}

/** The server's configuration. */
export class Config {
  private readonly values = new Map<string, unknown>();
  private readonly listeners = new Map<string, ConfigListener[]>();
  /** Path of the config file loaded at startup, if any (CONFIG REWRITE). */
  file: string | null = null;

  constructor() {
    for (const p of PARAMS) {
      const v = parseValue(p, [p.default], undefined);
      if (typeof v === 'string') throw new Error(`bad default for ${p.name}: ${v}`);
      this.values.set(p.name, v.value);
    }
  }

  /** The definition for a name or alias (case-insensitive). */
  static param(name: string): ParamDef | undefined {
    return BY_NAME.get(name.toLowerCase());
  }

  get(name: string): unknown {
    return this.values.get(BY_NAME.get(name)?.name ?? name);
  }
  num(name: string): number {
    return this.get(name) as number;
  }
  str(name: string): string {
    return this.get(name) as string;
  }
  bool(name: string): boolean {
    return this.get(name) as boolean;
  }

  /** The value as CONFIG GET prints it. */
  format(name: string): string {
    const p = BY_NAME.get(name)!;
    const v = this.values.get(p.name);
    if (p.format) return p.format(v);
    if (p.type === 'bool') return v ? 'yes' : 'no';
    return String(v);
  }

  /** Calls fn with each new value of `name` (after validation; may refuse). */
  on(name: string, fn: ConfigListener): void {
    const list = this.listeners.get(name) ?? [];
    list.push(fn);
    this.listeners.set(name, list);
  }

  /**
   * CONFIG SET semantics for several name/value pairs: all or nothing.
   * Returns null on success or the error text (without "ERR ").
   * `startup` allows immutable parameters (config file and command line).
   */
  setMany(pairs: Array<[string, string[]]>, startup = false): string | null {
    const seen = new Set<string>();
    const parsed: Array<[ParamDef, unknown, string]> = [];
    for (const [rawName, args] of pairs) {
      const p = BY_NAME.get(rawName.toLowerCase());
      if (p === undefined) return `Unknown option or number of arguments for CONFIG SET - '${rawName}'`;
      if (seen.has(p.name)) return failed(rawName, 'duplicate parameter');
      seen.add(p.name);
      if (p.immutable && !startup) return failed(rawName, "can't set immutable config");
      const v = parseValue(p, args, this.values.get(p.name));
      if (typeof v === 'string') return failed(rawName, v);
      parsed.push([p, v.value, rawName]);
    }
    const previous = parsed.map(([p]) => this.values.get(p.name));
    for (let i = 0; i < parsed.length; i++) {
      const [p, value, rawName] = parsed[i];
      this.values.set(p.name, value);
      for (const fn of this.listeners.get(p.name) ?? []) {
        const e = fn(value);
        if (typeof e === 'string') {
          // Roll back everything applied so far, listeners included.
          for (let j = i; j >= 0; j--) {
            this.values.set(parsed[j][0].name, previous[j]);
            if (j < i) for (const g of this.listeners.get(parsed[j][0].name) ?? []) g(previous[j]);
          }
          return failed(rawName, e);
        }
      }
    }
    return null;
  }

  /** CONFIG GET: [name, value] for every parameter matching any of the globs. */
  match(patterns: string[]): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (const raw of patterns) {
      const pattern = raw.toLowerCase();
      for (const [name, p] of BY_NAME) {
        const hit = pattern.includes('*') || pattern.includes('?') || pattern.includes('[')
          ? globMatch(pattern, name)
          : pattern === name;
        // An alias is only listed when asked for by its own name or matched by a pattern.
        if (hit && !seen.has(name)) {
          seen.add(name);
          out.push([name, this.format(p.name)]);
        }
      }
    }
    return out;
  }

  /** Applies config-file directives ([name, ...args] per line); throws ConfigFileError. */
  load(directives: Array<{ line: number; text: string; args: string[] }>): void {
    for (const d of directives) {
      const [name, ...args] = d.args;
      if (BY_NAME.get(name.toLowerCase()) === undefined) {
        throw new ConfigFileError(d.line, d.text, 'Bad directive or wrong number of arguments');
      }
      const e = this.setMany([[name, args]], true);
      if (e !== null) throw new ConfigFileError(d.line, d.text, e.replace(/^CONFIG SET failed \(possibly related to argument '[^']*'\) - /, ''));
    }
  }
}

function failed(name: string, why: string): string {
  return `CONFIG SET failed (possibly related to argument '${name}') - ${why}`;
}

function parseValue(p: ParamDef, args: string[], current: unknown): { value: unknown } | string {
  if (p.type === 'custom') {
    const v = p.parse!(args, current);
    return v instanceof ParamError ? v.message : { value: v };
  }
  if (args.length !== 1) return 'wrong number of arguments';
  const s = args[0];
  switch (p.type) {
    case 'bool': {
      const l = s.toLowerCase();
      if (l === 'yes') return { value: true };
      if (l === 'no') return { value: false };
      return "argument must be 'yes' or 'no'";
    }
    case 'enum': {
      const l = s.toLowerCase();
      if (p.values!.includes(l)) return { value: l };
      return `argument(s) must be one of the following: ${p.values!.join(', ')}`;
    }
    case 'string':
      return { value: s };
    case 'int':
    case 'memory': {
      // Beyond 2^53 (a bigint) counts as unparsable: values are kept as JS numbers.
      const n = p.type === 'memory' ? parseMemory(s) : parseInt64(s);
      if (typeof n !== 'number') return p.type === 'memory' ? 'argument must be a memory value' : "argument couldn't be parsed into an integer";
      if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max)) {
        return `argument must be between ${p.min} and ${p.max === Number.MAX_SAFE_INTEGER ? '9223372036854775807' : p.max} inclusive`;
      }
      return { value: n };
    }
  }
  return 'unsupported';
}

/** Splits redis.conf text into directives (comments and blank lines skipped, quotes honoured). */
export function parseConfigText(text: string): Array<{ line: number; text: string; args: string[] }> {
  const out: Array<{ line: number; text: string; args: string[] }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const bytes = Buffer.from(line, 'latin1');
    const args = splitInlineArgs(bytes, 0, bytes.length);
    if (args === null) throw new ConfigFileError(i + 1, line, 'Unbalanced quotes in configuration line');
    if (args.length > 0) out.push({ line: i + 1, text: line, args });
  }
  return out;
}

/** Reads a config file, following `include` directives. */
export function readConfigFile(path: string, depth = 0): Array<{ line: number; text: string; args: string[] }> {
  const text = readFileSync(path, 'latin1');
  const out: Array<{ line: number; text: string; args: string[] }> = [];
  for (const d of parseConfigText(text)) {
    if (d.args[0].toLowerCase() === 'include' && d.args.length === 2) {
      if (depth > 8) throw new ConfigFileError(d.line, d.text, 'include nesting too deep');
      out.push(...readConfigFile(d.args[1], depth + 1));
    } else out.push(d);
  }
  return out;
}
