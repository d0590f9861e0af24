// COMMAND [COUNT | LIST | INFO | DOCS | GETKEYS | GETKEYSANDFLAGS | HELP],
// built from the command table: flags and ACL categories derived the way
// Redis derives them, key specs from command-keys.ts, docs from the specs.
import { ERR_SYNTAX, MapReply, SetReply, StatusReply, err, type Reply } from '../../protocols/reply.js';
import { globMatch } from '../core/glob.js';
import { defineCommand } from './define.js';
import { helpReply } from './help.js';
import { commandKeys, hasKeys, isMovable, keySpecs, type KeySpecDesc } from './command-keys.js';
import { withSubcommands } from './table.js';
import { Flag, type ArgDoc, type Client, type CommandSpec, type CommandTable } from './types.js';
import { is } from './args.js';

const F = Flag;

/** COMMAND INFO flag names in Redis's order (may_replicate, protected and Redwire's own flags stay hidden). */
const FLAG_ORDER: Array<[number, string]> = [
  [F.WRITE, 'write'], [F.READONLY, 'readonly'], [F.DENYOOM, 'denyoom'], [F.ADMIN, 'admin'], [F.PUBSUB, 'pubsub'],
  [F.NOSCRIPT, 'noscript'], [F.BLOCKING, 'blocking'], [F.LOADING, 'loading'], [F.STALE, 'stale'],
  [F.SKIP_MONITOR, 'skip_monitor'], [F.SKIP_SLOWLOG, 'skip_slowlog'], [F.FAST, 'fast'], [F.NO_AUTH, 'no_auth'],
  [F.NO_MANDATORY_KEYS, 'no_mandatory_keys'], [F.NO_MULTI, 'no_multi'], [F.MOVABLE_KEYS, 'movablekeys'],
  [F.ALLOW_BUSY, 'allow_busy'],
];

/** ACL categories in the order Redis lists them. */
const CATEGORIES = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog', 'geo',
  'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection', 'transaction', 'scripting',
];

/** The command's flag names. */
function flagNames(spec: CommandSpec): string[] {
  const flags = spec.flags | (isMovable(spec) ? F.MOVABLE_KEYS : 0);
  const out: string[] = [];
  for (const [bit, name] of FLAG_ORDER) if ((flags & bit) !== 0) out.push(name);
  return out;
}

/** ACL categories: the declared ones plus those implied by flags (Redis setImplicitACLCategories). */
export function aclCategories(spec: CommandSpec): string[] {
  const cats = new Set(spec.acl);
  const f = spec.flags;
  if ((f & F.WRITE) !== 0) cats.add('write');
  if ((f & F.READONLY) !== 0 && !cats.has('scripting')) cats.add('read');
  if ((f & F.ADMIN) !== 0) cats.add('admin').add('dangerous');
  if ((f & F.PUBSUB) !== 0) cats.add('pubsub');
  if ((f & F.FAST) !== 0) cats.add('fast');
  if ((f & F.BLOCKING) !== 0) cats.add('blocking');
  if (!cats.has('fast')) cats.add('slow');
  return CATEGORIES.filter((c) => cats.has(c));
}

/** A command or "container|sub" by name in any case; undefined if unknown. */
function lookupFull(table: CommandTable, name: string): CommandSpec | undefined {
  const parts = name.split('|');
  if (parts.length > 2) return undefined;
  const base = table.get(parts[0]);
  if (parts.length === 1 || base === undefined) return base;
  return base.subcommands?.get(parts[1].toLowerCase());
}

const status = (names: string[]) => new SetReply(names.map((n) => new StatusReply(n)));

function keySpecReply(k: KeySpecDesc): Reply {
  const b = k.begin;
  const begin = b.type === 'index'
    ? new MapReply(['type', 'index', 'spec', new MapReply(['index', b.index])])
    : b.type === 'keyword'
      ? new MapReply(['type', 'keyword', 'spec', new MapReply(['keyword', b.keyword, 'startfrom', b.startfrom])])
      : new MapReply(['type', 'unknown', 'spec', new MapReply([])]);
  const f = k.find;
  const find = f.type === 'range'
    ? new MapReply(['type', 'range', 'spec', new MapReply(['lastkey', f.lastkey, 'keystep', f.keystep, 'limit', f.limit])])
    : f.type === 'keynum'
      ? new MapReply(['type', 'keynum', 'spec', new MapReply(['keynumidx', f.keynumidx, 'firstkey', f.firstkey, 'keystep', f.keystep])])
      : new MapReply(['type', 'unknown', 'spec', new MapReply([])]);
  return new MapReply(['flags', status(k.flags), 'begin_search', begin, 'find_keys', find]);
}

/** One COMMAND INFO entry. */
function commandInfo(spec: CommandSpec): Reply {
  const subs = spec.subcommands === undefined ? new SetReply([]) : [...spec.subcommands.values()].map(commandInfo);
  return [
    spec.name,
    spec.arity,
    status(flagNames(spec)),
    spec.firstKey,
    spec.lastKey,
    spec.step,
    status(aclCategories(spec).map((c) => `@${c}`)),
    new SetReply([]),
    new SetReply(keySpecs(spec).map(keySpecReply)),
    subs,
  ];
}

function argDocs(args: ArgDoc[], keyIndex: { n: number; max: number }): Reply[] {
  return args.map((a) => {
    const m: Reply[] = ['name', a.name, 'type', a.type];
    if (a.type === 'key') m.push('key_spec_index', Math.min(keyIndex.n++, keyIndex.max));
    if (a.token !== undefined) m.push('token', a.token);
    const flags: string[] = [];
    if (a.optional) flags.push('optional');
    if (a.multiple) flags.push('multiple');
    if (flags.length > 0) m.push('flags', status(flags));
    if ((a.type === 'oneof' || a.type === 'block') && a.arguments !== undefined) m.push('arguments', argDocs(a.arguments, keyIndex));
    return new MapReply(m);
  });
}

/** One COMMAND DOCS entry. */
function commandDocs(spec: CommandSpec): Reply {
  const m: Reply[] = ['summary', spec.summary, 'since', spec.since, 'group', spec.group];
  if (spec.complexity !== undefined) m.push('complexity', spec.complexity);
  if (spec.args !== undefined) m.push('arguments', argDocs(spec.args, { n: 0, max: Math.max(0, keySpecs(spec).length - 1) }));
  if (spec.subcommands !== undefined) {
    const subs: Reply[] = [];
    for (const sub of spec.subcommands.values()) subs.push(sub.name, commandDocs(sub));
    m.push('subcommands', new MapReply(subs));
  }
  return new MapReply(m);
}

function info(c: Client, argv: string[]): Reply {
  const table = c.server.commands;
  if (argv.length <= 2) return [...table.all()].map(commandInfo);
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const spec = lookupFull(table, argv[i]);
    out.push(spec === undefined ? null : commandInfo(spec));
  }
  return out;
}

function docs(c: Client, argv: string[]): Reply {
  const table = c.server.commands;
  const out: Reply[] = [];
  if (argv.length === 2) {
    for (const spec of table.all()) out.push(spec.name, commandDocs(spec));
  } else {
    for (let i = 2; i < argv.length; i++) {
      const spec = lookupFull(table, argv[i]);
      if (spec !== undefined) out.push(spec.name, commandDocs(spec));
    }
  }
  return new MapReply(out);
}

/** COMMAND LIST [FILTERBY MODULE name | ACLCAT cat | PATTERN glob] */
function list(c: Client, argv: string[]): Reply {
  let filter: ((spec: CommandSpec) => boolean) | null = null;
  for (let i = 2; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    if (!is(argv[i], 'FILTERBY') || more !== 2) return ERR_SYNTAX;
    const kind = argv[i + 1];
    const arg = argv[i + 2];
    if (is(kind, 'MODULE')) filter = () => false; // no modules
    else if (is(kind, 'ACLCAT')) {
      const cat = arg.toLowerCase();
      filter = CATEGORIES.includes(cat) ? (spec) => aclCategories(spec).includes(cat) : () => false;
    } else if (is(kind, 'PATTERN')) filter = (spec) => globMatch(arg, spec.name, true);
    else return ERR_SYNTAX;
    i += 2;
  }
  const out: string[] = [];
  for (const spec of withSubcommands(c.server.commands.all())) if (filter === null || filter(spec)) out.push(spec.name);
  return out;
}

/** COMMAND GETKEYS / GETKEYSANDFLAGS <full command> */
function getKeys(withFlags: boolean) {
  return (c: Client, argv: string[]): Reply => {
    const cmd = argv.slice(2);
    let spec = c.server.commands.get(cmd[0]);
    if (spec?.subcommands !== undefined && cmd.length >= 2) spec = spec.subcommands.get(cmd[1].toLowerCase());
    if (spec === undefined) return err('ERR Invalid command specified');
    if (!hasKeys(spec)) return err('ERR The command has no key arguments');
    if ((spec.arity > 0 && spec.arity !== cmd.length) || cmd.length < -spec.arity) {
      return err('ERR Invalid number of arguments specified for command');
    }
    const keys = commandKeys(spec, cmd);
    if (keys === null || keys.length === 0) {
      return (spec.flags & F.NO_MANDATORY_KEYS) !== 0 ? [] : err('ERR Invalid arguments specified for command');
    }
    return keys.map((k) => (withFlags ? [cmd[k.pos], status(k.flags)] : cmd[k.pos]));
  };
}

const HELP = [
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
];

const SUB = F.LOADING | F.STALE;
const sub = (d: Omit<Parameters<typeof defineCommand>[0], 'group'>) => ({ ...d, group: 'server', acl: ['connection'] });

export const introspectionCommands: CommandSpec[] = [
  defineCommand({
    name: 'command', arity: -1, flags: SUB, acl: ['connection'], group: 'server', since: '2.8.13',
    complexity: 'O(N) where N is the total number of Redis commands',
    summary: 'Returns detailed information about all commands.',
    run: (c) => [...c.server.commands.all()].map(commandInfo),
    subcommands: [
      sub({ name: 'count', arity: 2, flags: SUB, since: '2.8.13', complexity: 'O(1)',
        summary: 'Returns a count of commands.', run: (c) => c.server.commands.size }),
      sub({ name: 'list', arity: -2, flags: SUB, since: '7.0.0', complexity: 'O(N) where N is the total number of Redis commands',
        summary: 'Returns a list of command names.', run: list }),
      sub({ name: 'info', arity: -2, flags: SUB, since: '2.8.13', complexity: 'O(N) where N is the number of commands to look up',
        summary: 'Returns information about one, multiple or all commands.',
        args: [{ name: 'command-name', type: 'string', optional: true, multiple: true }], run: info }),
      sub({ name: 'docs', arity: -2, flags: SUB, since: '7.0.0', complexity: 'O(N) where N is the number of commands to look up',
        summary: 'Returns documentary information about one, multiple or all commands.',
        args: [{ name: 'command-name', type: 'string', optional: true, multiple: true }], run: docs }),
      sub({ name: 'getkeys', arity: -4, flags: SUB, since: '2.8.13', complexity: 'O(N) where N is the number of arguments to the command',
        summary: 'Extracts the key names from an arbitrary command.',
        args: [{ name: 'command', type: 'string' }, { name: 'arg', type: 'string', optional: true, multiple: true }], run: getKeys(false) }),
      sub({ name: 'getkeysandflags', arity: -4, flags: SUB, since: '7.0.0', complexity: 'O(N) where N is the number of arguments to the command',
        summary: 'Extracts the key names and access flags for an arbitrary command.',
        args: [{ name: 'command', type: 'string' }, { name: 'arg', type: 'string', optional: true, multiple: true }], run: getKeys(true) }),
      sub({ name: 'help', arity: 2, flags: SUB, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: (_c, argv) => helpReply(argv[0], HELP) }),
    ],
  }),
];
