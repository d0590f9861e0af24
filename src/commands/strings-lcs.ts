// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest
// common subsequence by the classic dynamic-programming table, walked back
// exactly as Redis walks it so ties pick the same matches.
import { ERR_SYNTAX, MapReply, err, type Reply } from '../../protocols/reply.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { int64Arg, is, isErr } from './args.js';

const ERR_NOT_STRINGS = err('ERR The specified keys must contain string values');
const ERR_LEN_AND_IDX = err('ERR If you want both the length and indexes, please just use IDX.');
const ERR_TABLE_TOO_BIG = err('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
const ERR_NO_MEMORY = err('ERR Insufficient memory, failed allocating transient memory for LCS');

function lcs(c: Client, argv: string[]): Reply {
  const db = c.db;
  const va = db.lookupRead(argv[1]);
  const vb = db.lookupRead(argv[2]);
  if ((va !== undefined && typeof va !== 'string') || (vb !== undefined && typeof vb !== 'string')) return ERR_NOT_STRINGS;
  const a = (va as string | undefined) ?? '';
  const b = (vb as string | undefined) ?? '';
  let getLen = false, getIdx = false, withMatchLen = false;
  let minMatchLen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    if (is(opt, 'IDX')) getIdx = true;
    else if (is(opt, 'LEN')) getLen = true;
    else if (is(opt, 'WITHMATCHLEN')) withMatchLen = true;
    else if (is(opt, 'MINMATCHLEN') && j < argv.length - 1) {
      const n = int64Arg(argv[++j]);
      if (isErr(n)) return n;
      minMatchLen = n < 0 ? 0 : Number(n);
    } else return ERR_SYNTAX;
  }
  if (getLen && getIdx) return ERR_LEN_AND_IDX;

  const alen = a.length;
  const blen = b.length;
  const width = blen + 1;
  const cells = (alen + 1) * width;
  if (cells * 4 > c.server.config.num('proto-max-bulk-len')) return ERR_TABLE_TOO_BIG;
  let table: Uint32Array;
  try {
    table = new Uint32Array(cells);
  } catch {
    return ERR_NO_MEMORY;
  }
  const A = Buffer.from(a, 'latin1');
  const B = Buffer.from(b, 'latin1');
  // Row 0 and column 0 stay zero: an empty prefix has an empty LCS.
  for (let i = 1; i <= alen; i++) {
    const ai = A[i - 1];
    const row = i * width;
    const prev = row - width;
    for (let j = 1; j <= blen; j++) {
      if (ai === B[j - 1]) table[row + j] = table[prev + j - 1] + 1;
      else {
        const up = table[prev + j];
        const left = table[row + j - 1];
        table[row + j] = up > left ? up : left;
      }
    }
  }
  const total = table[alen * width + blen];
  if (getLen) return total;

  // Walk back from the end, collecting the LCS bytes and the matching ranges.
  const result = Buffer.allocUnsafe(total);
  const matches: Reply[] = [];
  let idx = total;
  let i = alen, j = blen;
  let aStart = alen, aEnd = 0, bStart = 0, bEnd = 0; // aStart === alen: no open range
  while (i > 0 && j > 0) {
    let emit = false;
    if (A[i - 1] === B[j - 1]) {
      result[idx - 1] = A[i - 1];
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else emit = true;
      if (aStart === 0 || bStart === 0) emit = true;
      idx--; i--; j--;
    } else {
      const up = table[(i - 1) * width + j];
      const left = table[i * width + j - 1];
      if (up > left) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getIdx && (minMatchLen === 0 || matchLen >= minMatchLen)) {
        const m: Reply[] = [[aStart, aEnd], [bStart, bEnd]];
        if (withMatchLen) m.push(matchLen);
        matches.push(m);
      }
      aStart = alen;
    }
  }
  if (getIdx) return new MapReply(['matches', matches, 'len', total]);
  return result.toString('latin1');
}

/** LCS (listed by strings.ts). */
export const lcsCommands: CommandSpec[] = [
  defineCommand({
    name: 'lcs', arity: -3, flags: Flag.READONLY, keys: [1, 2, 1], acl: ['string'],
    group: 'string', since: '7.0.0', complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
    summary: 'Find longest common substring',
    args: [{ name: 'key1', type: 'key' }, { name: 'key2', type: 'key' },
      { name: 'len', type: 'pure-token', token: 'LEN', optional: true },
      { name: 'idx', type: 'pure-token', token: 'IDX', optional: true },
      { name: 'len', type: 'integer', token: 'MINMATCHLEN', optional: true },
      { name: 'withmatchlen', type: 'pure-token', token: 'WITHMATCHLEN', optional: true }],
    run: lcs,
  }),
];
