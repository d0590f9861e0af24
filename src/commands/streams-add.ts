// Stream writes and range reads: XADD XTRIM XDEL XSETID XLEN XRANGE XREVRANGE.
import { ERR_NO_SUCH_KEY, ERR_SYNTAX, NIL, NULL_ARRAY, OK, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { AppendError, type TrimSpec } from '../core/types/stream.js';
import { MIN_ID, U64_MAX, compareIds, parseStreamId, type StreamId } from '../core/types/stream-id.js';
import { arityError, int64Arg, intArg, is, isErr } from './args.js';
import {
  ERR_INVALID_ID, boundArg, createStream, entriesReply, idArg, lookupStream, nodeLimits, notifyStream,
} from './streams-common.js';
import type { Client } from './types.js';

const ERR_XADD_ZERO = err('ERR The ID specified in XADD must be greater than 0-0');
const ERR_XADD_SMALL = err('ERR The ID specified in XADD is equal or smaller than the target stream top item');
const ERR_XADD_LARGE = err('ERR Elements are too large to be stored');
const ERR_EXHAUSTED = err('ERR The stream has exhausted the last possible ID, unable to add more items');
const ERR_BOTH_STRATEGIES = err('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
const ERR_MAXLEN_NEG = err('ERR The MAXLEN argument must be >= 0.');
const ERR_LIMIT_NEG = err('ERR The LIMIT argument must be >= 0.');
const ERR_LIMIT_NO_STRATEGY = err('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
const ERR_XTRIM_NO_STRATEGY = err('ERR syntax error, XTRIM must be called with a trimming strategy');
const ERR_LIMIT_NO_APPROX = err('ERR syntax error, LIMIT cannot be used without the special ~ option');

/** Parsed XADD/XTRIM options. */
interface AddTrimArgs {
  trim: TrimSpec | null;
  noMkstream: boolean;
  /** The explicit ID (null for "*"), and whether its sequence was given ("<ms>-*" leaves it out). */
  id: StreamId | null;
  seqGiven: boolean;
  /** Index of the ID argument (XADD) or argv.length. */
  idPos: number;
}

/** Parses [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT n]] and, for XADD, the ID. */
function parseAddTrim(c: Client, argv: string[], xadd: boolean): AddTrimArgs | ErrorReply {
  const a: AddTrimArgs = { trim: null, noMkstream: false, id: null, seqGiven: true, idPos: argv.length };
  let strategy: 'none' | 'maxlen' | 'minid' = 'none';
  let approx = false;
  let maxLen = 0;
  let minId: StreamId | null = null;
  let limit = 0;
  let limitGiven = false;
  let i = 2;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i];
    if (xadd && opt === '*') break;
    if (more > 0 && (is(opt, 'MAXLEN') || is(opt, 'MINID'))) {
      if (strategy !== 'none') return ERR_BOTH_STRATEGIES;
      const byLen = is(opt, 'MAXLEN');
      approx = false;
      const next = argv[i + 1];
      if (more >= 2 && next === '~') {
        approx = true;
        i++;
      } else if (more >= 2 && next === '=') i++;
      if (byLen) {
        const n = intArg(argv[i + 1]);
        if (isErr(n)) return n;
        if (n < 0) return ERR_MAXLEN_NEG;
        maxLen = n;
        strategy = 'maxlen';
      } else {
        const id = idArg(argv[i + 1], 0n, true);
        if (isErr(id)) return id;
        minId = id;
        strategy = 'minid';
      }
      i++;
    } else if (more > 0 && is(opt, 'LIMIT')) {
      const n = intArg(argv[i + 1]);
      if (isErr(n)) return n;
      if (n < 0) return ERR_LIMIT_NEG;
      limit = n;
      limitGiven = true;
      i++;
    } else if (xadd && is(opt, 'NOMKSTREAM')) {
      a.noMkstream = true;
    } else if (xadd) {
      const p = parseStreamId(opt, 0n, true, true);
      if (p === null) return ERR_INVALID_ID;
      a.id = p.id;
      a.seqGiven = p.seqGiven;
      break;
    } else return ERR_SYNTAX;
  }
  a.idPos = i;
  if (limit !== 0 && strategy === 'none') return ERR_LIMIT_NO_STRATEGY;
  if (!xadd && strategy === 'none') return ERR_XTRIM_NO_STRATEGY;
  if (limitGiven) {
    if (!approx) return ERR_LIMIT_NO_APPROX;
  } else if (approx) {
    // Without LIMIT, '~' still bounds the work to about 100 nodes.
    limit = 100 * c.server.config.num('stream-node-max-entries');
    if (limit <= 0) limit = 10000;
    if (limit > 1000000) limit = 1000000;
  } else limit = 0;
  if (strategy !== 'none') a.trim = { maxLen, minId: strategy === 'minid' ? minId : null, approx, limit };
  return a;
}

/** XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...] */
function xadd(c: Client, argv: string[]): Reply {
  const a = parseAddTrim(c, argv, true);
  if (isErr(a)) return a;
  const fieldPos = a.idPos + 1;
  const n = argv.length - fieldPos;
  if (n < 2 || n % 2 === 1) return arityError('xadd');
  if (a.id !== null && a.seqGiven && a.id.isZero()) return ERR_XADD_ZERO;
  const key = argv[1];
  let s = lookupStream(c, key, false);
  if (isErr(s)) return s;
  if (s === undefined) {
    if (a.noMkstream) return NIL;
    s = createStream(c, key);
  }
  if (s.lastId.ms === U64_MAX && s.lastId.seq === U64_MAX) return ERR_EXHAUSTED;
  const id = s.append(argv.slice(fieldPos), a.id, a.seqGiven, c.server.clock.now(), nodeLimits(c));
  if (id === AppendError.IdTooSmall) return ERR_XADD_SMALL;
  if (id === AppendError.TooLarge) return ERR_XADD_LARGE;
  notifyStream(c, 'xadd', key);
  if (a.trim !== null && s.trim(a.trim) !== 0) notifyStream(c, 'xtrim', key);
  s.signals++; // readers blocked on this key must look again
  c.db.touch(key);
  return id.toString();
}

/** XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count] */
function xtrim(c: Client, argv: string[]): Reply {
  const a = parseAddTrim(c, argv, false);
  if (isErr(a)) return a;
  const s = lookupStream(c, argv[1], false);
  if (s === undefined) return 0;
  if (isErr(s)) return s;
  const removed = s.trim(a.trim!);
  if (removed !== 0) {
    notifyStream(c, 'xtrim', argv[1]);
    c.db.touch(argv[1]);
  }
  return removed;
}

/** XDEL key id [id ...] */
function xdel(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const s = lookupStream(c, key, false);
  if (s === undefined) return 0;
  if (isErr(s)) return s;
  const ids: StreamId[] = [];
  for (let j = 2; j < argv.length; j++) {
    const id = idArg(argv[j], 0n, true);
    if (isErr(id)) return id;
    ids.push(id);
  }
  let deleted = 0;
  let firstGone = false;
  for (const id of ids) {
    if (!s.delete(id)) continue;
    if (compareIds(id, s.firstId) === 0) firstGone = true;
    if (compareIds(id, s.maxDeletedId) > 0) s.maxDeletedId = id;
    deleted++;
  }
  if (deleted !== 0) {
    if (s.length === 0) s.firstId = MIN_ID;
    else if (firstGone) s.firstId = s.edgeId(true)!;
    c.db.touch(key);
    notifyStream(c, 'xdel', key);
  }
  return deleted;
}

/** XLEN key */
function xlen(c: Client, argv: string[]): Reply {
  const s = lookupStream(c, argv[1], true);
  if (s === undefined) return 0;
  if (isErr(s)) return s;
  return s.length;
}

/** XRANGE key start end [COUNT n] / XREVRANGE key end start [COUNT n] */
function xrangeGeneric(c: Client, argv: string[], rev: boolean): Reply {
  const start = boundArg(rev ? argv[3] : argv[2], true);
  if (isErr(start)) return start;
  const end = boundArg(rev ? argv[2] : argv[3], false);
  if (isErr(end)) return end;
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (is(argv[j], 'COUNT') && j + 1 < argv.length) {
      const n = intArg(argv[++j]);
      if (isErr(n)) return n;
      count = n < 0 ? 0 : n;
    } else return ERR_SYNTAX;
  }
  const s = lookupStream(c, argv[1], true);
  if (s === undefined) return [];
  if (isErr(s)) return s;
  if (count === 0) return NULL_ARRAY;
  return entriesReply(s.range(start, end, count === -1 ? 0 : count, rev));
}

/** XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id] */
function xsetid(c: Client, argv: string[]): Reply {
  const id = idArg(argv[2], 0n, true);
  if (isErr(id)) return id;
  let entriesAdded = -1n;
  let maxDeleted: StreamId | null = null;
  for (let i = 3; i < argv.length; i += 2) {
    const more = argv.length - 1 - i;
    if (more > 0 && is(argv[i], 'ENTRIESADDED')) {
      const n = int64Arg(argv[i + 1]);
      if (isErr(n)) return n;
      if (n < 0) return err('ERR entries_added must be positive');
      entriesAdded = BigInt(n);
    } else if (more > 0 && is(argv[i], 'MAXDELETEDID')) {
      const m = idArg(argv[i + 1], 0n, true);
      if (isErr(m)) return m;
      if (compareIds(id, m) < 0) return err('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
      maxDeleted = m;
    } else return ERR_SYNTAX;
  }
  const s = lookupStream(c, argv[1], false);
  if (s === undefined) return ERR_NO_SUCH_KEY;
  if (isErr(s)) return s;
  if (s.length > 0) {
    if (compareIds(id, s.lastValidId()) < 0) return err('ERR The ID specified in XSETID is smaller than the target stream top item');
    if (entriesAdded !== -1n && BigInt(s.length) > entriesAdded) {
      return err('ERR The entries_added specified in XSETID is smaller than the target stream length');
    }
  }
  s.lastId = id;
  if (entriesAdded !== -1n) s.entriesAdded = entriesAdded;
  if (maxDeleted !== null && !maxDeleted.isZero()) s.maxDeletedId = maxDeleted;
  notifyStream(c, 'xsetid', argv[1]);
  return OK;
}

export const streamAddHandlers = {
  xadd,
  xtrim,
  xdel,
  xlen,
  xrange: (c: Client, argv: string[]) => xrangeGeneric(c, argv, false),
  xrevrange: (c: Client, argv: string[]) => xrangeGeneric(c, argv, true),
  xsetid,
};
