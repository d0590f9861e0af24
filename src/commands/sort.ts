// SORT and SORT_RO: sort the elements of a list, set or sorted set
// numerically or lexicographically, by themselves or by weights read from
// other keys (BY pattern, hash fields with "->"), return or GET other keys'
// values per element, LIMIT the range, or STORE the result as a list.
// Redis's sortCommandGeneric is the specification, quirks included.
import { ERR_SYNTAX, ERR_WRONGTYPE, err, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import type { HashValue } from '../core/types/hash.js';
import { ListValue } from '../core/types/list.js';
import type { SetValue } from '../core/types/set.js';
import { cString, strtod } from '../core/types/strtod.js';
import type { ZSetValue } from '../core/types/zset.js';
import { partialSort } from '../core/geo-partial-sort.js';
import { defineCommand } from './define.js';
import { is, isErr, intArg } from './args.js';
import { deleteKey, setKey } from './collections.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const ERR_SCORES = err("ERR One or more scores can't be converted into double");
const MIN_NORMAL = 2.2250738585072014e-308;

/** One element being sorted: the element, its numeric weight, or its BY value for ALPHA. */
interface SortItem {
  obj: string;
  score: number;
  /** ALPHA with BY: the weight string, null when the weight key is missing. */
  cmp: string | null;
}

/**
 * Redis lookupKeyByPattern: "#" is the element itself; otherwise the first
 * "*" is replaced by the element and the key read (a string), or with
 * "key->field" a hash field. Null when there is no "*" or nothing found.
 */
function lookupByPattern(c: Client, pattern: string, subst: string): string | null {
  const spat = cString(pattern);
  if (spat === '#') return subst;
  const star = spat.indexOf('*');
  if (star < 0) return null;
  // A field only when "->" follows the "*" and something follows the arrow.
  const arrow = spat.indexOf('->', star + 1);
  const hasField = arrow >= 0 && arrow + 2 < spat.length;
  const field = hasField ? pattern.slice(arrow + 2) : null;
  const keyEnd = hasField ? arrow : pattern.length;
  const key = pattern.slice(0, star) + subst + pattern.slice(star + 1, keyEnd);
  const v = c.db.lookupRead(key);
  if (v === undefined) return null;
  if (field !== null) {
    if (typeof v === 'string' || v.type !== 'hash') return null;
    return (v as HashValue).get(field) ?? null;
  }
  return typeof v === 'string' ? v : null;
}

/** strtod as SORT applies it: the whole C string must parse, no ERANGE (overflow, underflow, inexact subnormal), no NaN. */
function sortScore(s: string): number | null {
  const cs = cString(s);
  const r = strtod(cs);
  if (r.end !== cs.length || r.range || r.value !== r.value) return null;
  const a = Math.abs(r.value);
  // glibc flags an inexact subnormal as ERANGE; a decimal one is never exact in practice.
  if (a !== 0 && a < MIN_NORMAL && !/^\s*[+-]?0[xX]/.test(cs)) return null;
  return r.value;
}

/** memcmp-then-length order of two byte strings (compareStringObjects). */
function binaryCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcoll in the C locale: byte order up to the first NUL. */
function collate(a: string, b: string): number {
  return binaryCompare(cString(a), cString(b));
}

function sortGeneric(c: Client, argv: string[], readonly: boolean): Reply {
  let desc = false;
  let alpha = false;
  let limitStart = 0;
  let limitCount = -1;
  let dontsort = false;
  let sortby: string | null = null;
  let storekey: string | null = null;
  const gets: string[] = [];
  for (let j = 2; j < argv.length; j++) {
    const a = argv[j];
    const left = argv.length - j - 1;
    if (is(a, 'ASC')) desc = false;
    else if (is(a, 'DESC')) desc = true;
    else if (is(a, 'ALPHA')) alpha = true;
    else if (is(a, 'LIMIT') && left >= 2) {
      const s = intArg(argv[j + 1]);
      if (isErr(s)) return s;
      const n = intArg(argv[j + 2]);
      if (isErr(n)) return n;
      limitStart = s;
      limitCount = n;
      j += 2;
    } else if (!readonly && is(a, 'STORE') && left >= 1) {
      storekey = argv[++j];
    } else if (is(a, 'BY') && left >= 1) {
      sortby = argv[++j];
      // A pattern without "*" names no weight keys: nothing to sort by (and it sticks).
      if (!cString(sortby).includes('*')) dontsort = true;
    } else if (is(a, 'GET') && left >= 1) {
      gets.push(argv[++j]);
    } else return ERR_SYNTAX;
  }

  const found = c.db.lookupRead(argv[1]);
  if (found !== undefined && (typeof found === 'string' || (found.type !== 'list' && found.type !== 'set' && found.type !== 'zset'))) {
    return ERR_WRONGTYPE;
  }
  const value = (found ?? new ListValue()) as ListValue | SetValue | ZSetValue;
  // Unsorted sets come out in hash order: with STORE they are sorted so the stored list is deterministic.
  if (dontsort && value.type === 'set' && storekey !== null) {
    dontsort = false;
    alpha = true;
    sortby = null;
  }
  // Redis converts a listpack sorted set to a skiplist for SORT, for good.
  if (value.type === 'zset') (value as ZSetValue).listpack = false;

  let vectorlen = value.type === 'list' ? (value as ListValue).length : value.type === 'set' ? (value as SetValue).size : (value as ZSetValue).size;
  let start = Math.min(Math.max(limitStart, 0), vectorlen);
  limitCount = Math.min(Math.max(limitCount, -1), vectorlen);
  let end = limitCount < 0 ? vectorlen - 1 : start + limitCount - 1;
  if (start >= vectorlen) {
    start = vectorlen - 1;
    end = vectorlen - 2;
  }
  if (end >= vectorlen) end = vectorlen - 1;

  const vector = loadVector(value, dontsort, desc, start, end);
  if (dontsort && value.type !== 'set') {
    // Only the requested range was loaded.
    end -= start;
    start = 0;
  }
  vectorlen = vector.length;

  let conversionError = false;
  if (!dontsort) {
    for (let j = 0; j < vectorlen; j++) {
      const item = vector[j];
      let byval: string | null = item.obj;
      if (sortby !== null) {
        byval = lookupByPattern(c, sortby, item.obj);
        if (byval === null) continue;
      }
      if (alpha) {
        if (sortby !== null) item.cmp = byval;
      } else {
        const score = sortScore(byval);
        if (score === null) conversionError = true;
        else item.score = score;
      }
    }
    const cmp = comparator(alpha, sortby !== null, storekey !== null, desc);
    // Redis sorts a LIMIT range of a BY sort with its partial quicksort (equal weights land where it puts them).
    if (sortby !== null && (start !== 0 || end !== vectorlen - 1)) {
      if (end >= start) partialSort(vector, cmp, start, end);
    } else vector.sort(cmp);
  }

  const count = end - start + 1;
  const outputlen = gets.length > 0 ? gets.length * count : count;
  if (conversionError) return ERR_SCORES;
  if (storekey === null) {
    const out: Reply[] = new Array(outputlen > 0 ? outputlen : 0);
    let k = 0;
    for (let j = start; j <= end; j++) {
      const obj = vector[j].obj;
      if (gets.length === 0) out[k++] = obj;
      for (const pattern of gets) out[k++] = lookupByPattern(c, pattern, obj);
    }
    return out;
  }
  const list = new ListValue();
  for (let j = start; j <= end; j++) {
    const obj = vector[j].obj;
    if (gets.length === 0) list.pushTail(obj);
    for (const pattern of gets) list.pushTail(lookupByPattern(c, pattern, obj) ?? '');
  }
  if (outputlen > 0) {
    // Drops any TTL and wakes clients blocked on the key (BLPOP ...).
    setKey(c, storekey, list);
    c.server.notify(NotifyClass.LIST, 'sortstore', storekey, c.db.index);
  } else deleteKey(c, storekey);
  return outputlen;
}

/**
 * The elements to sort. Lists and sorted sets that will not be sorted load
 * just [start, end] in their native order (reversed for DESC); otherwise
 * everything, sets in their iteration order.
 */
function loadVector(value: ListValue | SetValue | ZSetValue, dontsort: boolean, desc: boolean, start: number, end: number): SortItem[] {
  const out: SortItem[] = [];
  const item = (obj: string): SortItem => ({ obj, score: 0, cmp: null });
  if (value instanceof ListValue) {
    const len = value.length;
    if (!dontsort) for (let i = 0; i < len; i++) out.push(item(value.at(i)));
    else if (end >= start) {
      if (desc) for (let i = len - start - 1, n = end - start + 1; n > 0 && i >= 0; i--, n--) out.push(item(value.at(i)));
      else for (let i = start; i <= end && i < len; i++) out.push(item(value.at(i)));
    }
  } else if (value.type === 'set') {
    for (const m of (value as SetValue).members()) out.push(item(m));
  } else {
    const zs = value as ZSetValue;
    if (!dontsort) {
      for (const m of zs.dict.keys()) out.push(item(m));
    } else {
      const n = end - start + 1;
      let node = desc ? zs.at(zs.size - 1 - start) : zs.at(start);
      for (let k = 0; k < n && node !== null; k++) {
        out.push(item(node.member));
        node = desc ? node.backward : node.next[0];
      }
    }
  }
  return out;
}

/** Redis sortCompare for the given options. */
function comparator(alpha: boolean, byPattern: boolean, store: boolean, desc: boolean): (a: SortItem, b: SortItem) => number {
  let cmp: (a: SortItem, b: SortItem) => number;
  if (!alpha) {
    // Equal weights fall back to the elements themselves, so the order is deterministic.
    cmp = (a, b) => (a.score > b.score ? 1 : a.score < b.score ? -1 : binaryCompare(a.obj, b.obj));
  } else if (byPattern) {
    cmp = (a, b) => {
      if (a.cmp === null || b.cmp === null) return a.cmp === b.cmp ? 0 : a.cmp === null ? -1 : 1;
      return store ? binaryCompare(a.cmp, b.cmp) : collate(a.cmp, b.cmp);
    };
  } else {
    cmp = store ? (a, b) => binaryCompare(a.obj, b.obj) : (a, b) => collate(a.obj, b.obj);
  }
  return desc ? (a, b) => -cmp(a, b) : cmp;
}

const SORT_ACL = ['set', 'sortedset', 'list', 'dangerous'];
const SORT_COMPLEXITY =
  'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).';

/** SORT and SORT_RO. */
export const sortCommands: CommandSpec[] = [
  defineCommand({
    name: 'sort', arity: -2, flags: Flag.WRITE | Flag.DENYOOM, keys: [1, 1, 1], acl: SORT_ACL,
    group: 'generic', since: '1.0.0', complexity: SORT_COMPLEXITY, summary: 'Sort the elements in a list, set or sorted set',
    run: (c, argv) => sortGeneric(c, argv, false),
  }),
  defineCommand({
    name: 'sort_ro', arity: -2, flags: Flag.READONLY, keys: [1, 1, 1], acl: SORT_ACL,
    group: 'generic', since: '7.0.0', complexity: SORT_COMPLEXITY, summary: 'Sort the elements in a list, set or sorted set. Read-only variant of SORT.',
    run: (c, argv) => sortGeneric(c, argv, true),
  }),
];
