// HyperLogLog commands: PFADD PFCOUNT PFMERGE PFDEBUG PFSELFTEST. The value
// is a plain string in Redis's exact HLL layout (core/hll.ts), so GET, DUMP
// and RESTORE move HLLs between Redwire and redis-server unchanged.
import { ERR_WRONGTYPE, OK, StatusReply, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import {
  HLL_REGISTERS, HLL_SPARSE, cacheValid, createHll, decodeHll, denseGet, encodeHll, hllAdd, hllEncoding,
  describeSparse, hllSet, invalidateCache, isHllString, readCache, sparseToDense, writeCache, type Hll,
} from '../core/hll.js';
import { hllCount, hllCountRegisters, hllMerge } from '../core/hll-count.js';
import { hllSelfTest } from '../core/hll-selftest.js';
import { defineCommand } from './define.js';
import { is, isErr } from './args.js';
import { addKey } from './collections.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const ERR_NOT_HLL = err('WRONGTYPE Key is not a valid HyperLogLog string value.');
const ERR_CORRUPT = err('INVALIDOBJ Corrupted HLL object detected');
const ERR_NO_KEY = err('ERR The specified key does not exist');
const ERR_NOT_SPARSE = err('ERR HLL encoding is not sparse');

/** hll-sparse-max-bytes: the sparse encoding is promoted to dense beyond this size. */
function sparseMaxBytes(c: Client): number {
  return c.server.config.num('hll-sparse-max-bytes');
}

// The last HLL string written and its decoded bytes: repeated PFADD/PFCOUNT on
// one key skip decoding (strings are immutable, so equal text means equal
// bytes). Whoever mutates a decoded HLL stores it (re-pointing this cache)
// or, on an error path, drops the cache.
let cachedString: string | null = null;
let cachedHll: Hll | null = null;

function dropCache(): void {
  cachedString = null;
  cachedHll = null;
}

/** The HLL at key (decoded), undefined when missing, or the WRONGTYPE error (either flavour). */
function lookupHll(c: Client, key: string, read: boolean): Hll | undefined | ErrorReply {
  const v = read ? c.db.lookupRead(key) : c.db.get(key);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  if (v === cachedString) return cachedHll!;
  if (!isHllString(v)) return ERR_NOT_HLL;
  return decodeHll(v);
}

/** Stores h at key: a new key fires "new"; an existing one keeps its TTL. Redis then holds it as a raw string. */
function storeHll(c: Client, key: string, h: Hll, created: boolean): void {
  const s = encodeHll(h);
  if (created) addKey(c, key, s);
  else c.db.overwrite(key, s);
  c.db.markRaw(key);
  cachedString = s;
  cachedHll = h;
}

/** INVALIDOBJ, forgetting a decoded HLL that may be half updated. */
function corrupt(): ErrorReply {
  dropCache();
  return ERR_CORRUPT;
}

/** A uint64 cardinality as Redis's long long reply (2^63, the overflow value, reads negative). */
function cardReply(card: number | bigint): Reply {
  return typeof card === 'bigint' && card >= 1n << 63n ? BigInt.asIntN(64, card) : card;
}

function pfadd(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const found = lookupHll(c, key, false);
  if (isErr(found)) return found;
  const created = found === undefined;
  const hll = found ?? createHll();
  const maxBytes = sparseMaxBytes(c);
  let updated = created ? 1 : 0;
  for (let j = 2; j < argv.length; j++) {
    const r = hllAdd(hll, argv[j], maxBytes);
    if (r === 1) updated++;
    else if (r === -1) {
      // Registers set before the corrupt part stay set, as Redis changes the string in place.
      if (updated > 0) storeHll(c, key, hll, created);
      return corrupt();
    }
  }
  if (updated === 0) {
    c.db.markRaw(key);
    return 0;
  }
  invalidateCache(hll);
  storeHll(c, key, hll, created);
  c.server.notify(NotifyClass.STRING, 'pfadd', key, c.db.index);
  return 1;
}

// Register maxima of a multi-key PFCOUNT or a PFMERGE (one byte per register).
const scratch = new Uint8Array(HLL_REGISTERS);

/** Merges the HLLs at argv[from..] into scratch; true if one was dense, or the error. */
function mergeSources(c: Client, argv: string[], from: number): boolean | ErrorReply {
  scratch.fill(0);
  let dense = false;
  for (let j = from; j < argv.length; j++) {
    const h = lookupHll(c, argv[j], true);
    if (h === undefined) continue;
    if (isErr(h)) return h;
    if (hllEncoding(h) !== HLL_SPARSE) dense = true;
    if (!hllMerge(scratch, h)) return corrupt();
  }
  return dense;
}

function pfcount(c: Client, argv: string[]): Reply {
  if (argv.length > 2) {
    const merged = mergeSources(c, argv, 1);
    if (typeof merged !== 'boolean') return merged;
    return cardReply(hllCountRegisters(scratch));
  }
  const key = argv[1];
  const h = lookupHll(c, key, true);
  if (h === undefined) return 0;
  if (isErr(h)) return h;
  c.db.markRaw(key);
  if (cacheValid(h)) return readCache(h);
  const card = hllCount(h);
  if (card === null) return corrupt();
  // The cached cardinality is part of the string: writing it back is a modification (WATCH sees it).
  writeCache(h, card);
  storeHll(c, key, h, false);
  return cardReply(card);
}

function pfmerge(c: Client, argv: string[]): Reply {
  const merged = mergeSources(c, argv, 1);
  if (typeof merged !== 'boolean') return merged;
  const key = argv[1];
  const found = lookupHll(c, key, false);
  const created = found === undefined;
  if (isErr(found)) return found; // cannot happen: the destination was checked as the first source
  const h = found ?? createHll();
  if (merged && !sparseToDense(h)) {
    if (created) storeHll(c, key, h, true);
    return corrupt();
  }
  const maxBytes = sparseMaxBytes(c);
  for (let j = 0; j < HLL_REGISTERS; j++) if (scratch[j] !== 0) hllSet(h, j, scratch[j], maxBytes);
  invalidateCache(h);
  storeHll(c, key, h, created);
  // Redis announces a merge as a mass PFADD.
  c.server.notify(NotifyClass.STRING, 'pfadd', key, c.db.index);
  return OK;
}

function pfdebug(c: Client, argv: string[]): Reply {
  const sub = argv[1];
  const key = argv[2];
  const h = lookupHll(c, key, false);
  if (h === undefined) return ERR_NO_KEY;
  if (isErr(h)) return h;
  c.db.markRaw(key);
  if (is(sub, 'GETREG')) {
    if (hllEncoding(h) === HLL_SPARSE) {
      if (!sparseToDense(h)) return corrupt();
      storeHll(c, key, h, false);
    }
    const out: Reply[] = new Array(HLL_REGISTERS);
    for (let j = 0; j < HLL_REGISTERS; j++) out[j] = denseGet(h.b, j);
    return out;
  }
  if (is(sub, 'DECODE')) {
    if (hllEncoding(h) !== HLL_SPARSE) return ERR_NOT_SPARSE;
    return describeSparse(h);
  }
  if (is(sub, 'ENCODING')) return new StatusReply(hllEncoding(h) === HLL_SPARSE ? 'sparse' : 'dense');
  if (is(sub, 'TODENSE')) {
    if (hllEncoding(h) !== HLL_SPARSE) return 0;
    if (!sparseToDense(h)) return corrupt();
    storeHll(c, key, h, false);
    return 1;
  }
  return err(`ERR Unknown PFDEBUG subcommand '${sub}'`);
}

function pfselftest(c: Client): Reply {
  const failure = hllSelfTest(sparseMaxBytes(c));
  return failure === null ? OK : err(failure);
}

const HLL = ['hyperloglog'];

/** Every HyperLogLog command. */
export const hyperloglogCommands: CommandSpec[] = [
  defineCommand({
    name: 'pfadd', arity: -2, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], acl: HLL, keyFlags: ['RW', 'insert'],
    group: 'hyperloglog', since: '2.8.9', complexity: 'O(1) to add every element.',
    summary: 'Adds the specified elements to the specified HyperLogLog.',
    args: [{ name: 'key', type: 'key' }, { name: 'element', type: 'string', optional: true, multiple: true }], run: pfadd,
  }),
  defineCommand({
    name: 'pfcount', arity: -2, flags: F.READONLY | F.MAY_REPLICATE, keys: [1, -1, 1], acl: HLL, keyFlags: ['RW', 'access'],
    group: 'hyperloglog', since: '2.8.9',
    complexity: 'O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.',
    summary: 'Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).',
    args: [{ name: 'key', type: 'key', multiple: true }], run: pfcount,
  }),
  defineCommand({
    name: 'pfmerge', arity: -2, flags: F.WRITE | F.DENYOOM, keys: [1, -1, 1], acl: HLL, keyFlags: ['RW', 'access', 'insert'],
    group: 'hyperloglog', since: '2.8.9', complexity: 'O(N) to merge N HyperLogLogs, but with high constant times.',
    summary: 'Merge N different HyperLogLogs into a single one.',
    args: [{ name: 'destkey', type: 'key' }, { name: 'sourcekey', type: 'key', optional: true, multiple: true }], run: pfmerge,
  }),
  defineCommand({
    name: 'pfdebug', arity: 3, flags: F.WRITE | F.DENYOOM | F.ADMIN, keys: [2, 2, 1], acl: HLL, keyFlags: ['RW', 'access'],
    group: 'hyperloglog', since: '2.8.9', complexity: 'N/A', summary: 'Internal commands for debugging HyperLogLog values',
    args: [{ name: 'subcommand', type: 'string' }, { name: 'key', type: 'key' }], run: pfdebug,
  }),
  defineCommand({
    name: 'pfselftest', arity: 1, flags: F.ADMIN, acl: HLL,
    group: 'hyperloglog', since: '2.8.9', complexity: 'N/A', summary: 'An internal command for testing HyperLogLog values',
    run: pfselftest,
  }),
];
