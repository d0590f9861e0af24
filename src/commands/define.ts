// Helpers for family files to declare commands tersely.
import type { ArgDoc, CommandSpec, Handler, KeyRef } from './types.js';

export interface CommandDef {
  name: string;
  arity: number;
  flags?: number;
  /** [first, last, step] key positions; omit for commands without keys. */
  keys?: [number, number, number];
  acl?: string[];
  group: string;
  summary: string;
  since: string;
  complexity?: string;
  args?: ArgDoc[];
  run?: Handler;
  subcommands?: Array<Omit<CommandDef, 'group'> & { group?: string }>;
  /** Key-spec flags for COMMAND INFO / GETKEYSANDFLAGS (derived from flags when omitted). */
  keyFlags?: string[];
  /** Key extraction for MOVABLE_KEYS commands (COMMAND GETKEYS). */
  getKeys?: (argv: string[]) => KeyRef[] | null;
}

/** Builds a CommandSpec (and its subcommands, named "parent|sub"). */
export function defineCommand(d: CommandDef, parent?: string): CommandSpec {
  const name = parent ? `${parent}|${d.name.toLowerCase()}` : d.name.toLowerCase();
  const [firstKey, lastKey, step] = d.keys ?? [0, 0, 0];
  const spec: CommandSpec = {
    name,
    arity: d.arity,
    flags: d.flags ?? 0,
    firstKey,
    lastKey,
    step,
    acl: d.acl ?? [],
    group: d.group,
    summary: d.summary,
    since: d.since,
    complexity: d.complexity,
    args: d.args,
    run: d.run,
    keyFlags: d.keyFlags,
    getKeys: d.getKeys,
    stats: { calls: 0, usec: 0, rejected: 0, failed: 0 },
  };
  if (d.subcommands) {
    spec.subcommands = new Map();
    for (const s of d.subcommands) spec.subcommands.set(s.name.toLowerCase(), defineCommand({ ...s, group: s.group ?? d.group }, name));
  }
  return spec;
}
