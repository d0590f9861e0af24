// XREAD and XREADGROUP, including BLOCK: a blocked reader is retried when a
// key it waits on is touched, and served only when Redis would have been
// signalled (XADD, XGROUP DESTROY, the key deleted, replaced or created).
import { ERR_SYNTAX, MapReply, NULL_ARRAY, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import type { Stream } from '../core/types/stream.js';
import { MAX_ID, MIN_ID, compareIds, incrId, type StreamId } from '../core/types/stream-id.js';
import { Nack, incCounter, type ConsumerGroup, type Consumer } from '../core/types/stream-group.js';
import type { StreamEntry } from '../core/types/stream-node.js';
import { countError } from './dispatch.js';
import { intArg, is, isErr } from './args.js';
import { entriesReply, entryReply, idArg, lookupStream, notifyStream } from './streams-common.js';
import { cString } from '../core/types/strtod.js';
import { BLOCKED, type Blocked, type Client } from './types.js';
import { denyBlocking, msTimeoutArg, park } from './lists-common.js';

/** Entries a blocked reader gets at most when it gave no COUNT. */
const BLOCKED_DEFAULT_COUNT = 1000;

const ERR_UNBALANCED = err("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
const ERR_GROUP_IN_XREAD = err('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
const ERR_NOACK_IN_XREAD = err('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
const ERR_MISSING_GROUP = err('ERR Missing GROUP option for XREADGROUP');
const ERR_DOLLAR_IN_GROUP = err(
  'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by ' +
    'specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
);
const ERR_GT_IN_XREAD = err('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
const ERR_GROUP_GONE = err('NOGROUP the consumer group this client was blocked on no longer exists');
const ERR_KEY_GONE = err('UNBLOCKED the stream key no longer exists');

/** The reader's group context (XREADGROUP). */
interface GroupRead {
  group: string;
  consumer: string;
  noack: boolean;
}

/** The consumer named `name`, created (with its event) when missing; its seen-time is refreshed. */
export function consumerFor(c: Client, g: ConsumerGroup, name: string, key: string): Consumer {
  const now = c.server.clock.now();
  let consumer = g.lookupConsumer(name, now);
  if (consumer === undefined) {
    consumer = g.createConsumer(name, now)!;
    notifyStream(c, 'xgroup-createconsumer', key);
  }
  return consumer;
}

/**
 * Delivers new entries after `start` to a consumer: advances the group's
 * last ID and read counter, and records them as pending unless noack.
 */
function deliver(c: Client, s: Stream, g: ConsumerGroup, consumer: Consumer, start: StreamId, count: number, noack: boolean): Reply[] {
  const entries = s.range(start, MAX_ID, count, false);
  const now = c.server.clock.now();
  const out: Reply[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const id = entries[i].id;
    if (compareIds(id, g.lastId) > 0) {
      if (g.entriesRead !== -1n && !s.rangeHasTombstones(id)) g.entriesRead++;
      else if (s.entriesAdded !== 0n) g.entriesRead = s.estimateDistance(id);
      g.lastId = id;
    }
    if (!noack) {
      const nack = g.pel.get(id);
      if (nack === undefined) {
        const fresh = new Nack(consumer, now, 1);
        g.pel.insertNew(id, fresh);
        consumer.pel.insertNew(id, fresh);
      } else {
        // Already pending (XGROUP SETID moved the group back): it changes hands.
        nack.consumer?.pel.delete(id);
        nack.consumer = consumer;
        nack.deliveryTime = now;
        nack.deliveryCount = 1;
        consumer.pel.set(id, nack);
      }
    }
    out[i] = entryReply(entries[i]);
  }
  return out;
}

/** The consumer's own pending entries from `start` (its history); deleted entries show a nil body. */
function history(c: Client, s: Stream, consumer: Consumer, start: StreamId, count: number): Reply[] {
  const out: Reply[] = [];
  const now = c.server.clock.now();
  consumer.pel.forEachFrom(start, (id, nack) => {
    if (count !== 0 && out.length >= count) return false;
    const e: StreamEntry | undefined = s.get(id);
    if (e === undefined) out.push([id.toString(), NULL_ARRAY]);
    else {
      nack.deliveryTime = now;
      nack.deliveryCount = incCounter(nack.deliveryCount);
      out.push(entryReply(e));
    }
    return true;
  });
  return out;
}

/** One key's part of the reply: RESP2 [key, entries]; RESP3 maps key -> entries. */
function wrap(c: Client, parts: Reply[]): Reply {
  if (c.resp === 2) {
    const out: Reply[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push([parts[i], parts[i + 1]]);
    return out;
  }
  return new MapReply(parts);
}

/** XREAD [COUNT n] [BLOCK ms] STREAMS key [key ...] id [id ...] and XREADGROUP GROUP g c [COUNT n] [BLOCK ms] [NOACK] STREAMS ... */
function xreadGeneric(c: Client, argv: string[], xreadgroup: boolean): Reply | Blocked {
  let timeout = -1;
  let count = 0;
  let streamsArg = 0;
  let nstreams = 0;
  let groupName: string | null = null;
  let consumerName = '';
  let noack = false;
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const o = argv[i];
    if (more > 0 && is(o, 'BLOCK')) {
      const t = msTimeoutArg(c, argv[++i]);
      if (isErr(t)) return t;
      timeout = t;
    } else if (more > 0 && is(o, 'COUNT')) {
      const n = intArg(argv[++i]);
      if (isErr(n)) return n;
      count = n < 0 ? 0 : n;
    } else if (more > 0 && is(o, 'STREAMS')) {
      streamsArg = i + 1;
      nstreams = argv.length - streamsArg;
      if (nstreams % 2 !== 0) return ERR_UNBALANCED;
      nstreams /= 2;
      break;
    } else if (more >= 2 && is(o, 'GROUP')) {
      if (!xreadgroup) return ERR_GROUP_IN_XREAD;
      groupName = argv[i + 1];
      consumerName = argv[i + 2];
      i += 2;
    } else if (is(o, 'NOACK')) {
      if (!xreadgroup) return ERR_NOACK_IN_XREAD;
      noack = true;
    } else return ERR_SYNTAX;
  }
  if (streamsArg === 0) return ERR_SYNTAX;
  if (xreadgroup && groupName === null) return ERR_MISSING_GROUP;

  // Resolve the IDs (and groups) first, so errors come before any side effect.
  const ids: StreamId[] = new Array(nstreams);
  const groups: ConsumerGroup[] = [];
  for (let k = 0; k < nstreams; k++) {
    const key = argv[streamsArg + k];
    const arg = argv[streamsArg + nstreams + k];
    const s = lookupStream(c, key, true);
    if (isErr(s)) return s;
    if (groupName !== null) {
      const g = s?.group(groupName);
      if (g === undefined) {
        return err(`NOGROUP No such key '${cString(key)}' or consumer group '${cString(groupName)}' in XREADGROUP with GROUP option`);
      }
      groups.push(g);
    }
    if (arg === '$') {
      if (xreadgroup) return ERR_DOLLAR_IN_GROUP;
      ids[k] = s === undefined ? MIN_ID : s.lastId;
    } else if (arg === '>') {
      if (!xreadgroup) return ERR_GT_IN_XREAD;
      ids[k] = MAX_ID; // "new entries only"; resolved against the group below
    } else {
      const id = idArg(arg, 0n, true);
      if (isErr(id)) return id;
      ids[k] = id;
    }
  }

  const parts: Reply[] = [];
  for (let k = 0; k < nstreams; k++) {
    const key = argv[streamsArg + k];
    const s = lookupStream(c, key, true) as Stream | undefined;
    if (s === undefined) continue;
    let gt = ids[k];
    let serve = false;
    let fromHistory = false;
    if (groupName !== null) {
      if (compareIds(gt, MAX_ID) !== 0) {
        serve = fromHistory = true;
      } else if (s.length !== 0 && compareIds(s.lastValidId(), groups[k].lastId) > 0) {
        serve = true;
        gt = groups[k].lastId;
      }
    } else if (s.length !== 0 && compareIds(s.lastValidId(), gt) > 0) serve = true;
    if (!serve) continue;
    const start = incrId(gt) ?? MIN_ID;
    let entries: Reply[];
    if (groupName !== null) {
      const consumer = consumerFor(c, groups[k], consumerName, key);
      entries = fromHistory ? history(c, s, consumer, start, count) : deliver(c, s, groups[k], consumer, start, count, noack);
    } else entries = entriesReply(s.range(start, MAX_ID, count, false));
    parts.push(key, entries);
  }
  if (parts.length !== 0) return wrap(c, parts);
  if (timeout === -1) return NULL_ARRAY;
  if (denyBlocking(c)) return NULL_ARRAY;
  const read: GroupRead | null = groupName === null ? null : { group: groupName, consumer: consumerName, noack };
  const watches = watchesFor(c, argv, streamsArg, nstreams, ids);
  const blockedCount = count === 0 ? BLOCKED_DEFAULT_COUNT : count;
  return park(c, watches.map((w) => w.key), timeout, (readyKey) => retryRead(c, watches, blockedCount, read, readyKey));
}

/** What a blocked reader remembers about one key. */
interface Watch {
  key: string;
  /** XREAD: serve entries after this ID. */
  after: StreamId;
  /** The stream object and its signal count when last looked at (null: no stream there). */
  seen: Stream | null;
  signals: number;
}

/** One watch per distinct key, remembering the stream there now. */
function watchesFor(c: Client, argv: string[], streamsArg: number, nstreams: number, ids: StreamId[]): Watch[] {
  const watches: Watch[] = [];
  for (let k = 0; k < nstreams; k++) {
    const key = argv[streamsArg + k];
    if (watches.some((w) => w.key === key)) continue; // a key listed twice waits with its first ID
    const v = c.db.get(key);
    const s = v !== undefined && typeof v !== 'string' && v.type === 'stream' ? (v as Stream) : null;
    watches.push({ key, after: ids[k], seen: s, signals: s === null ? 0 : s.signals });
  }
  return watches;
}

/** Serves a blocked reader from the key that became ready (or the first signalled one) if it has something for it. */
function retryRead(c: Client, watches: Watch[], count: number, read: GroupRead | null, readyKey: string | undefined): Reply | Blocked {
  for (const w of watches) {
    if (readyKey !== undefined && w.key !== readyKey) continue;
    const v = c.db.get(w.key);
    const s = v !== undefined && typeof v !== 'string' && v.type === 'stream' ? (v as Stream) : null;
    if (s === null) {
      w.seen = null;
      // A group reader cannot outlive its stream: deleted or replaced, it is released with an error.
      if (read !== null) return failBlocked(c, ERR_KEY_GONE);
      continue;
    }
    const signalled = s !== w.seen || s.signals !== w.signals;
    w.seen = s;
    w.signals = s.signals;
    if (!signalled) continue;
    let gt = w.after;
    let g: ConsumerGroup | undefined;
    if (read !== null) {
      g = s.group(read.group);
      if (g === undefined) return failBlocked(c, ERR_GROUP_GONE);
      gt = g.lastId;
    }
    if (compareIds(s.lastId, gt) <= 0) continue;
    const start = incrId(gt) ?? MIN_ID;
    let entries: Reply[];
    if (g !== undefined) {
      const consumer = consumerFor(c, g, read!.consumer, w.key);
      entries = deliver(c, s, g, consumer, start, count, read!.noack);
    } else entries = entriesReply(s.range(start, MAX_ID, count, false));
    return wrap(c, [w.key, entries]);
  }
  return BLOCKED;
}

/** An error that ends a blocked read; counted like any failed call of the command. */
function failBlocked(c: Client, e: ErrorReply): ErrorReply {
  const spec = c.server.commands.get('xreadgroup');
  if (spec !== undefined) spec.stats.failed++;
  countError(c.server, e);
  return e;
}

export const streamReadHandlers = {
  xread: (c: Client, argv: string[]) => xreadGeneric(c, argv, false),
  xreadgroup: (c: Client, argv: string[]) => xreadGeneric(c, argv, true),
};
