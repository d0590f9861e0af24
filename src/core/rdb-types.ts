// RDB codecs of the collection types, registered into rdb-value.ts.
// Saving follows Redis 7.0's rdbSaveObject for the encoding the value
// reports (listpack / intset blobs, or element by element); loading accepts
// every form Redis 7.0 loads for the type, including Redis 6's ziplists.
import { formatDouble } from '../../protocols/format.js';
import { RdbError, RdbReader, RdbType, emptyCollection } from './rdb.js';
import { decodeIntset, decodeListpack, decodeZiplist, encodeIntset, encodeListpack, type ListpackItem } from './rdb-containers.js';
import { registerLoader, registerSaver, type LoadLimits } from './rdb-registry.js';
import { strtod } from './types/strtod.js';
import { SetValue } from './types/set.js';
import { ZSetValue } from './types/zset.js';

// ---- sets --------------------------------------------------------------------------

registerSaver('set', (w, v) => {
  const s = v as SetValue;
  if (s.intset) {
    w.byte(RdbType.SET_INTSET);
    w.blob(encodeIntset(s.members()));
  } else {
    w.byte(RdbType.SET);
    w.length(s.size);
    for (const m of s.members()) w.string(m);
  }
});

function setFrom(members: Iterable<string>, count: number, lim: LoadLimits): SetValue {
  if (count === 0) emptyCollection();
  const s = new SetValue(true);
  for (const m of members) if (!s.add(m, lim.setIntsetEntries)) throw new RdbError('duplicate set member');
  return s;
}

registerLoader(RdbType.SET, (r, lim) => {
  const members = r.strings(r.length());
  return setFrom(members, members.length, lim);
});
registerLoader(RdbType.SET_INTSET, (r, lim) => {
  const members = decodeIntset(r.stringBytes());
  return setFrom(members, members.length, lim);
});

// ---- sorted sets ---------------------------------------------------------------------

/** LLONG_MAX / 2 as a double: integral scores up to this go into a listpack as integers. */
const SCORE_INT_LIMIT = 4611686018427387904;

/** A score as zzlInsertAt stores it: an integer when integral and in range, else its %.17g text. */
function scoreItem(score: number): ListpackItem {
  if (Number.isInteger(score) && score >= -SCORE_INT_LIMIT && score <= SCORE_INT_LIMIT) {
    return Number.isSafeInteger(score) ? score : BigInt(score);
  }
  return formatDouble(score);
}

registerSaver('zset', (w, v) => {
  const z = v as ZSetValue;
  if (z.listpack) {
    const items: ListpackItem[] = [];
    for (let n = z.zsl.first(); n !== null; n = n.next[0]) items.push(n.member, scoreItem(n.score));
    w.byte(RdbType.ZSET_LISTPACK);
    w.blob(encodeListpack(items));
  } else {
    // Highest score first, so loading appends at the head in O(1) (Redis's order).
    w.byte(RdbType.ZSET_2);
    w.length(z.size);
    for (let n = z.zsl.tail; n !== null; n = n.backward) {
      w.string(n.member);
      w.doubleLE(n.score);
    }
  }
});

function zsetAdd(z: ZSetValue, member: string, score: number, maxEntries: number, maxValue: number): void {
  if (score !== score) throw new RdbError('NaN score');
  if (z.score(member) !== undefined) throw new RdbError('duplicate zset member');
  z.insertNew(score, member, { maxEntries, maxValue });
}

/** ZSET / ZSET_2: listpack afterwards only if small enough, as Redis converts after loading. */
function loadZsetPairs(r: RdbReader, lim: LoadLimits, binary: boolean): ZSetValue {
  const n = r.length();
  if (n === 0) emptyCollection();
  const members: string[] = [];
  const scores: number[] = [];
  let maxLen = 0;
  for (let i = 0; i < n; i++) {
    const m = r.string();
    if (m.length > maxLen) maxLen = m.length;
    members.push(m);
    scores.push(binary ? r.doubleLE() : textDouble(r));
  }
  const z = new ZSetValue(n <= lim.zsetEntries && maxLen <= lim.zsetValue);
  for (let i = 0; i < n; i++) zsetAdd(z, members[i], scores[i], Infinity, Infinity);
  return z;
}

/** The pre-RDB-8 score form: a length byte (253 nan, 254 inf, 255 -inf) then ASCII. */
function textDouble(r: RdbReader): number {
  const len = r.byte();
  if (len === 253) return NaN;
  if (len === 254) return Infinity;
  if (len === 255) return -Infinity;
  const res = strtod(r.take(len).latin1Slice(0, len));
  if (res.end === 0) throw new RdbError('bad score');
  return res.value;
}

/** A listpack / ziplist of member, score pairs; converted to a skiplist only past zset-max-listpack-entries. */
function zsetFromFlat(items: string[], lim: LoadLimits): ZSetValue {
  if (items.length === 0) emptyCollection();
  if (items.length % 2 !== 0) throw new RdbError('odd zset listpack');
  const z = new ZSetValue(items.length / 2 <= lim.zsetEntries);
  for (let i = 0; i < items.length; i += 2) zsetAdd(z, items[i], strtod(items[i + 1]).value, Infinity, Infinity);
  return z;
}

registerLoader(RdbType.ZSET, (r, lim) => loadZsetPairs(r, lim, false));
registerLoader(RdbType.ZSET_2, (r, lim) => loadZsetPairs(r, lim, true));
registerLoader(RdbType.ZSET_LISTPACK, (r, lim) => zsetFromFlat(decodeListpack(r.stringBytes()), lim));
registerLoader(RdbType.ZSET_ZIPLIST, (r, lim) => zsetFromFlat(decodeZiplist(r.stringBytes()), lim));

