// Browser safety: which commands WebSocket sessions may run (ws-allow), and
// the optional shared-secret token (ws-token) checked before anything else.
import { createHash, timingSafeEqual } from 'node:crypto';
import { err, type ErrorReply } from '../../protocols/reply.js';
import { aclCategories } from '../commands/introspection.js';
import type { CommandSpec, CommandTable } from '../commands/types.js';

export { DEFAULT_WS_ALLOW, invalidAllowRule } from './ws-rules.js';

/** A compiled allow-list: the set of command specs (containers and subcommands) a session may run. */
export class CommandPolicy {
  private allowed = new Set<CommandSpec>();

  constructor(private readonly table: CommandTable, rules: string) {
    this.compile(rules);
  }

  /** Recompiles from rules (ws-allow changed); unknown command names are ignored. */
  compile(rules: string): void {
    const all: CommandSpec[] = [];
    const byName = new Map<string, CommandSpec[]>();
    for (const spec of this.table.all()) {
      const family = [spec];
      all.push(spec);
      if (spec.subcommands !== undefined) for (const sub of spec.subcommands.values()) {
        all.push(sub);
        family.push(sub);
        byName.set(sub.name, [sub]);
      }
      byName.set(spec.name, family);
    }
    const allowed = new Set<CommandSpec>();
    for (const word of rules.split(/\s+/)) {
      if (word === '') continue;
      const w = word.toLowerCase();
      if (w === 'allcommands' || w === '+@all') for (const s of all) allowed.add(s);
      else if (w === 'nocommands' || w === '-@all') allowed.clear();
      else {
        const add = w[0] === '+';
        const name = w.slice(1);
        const targets = name.startsWith('@') ? all.filter((s) => aclCategories(s).includes(name.slice(1))) : (byName.get(name) ?? []);
        for (const s of targets) {
          if (add) allowed.add(s);
          else allowed.delete(s);
        }
      }
    }
    this.allowed = allowed;
  }

  /** True when spec may run. */
  allows(spec: CommandSpec): boolean {
    return this.allowed.has(spec);
  }

  /** The FORBIDDEN error for spec, or null when it is allowed. */
  check(spec: CommandSpec): ErrorReply | null {
    return this.allowed.has(spec) ? null : forbidden(spec.name);
  }
}

const forbiddenCache = new Map<string, ErrorReply>();

/** FORBIDDEN error for a command this transport may not run. */
export function forbidden(name: string): ErrorReply {
  let e = forbiddenCache.get(name);
  if (e === undefined) {
    e = err(`FORBIDDEN this connection may not run the '${name}' command`);
    if (forbiddenCache.size < 1024) forbiddenCache.set(name, e);
  }
  return e;
}

/** Compares a presented token with the configured one in constant time (over their digests). */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'latin1').digest();
  const b = createHash('sha256').update(expected, 'latin1').digest();
  return timingSafeEqual(a, b);
}
