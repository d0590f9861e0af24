// RDB codecs of hashes and lists, registered into rdb-registry.ts.
//
// Hashes: a listpack of field, value pairs in insertion order (byte-identical
// to Redis, whose listpack keeps the same order) or field/value strings.
// Lists: Redis 7.0's quicklist form, nodes of at most list-max-listpack-size
// (as a list built by RPUSH would be split), each a listpack; on load also
// Redis 6's ziplist nodes, a single ziplist, and the plain element list.
import { RdbError, RdbReader, RdbType, emptyCollection } from './rdb.js';
import { backlenSize, decodeListpack, decodeZiplist, encodeListpack } from './rdb-containers.js';
import { parseInt64 } from './int64.js';
import { registerLoader, registerSaver, type LoadLimits } from './rdb-registry.js';
import { HashValue } from './types/hash.js';
import { ListValue } from './types/list.js';

// ---- hashes -------------------------------------------------------------------------

registerSaver('hash', (w, v) => {
  const h = v as HashValue;
  if (h.isListpack) {
    const items: string[] = [];
    h.forEach((f, val) => items.push(f, val));
    w.byte(RdbType.HASH_LISTPACK);
    w.blob(encodeListpack(items));
  } else {
    w.byte(RdbType.HASH);
    w.length(h.size);
    h.forEach((f, val) => {
      w.string(f);
      w.string(val);
    });
  }
});

/** Pairs into a hash; `valueLimit` Infinity keeps a loaded listpack a listpack whatever its value sizes. */
function hashFrom(items: string[], lim: LoadLimits, valueLimit: number): HashValue {
  if (items.length === 0) emptyCollection();
  if (items.length % 2 !== 0) throw new RdbError('odd hash listpack');
  const h = new HashValue();
  const limits = { entries: lim.hashEntries, value: valueLimit };
  for (let i = 0; i < items.length; i += 2) {
    if (h.has(items[i])) throw new RdbError('duplicate hash field');
    h.set(items[i], items[i + 1], limits);
  }
  return h;
}

registerLoader(RdbType.HASH, (r, lim) => {
  return hashFrom(r.strings(2 * r.length()), lim, lim.hashValue);
});
registerLoader(RdbType.HASH_LISTPACK, (r, lim) => hashFrom(decodeListpack(r.stringBytes()), lim, Infinity));
registerLoader(RdbType.HASH_ZIPLIST, (r, lim) => hashFrom(decodeZiplist(r.stringBytes()), lim, Infinity));

// ---- lists --------------------------------------------------------------------------

const NODE_SIZE_LEVELS = [4096, 8192, 16384, 32768, 65536];
/** Redis never lets a node grow past this unless a size level allows it. */
const SIZE_SAFETY_LIMIT = 8192;
/** Redis's per-entry overhead estimate when deciding whether an element fits a node. */
const ENTRY_OVERHEAD = 8;
const QUICKLIST_PLAIN = 1;
const QUICKLIST_PACKED = 2;

/** Bytes element e takes in a listpack (encoding, data, backlen). */
function listpackEntryBytes(e: string): number {
  const v = parseInt64(e);
  let n: number;
  if (v !== null) {
    const x = Number(v);
    n = x >= 0 && x <= 127 ? 1 : x >= -4096 && x <= 4095 ? 2 : x >= -32768 && x <= 32767 ? 3 : x >= -8388608 && x <= 8388607 ? 4 : x >= -2147483648 && x <= 2147483647 ? 5 : 9;
  } else n = (e.length < 64 ? 1 : e.length < 4096 ? 2 : 5) + e.length;
  return n + backlenSize(n);
}

/** Redis's _quicklistNodeAllowInsert for a node of `bytes` and `count` entries. */
function fits(bytes: number, count: number, fill: number, elementLen: number): boolean {
  const next = bytes + elementLen + ENTRY_OVERHEAD;
  if (fill < 0 && -fill - 1 < NODE_SIZE_LEVELS.length && next <= NODE_SIZE_LEVELS[-fill - 1]) return true;
  if (next > SIZE_SAFETY_LIMIT) return false;
  return count < fill;
}

/** The list split into quicklist nodes as successive tail pushes would split it. */
export function quicklistNodes(items: readonly string[], fill: number): string[][] {
  const nodes: string[][] = [];
  let cur: string[] | null = null;
  let bytes = 0;
  for (const e of items) {
    if (cur === null || !fits(bytes, cur.length, fill, e.length)) {
      cur = [];
      nodes.push(cur);
      bytes = 7; // an empty listpack
    }
    cur.push(e);
    bytes += listpackEntryBytes(e);
  }
  return nodes;
}

registerSaver('list', (w, v, lim) => {
  const nodes = quicklistNodes((v as ListValue).toArray(), lim.listFill);
  w.byte(RdbType.LIST_QUICKLIST_2);
  w.length(nodes.length);
  for (const node of nodes) {
    w.length(QUICKLIST_PACKED);
    w.blob(encodeListpack(node));
  }
});

function listFrom(items: string[]): ListValue {
  if (items.length === 0) emptyCollection();
  return ListValue.from(items);
}

registerLoader(RdbType.LIST, (r) => listFrom(r.strings(r.length())));
registerLoader(RdbType.LIST_ZIPLIST, (r) => listFrom(decodeZiplist(r.stringBytes())));
registerLoader(RdbType.LIST_QUICKLIST, (r) => {
  const items: string[] = [];
  for (let n = r.length(); n > 0; n--) items.push(...decodeZiplist(r.stringBytes()));
  return listFrom(items);
});
registerLoader(RdbType.LIST_QUICKLIST_2, (r: RdbReader) => {
  const items: string[] = [];
  for (let n = r.length(); n > 0; n--) {
    const container = r.length();
    const blob = r.stringBytes();
    if (blob.length === 0) throw new RdbError('empty quicklist node');
    if (container === QUICKLIST_PLAIN) items.push(blob.latin1Slice(0, blob.length));
    else if (container === QUICKLIST_PACKED) items.push(...decodeListpack(blob));
    else throw new RdbError('bad quicklist container');
  }
  return listFrom(items);
});
