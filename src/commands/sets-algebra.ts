// Set algebra: SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF
// SDIFFSTORE, following Redis 7.0's algorithms so that replies list
// members in the same order (results that Redis keeps as intsets come out
// sorted numerically) and keyspace events match.
import { ERR_SYNTAX, SetReply, err, EMPTY_ARRAY, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { SetValue } from '../core/types/set.js';
import { defineCommand } from './define.js';
import { is, isErr } from './args.js';
import { ERR_LIMIT_NEG, ERR_NUMKEYS, deleteKey, longAtLeast, setKey } from './collections.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { ERR_WRONGTYPE } from '../../protocols/reply.js';

const F = Flag;
const EMPTY_SET = new SetReply(EMPTY_ARRAY);
const ERR_NUMKEYS_ARGS = err("ERR Number of keys can't be greater than number of args");

/** The sets at keys (undefined for missing keys), or WRONGTYPE; reads count hits/misses. */
function readSets(c: Client, argv: string[], from: number, to: number): Array<SetValue | undefined> | typeof ERR_WRONGTYPE {
  const sets: Array<SetValue | undefined> = [];
  for (let i = from; i < to; i++) {
    const v = c.db.lookupRead(argv[i]);
    if (v === undefined) sets.push(undefined);
    else if (typeof v === 'string' || v.type !== 'set') return ERR_WRONGTYPE;
    else sets.push(v as SetValue);
  }
  return sets;
}

/** A new set holding the union of `sets`, built as Redis builds it (starting as an intset). */
export function unionOf(sets: Array<SetValue | undefined>, maxIntset: number): SetValue {
  const out = new SetValue(true);
  for (const s of sets) if (s !== undefined) for (const m of s.members()) out.add(m, maxIntset);
  return out;
}

function diffOf(sets: Array<SetValue | undefined>, maxIntset: number): SetValue {
  const out = new SetValue(true);
  const first = sets[0];
  if (first === undefined) return out;
  for (let j = 1; j < sets.length; j++) if (sets[j] === first) return out;
  let one = 0;
  let two = 0;
  for (const s of sets) {
    if (s === undefined) continue;
    one += first.size;
    two += s.size;
  }
  if (Math.floor(one / 2) <= two) {
    // Algorithm 1: test each member of the first set against the others, biggest first.
    const others = sets.slice(1).sort((a, b) => (b?.size ?? 0) - (a?.size ?? 0));
    for (const m of first.members()) {
      let found = false;
      for (const s of others) if (s !== undefined && s.has(m)) { found = true; break; }
      if (!found) out.add(m, maxIntset);
    }
  } else {
    // Algorithm 2: copy the first set, then remove everything else.
    for (const m of first.members()) out.add(m, maxIntset);
    for (let j = 1; j < sets.length && out.size > 0; j++) {
      const s = sets[j];
      if (s !== undefined) for (const m of s.members()) out.delete(m);
    }
  }
  return out;
}

/** Stores a computed set at dst (or deletes dst when empty) and replies its size. */
function store(c: Client, dst: string, result: SetValue, event: string): Reply {
  if (result.size === 0) {
    deleteKey(c, dst);
    return 0;
  }
  setKey(c, dst, result);
  c.server.notify(NotifyClass.SET, event, dst, c.db.index);
  return result.size;
}

/** SINTER / SINTERSTORE / SINTERCARD core: dst null = reply, limit < 0 = not SINTERCARD. */
function inter(c: Client, argv: string[], from: number, to: number, dst: string | null, limit: number): Reply {
  const read = readSets(c, argv, from, to);
  if (isErr(read)) return read;
  if (read.includes(undefined)) {
    if (dst !== null) return store(c, dst, new SetValue(true), 'sinterstore');
    return limit >= 0 ? 0 : EMPTY_SET;
  }
  const sets = (read as SetValue[]).sort((a, b) => a.size - b.size);
  const first = sets[0];
  const max = c.server.config.num('set-max-intset-entries');
  const out: string[] = [];
  const result = dst !== null ? new SetValue(true) : null;
  let card = 0;
  for (const m of first.members()) {
    let j = 1;
    for (; j < sets.length; j++) if (sets[j] !== first && !sets[j].has(m)) break;
    if (j < sets.length) continue;
    if (limit >= 0) {
      card++;
      if (limit > 0 && card >= limit) break;
    } else if (result !== null) result.add(m, max);
    else out.push(m);
  }
  if (limit >= 0) return card;
  if (result !== null) return store(c, dst!, result, 'sinterstore');
  return new SetReply(out);
}

function sinter(c: Client, argv: string[]): Reply {
  return inter(c, argv, 1, argv.length, null, -1);
}

function sinterstore(c: Client, argv: string[]): Reply {
  return inter(c, argv, 2, argv.length, argv[1], -1);
}

function sintercard(c: Client, argv: string[]): Reply {
  const numkeys = longAtLeast(argv[1], 1, ERR_NUMKEYS);
  if (isErr(numkeys)) return numkeys;
  if (numkeys > argv.length - 2) return ERR_NUMKEYS_ARGS;
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    if (is(argv[j], 'LIMIT') && j < argv.length - 1) {
      const l = longAtLeast(argv[++j], 0, ERR_LIMIT_NEG);
      if (isErr(l)) return l;
      limit = l;
    } else return ERR_SYNTAX;
  }
  return inter(c, argv, 2, 2 + numkeys, null, limit);
}

function unionDiff(c: Client, argv: string[], from: number, dst: string | null, union: boolean): Reply {
  const sets = readSets(c, argv, from, argv.length);
  if (isErr(sets)) return sets;
  const max = c.server.config.num('set-max-intset-entries');
  const result = union ? unionOf(sets, max) : diffOf(sets, max);
  if (dst !== null) return store(c, dst, result, union ? 'sunionstore' : 'sdiffstore');
  return new SetReply(result.members().slice());
}

const def = (name: string, arity: number, flags: number, keys: [number, number, number], summary: string, complexity: string, run: CommandSpec['run'], since = '1.0.0') =>
  defineCommand({ name, arity, flags, keys, acl: ['set'], group: 'set', since, summary, complexity, run });

/** The set algebra commands. */
export const setAlgebraCommands: CommandSpec[] = [
  def('sinter', -2, F.READONLY, [1, -1, 1], 'Intersect multiple sets',
    'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', sinter),
  def('sintercard', -3, F.READONLY | F.MOVABLE_KEYS, [0, 0, 0], 'Intersect multiple sets and return the cardinality of the result',
    'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', sintercard, '7.0.0'),
  def('sinterstore', -3, F.WRITE | F.DENYOOM, [1, -1, 1], 'Intersect multiple sets and store the resulting set in a key',
    'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', sinterstore),
  def('sunion', -2, F.READONLY, [1, -1, 1], 'Add multiple sets',
    'O(N) where N is the total number of elements in all given sets.', (c, a) => unionDiff(c, a, 1, null, true)),
  def('sunionstore', -3, F.WRITE | F.DENYOOM, [1, -1, 1], 'Add multiple sets and store the resulting set in a key',
    'O(N) where N is the total number of elements in all given sets.', (c, a) => unionDiff(c, a, 2, a[1], true)),
  def('sdiff', -2, F.READONLY, [1, -1, 1], 'Subtract multiple sets',
    'O(N) where N is the total number of elements in all given sets.', (c, a) => unionDiff(c, a, 1, null, false)),
  def('sdiffstore', -3, F.WRITE | F.DENYOOM, [1, -1, 1], 'Subtract multiple sets and store the resulting set in a key',
    'O(N) where N is the total number of elements in all given sets.', (c, a) => unionDiff(c, a, 2, a[1], false)),
];
