// Where a command's keys are, for COMMAND INFO (key specs), GETKEYS and
// GETKEYSANDFLAGS. A spec's own keyFlags/getKeys win; otherwise keys come
// from [firstKey, lastKey, step] with flags from the table below or derived
// from WRITE/READONLY, and the commands whose keys move (numkeys arguments,
// STORE/STREAMS keywords) are handled here by name, as Redis's getkeys procs.
import { Flag, type CommandSpec, type KeyRef } from './types.js';
import { parseInt64 } from './args.js';

/** A key spec as COMMAND INFO shows it. */
export interface KeySpecDesc {
  flags: string[];
  begin: { type: 'index'; index: number } | { type: 'keyword'; keyword: string; startfrom: number } | { type: 'unknown' };
  find:
    | { type: 'range'; lastkey: number; keystep: number; limit: number }
    | { type: 'keynum'; keynumidx: number; firstkey: number; keystep: number }
    | { type: 'unknown' };
}

const RO = ['RO', 'access'];
const RW = ['RW', 'access', 'update'];
const OW = ['OW', 'update'];
const RM = ['RM', 'delete'];
const INSERT = ['RW', 'insert'];
const POP = ['RW', 'access', 'delete'];

/** Key flags of well-known fixed-position commands: one list for all keys, or one per key in order. */
const KEY_FLAGS: Record<string, string[] | string[][]> = {
  get: RO, mget: RO, strlen: ['RO'], getrange: RO, substr: RO, exists: ['RO'], type: ['RO'], ttl: ['RO', 'access'],
  pttl: ['RO', 'access'], expiretime: ['RO', 'access'], pexpiretime: ['RO', 'access'],
  set: [...RW, 'variable_flags'], mset: OW, msetnx: ['OW', 'insert'], setnx: ['OW', 'insert'], setex: OW, psetex: OW,
  getset: RW, getex: RW, getdel: POP, append: INSERT, setrange: ['RW', 'update'],
  incr: RW, decr: RW, incrby: RW, decrby: RW, incrbyfloat: RW,
  del: RM, unlink: RM, expire: ['RW', 'update'], pexpire: ['RW', 'update'], expireat: ['RW', 'update'],
  pexpireat: ['RW', 'update'], persist: ['RW', 'update'],
  rename: [POP, OW], renamenx: [POP, ['OW', 'insert']], copy: [RO, ['OW', 'update']],
  lmove: [POP, INSERT], blmove: [POP, INSERT], rpoplpush: [POP, INSERT], brpoplpush: [POP, INSERT],
  lpush: INSERT, rpush: INSERT, lpushx: INSERT, rpushx: INSERT, lpop: POP, rpop: POP, blpop: POP, brpop: POP,
  sadd: INSERT, hset: ['RW', 'update'], hsetnx: INSERT, zadd: ['RW', 'update'], xadd: ['RW', 'update'],
  smove: [POP, INSERT], watch: ['RO'],
};

/** SET's key is overwritten unless GET asks for the old value (Redis setGetKeys). */
function setKeyFlags(argv: string[]): string[] {
  for (let i = 3; i < argv.length; i++) if (argv[i].toUpperCase() === 'GET') return RW;
  return OW;
}

/** Flags of the ordinal-th key of spec (fixed positions). */
function fixedKeyFlags(spec: CommandSpec, ordinal: number): string[] {
  if (spec.keyFlags !== undefined) return spec.keyFlags;
  const known = KEY_FLAGS[spec.name];
  if (known !== undefined) {
    if (Array.isArray(known[0])) {
      const per = known as string[][];
      return per[Math.min(ordinal, per.length - 1)];
    }
    return known as string[];
  }
  if ((spec.flags & Flag.WRITE) !== 0) return ['RW', 'update'];
  if ((spec.flags & Flag.READONLY) !== 0) return RO;
  return ['RO'];
}

interface Movable {
  specs: KeySpecDesc[];
  keys(argv: string[]): KeyRef[] | null;
}

const index = (i: number) => ({ type: 'index' as const, index: i });
const range = (lastkey: number, keystep = 1, limit = 0) => ({ type: 'range' as const, lastkey, keystep, limit });
const keynum = (keynumidx = 0) => ({ type: 'keynum' as const, keynumidx, firstkey: 1, keystep: 1 });

/** numkeys at argv[at], keys right after it. */
function numkeysKeys(argv: string[], at: number, flags: string[]): KeyRef[] | null {
  const n = at < argv.length ? parseInt64(argv[at]) : null;
  if (n === null || typeof n === 'bigint' || n < 0 || n > argv.length - at - 1) return null;
  const out: KeyRef[] = [];
  for (let i = 0; i < n; i++) out.push({ pos: at + 1 + i, flags });
  return out;
}

function numkeysCommand(at: number, flags: string[], dest = false): Movable {
  const specs: KeySpecDesc[] = [];
  if (dest) specs.push({ flags: OW, begin: index(1), find: range(0) });
  specs.push({ flags, begin: index(at), find: keynum() });
  return {
    specs,
    keys: (argv) => {
      const keys = numkeysKeys(argv, at, flags);
      if (keys === null) return null;
      return dest ? [{ pos: 1, flags: OW }, ...keys] : keys;
    },
  };
}

function streamsCommand(startfrom: number, flags: string[]): Movable {
  return {
    specs: [{ flags, begin: { type: 'keyword', keyword: 'STREAMS', startfrom }, find: range(-1, 1, 2) }],
    keys: (argv) => {
      let i = 1;
      while (i < argv.length && argv[i].toUpperCase() !== 'STREAMS') i++;
      const rest = argv.length - i - 1;
      if (i >= argv.length || rest === 0 || rest % 2 !== 0) return null;
      const out: KeyRef[] = [];
      for (let k = 0; k < rest / 2; k++) out.push({ pos: i + 1 + k, flags });
      return out;
    },
  };
}

function sortCommand(readOnly: boolean): Movable {
  const specs: KeySpecDesc[] = [{ flags: RO, begin: index(1), find: range(0) }];
  if (!readOnly) specs.push({ flags: [...OW, 'incomplete'], begin: { type: 'unknown' }, find: { type: 'unknown' } });
  return {
    specs,
    keys: (argv) => {
      const out: KeyRef[] = [{ pos: 1, flags: RO }];
      let store = -1;
      for (let i = 2; i < argv.length; i++) {
        const a = argv[i].toUpperCase();
        if (a === 'LIMIT') i += 2;
        else if (a === 'GET' || a === 'BY') i += 1;
        else if (a === 'STORE' && !readOnly && i + 1 < argv.length) store = ++i;
      }
      if (store > 0) out.push({ pos: store, flags: OW });
      return out;
    },
  };
}

function georadiusCommand(firstOption: number): Movable {
  return {
    specs: [
      { flags: RO, begin: index(1), find: range(0) },
      { flags: OW, begin: { type: 'keyword', keyword: 'STORE', startfrom: firstOption }, find: range(0) },
    ],
    keys: (argv) => {
      const out: KeyRef[] = [{ pos: 1, flags: RO }];
      let store = -1;
      for (let i = firstOption; i < argv.length; i++) {
        const a = argv[i].toUpperCase();
        if ((a === 'STORE' || a === 'STOREDIST') && i + 1 < argv.length) store = ++i;
      }
      if (store > 0) out.push({ pos: store, flags: OW });
      return out;
    },
  };
}

const MIGRATE: Movable = {
  specs: [
    { flags: RW, begin: index(3), find: range(0) },
    { flags: RW, begin: { type: 'keyword', keyword: 'KEYS', startfrom: -2 }, find: range(-1) },
  ],
  keys: (argv) => {
    for (let i = 6; i < argv.length; i++) {
      const a = argv[i].toUpperCase();
      if (a === 'AUTH') i += 1;
      else if (a === 'AUTH2') i += 2;
      else if (a === 'KEYS' && argv[3] === '') {
        const out: KeyRef[] = [];
        for (let k = i + 1; k < argv.length; k++) out.push({ pos: k, flags: RW });
        return out;
      }
    }
    return [{ pos: 3, flags: RW }];
  },
};

const MOVABLE: Record<string, Movable> = {
  eval: numkeysCommand(2, RW), evalsha: numkeysCommand(2, RW), eval_ro: numkeysCommand(2, RO), evalsha_ro: numkeysCommand(2, RO),
  fcall: numkeysCommand(2, RW), fcall_ro: numkeysCommand(2, RO),
  zunionstore: numkeysCommand(2, RO, true), zinterstore: numkeysCommand(2, RO, true), zdiffstore: numkeysCommand(2, RO, true),
  zunion: numkeysCommand(1, RO), zinter: numkeysCommand(1, RO), zdiff: numkeysCommand(1, RO),
  zintercard: numkeysCommand(1, RO), sintercard: numkeysCommand(1, RO),
  lmpop: numkeysCommand(1, POP), zmpop: numkeysCommand(1, POP), blmpop: numkeysCommand(2, POP), bzmpop: numkeysCommand(2, POP),
  xread: streamsCommand(1, RO), xreadgroup: streamsCommand(4, ['RW', 'access', 'update']),
  sort: sortCommand(false), sort_ro: sortCommand(true),
  georadius: georadiusCommand(6), georadiusbymember: georadiusCommand(5),
  migrate: MIGRATE,
};

/** True when the command's keys are found by scanning its arguments. */
export function isMovable(spec: CommandSpec): boolean {
  return spec.getKeys !== undefined || (spec.flags & Flag.MOVABLE_KEYS) !== 0 || MOVABLE[spec.name] !== undefined;
}

/** True if the command takes keys at all (COMMAND GETKEYS refuses the others). */
export function hasKeys(spec: CommandSpec): boolean {
  // Specs flagged not_key (shard channels of SPUBLISH/SSUBSCRIBE) are not keys for GETKEYS.
  if (spec.keyFlags !== undefined && spec.keyFlags.includes('not_key')) return false;
  return spec.firstKey !== 0 || isMovable(spec);
}

/** COMMAND INFO key specs. */
export function keySpecs(spec: CommandSpec): KeySpecDesc[] {
  const movable = MOVABLE[spec.name];
  if (movable !== undefined) return movable.specs;
  if (spec.firstKey === 0) return spec.getKeys !== undefined ? [{ flags: ['RW'], begin: { type: 'unknown' }, find: { type: 'unknown' } }] : [];
  const lastkey = spec.lastKey < 0 ? spec.lastKey : spec.lastKey - spec.firstKey;
  const known = KEY_FLAGS[spec.name];
  if (spec.keyFlags === undefined && known !== undefined && Array.isArray(known[0]) && spec.lastKey >= 0) {
    // One spec per key, each with its own flags (LMOVE source and destination ...).
    const out: KeySpecDesc[] = [];
    for (let pos = spec.firstKey, n = 0; pos <= spec.lastKey; pos += spec.step, n++) {
      out.push({ flags: fixedKeyFlags(spec, n), begin: index(pos), find: range(0) });
    }
    return out;
  }
  return [{ flags: fixedKeyFlags(spec, 0), begin: index(spec.firstKey), find: range(lastkey, spec.step) }];
}

/** The keys of a full command line (argv[0] is the command); null if the arguments are invalid. */
export function commandKeys(spec: CommandSpec, argv: string[]): KeyRef[] | null {
  if (spec.getKeys !== undefined) return spec.getKeys(argv);
  const movable = MOVABLE[spec.name];
  if (movable !== undefined) return movable.keys(argv);
  if (spec.firstKey === 0) return [];
  if (spec.name === 'set' && spec.keyFlags === undefined) return [{ pos: 1, flags: setKeyFlags(argv) }];
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  if (last >= argv.length) return null;
  const out: KeyRef[] = [];
  for (let pos = spec.firstKey, n = 0; pos <= last; pos += spec.step || 1, n++) out.push({ pos, flags: fixedKeyFlags(spec, n) });
  return out;
}
