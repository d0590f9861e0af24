// Byte accounting that mirrors how Redis lays a stream out in memory: entries
// live in listpack "nodes" of a radix tree, and a node is closed when it
// reaches stream-node-max-entries or stream-node-max-bytes. Those limits
// decide which entries approximate trimming (MAXLEN ~) may drop, so Redwire
// tracks each node's listpack size exactly to make the same decisions.
import { idBytes, type StreamId } from './stream-id.js';

/** Size of an empty listpack: 6-byte header plus the end marker. */
export const LP_EMPTY_BYTES = 7;

/** Bytes of a listpack element holding the integer v (int64 range). */
export function lpIntBytes(v: number | bigint): number {
  // The encoded length is at most 9 bytes, so the back-length takes one byte.
  if (v >= 0 && v <= 127) return 2;
  if (v >= -4096 && v <= 4095) return 3;
  if (v >= -32768 && v <= 32767) return 4;
  if (v >= -8388608 && v <= 8388607) return 5;
  if (v >= -2147483648 && v <= 2147483647) return 6;
  return 10;
}

/** Bytes of a listpack element holding the string s (stored as an integer when it looks like one). */
export function lpStringBytes(s: string): number {
  const n = s.length;
  if (n > 0 && n <= 20) {
    const v = asInt64(s);
    if (v !== null) return lpIntBytes(v);
  }
  const enc = n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n;
  return enc + backlenBytes(enc);
}

function backlenBytes(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

/** The integer a listpack would store s as (canonical int64 text), or null. */
function asInt64(s: string): number | bigint | null {
  const n = s.length;
  let i = 0;
  if (n === 1 && s.charCodeAt(0) === 48) return 0;
  if (s.charCodeAt(0) === 45 /* - */) {
    if (n === 1) return null;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null;
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  if (n <= 15) return Number(s);
  const v = BigInt(s);
  return v > 9223372036854775807n || v < -9223372036854775808n ? null : v;
}

/** The signed 64-bit difference a - b, as Redis stores ID deltas (wrapping). */
export function int64Delta(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a - b);
}

/**
 * Number of nodes of Redis's radix tree holding the given node keys (sorted
 * ascending): a compressed trie over 16-byte big-endian IDs, where shared
 * runs become one compressed node, forks one branching node, and each key
 * ends in an empty leaf. An empty tree is its root alone.
 */
export function radixTreeNodes(keys: StreamId[]): number {
  if (keys.length === 0) return 1;
  const bytes = keys.map((k) => {
    const b = new Uint8Array(16);
    idBytes(k, b);
    return b;
  });
  return countNodes(bytes, 0, bytes.length - 1, 0);
}

function countNodes(keys: Uint8Array[], lo: number, hi: number, depth: number): number {
  if (depth === 16) return 1; // leaf
  if (lo === hi) return 2; // the rest of the key compressed, then the leaf
  // Sorted keys: the prefix shared by all is the prefix shared by the first and the last.
  const a = keys[lo];
  const b = keys[hi];
  let common = depth;
  while (common < 16 && a[common] === b[common]) common++;
  if (common > depth) return 1 + countNodes(keys, lo, hi, common);
  let n = 1; // branching node
  let start = lo;
  for (let i = lo + 1; i <= hi + 1; i++) {
    if (i > hi || keys[i][depth] !== keys[start][depth]) {
      n += countNodes(keys, start, i - 1, depth + 1);
      start = i;
    }
  }
  return n;
}
