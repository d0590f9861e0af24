// Ownership transfer of pending entries: XCLAIM and XAUTOCLAIM.
import { ERR_SYNTAX, err, type Reply } from '../../protocols/reply.js';
import { MIN_ID, compareIds, parseStreamId, type StreamId } from '../core/types/stream-id.js';
import { Nack, incCounter, type Consumer, type ConsumerGroup } from '../core/types/stream-group.js';
import type { Stream } from '../core/types/stream.js';
import { int64Arg, is, isErr, parseInt64 } from './args.js';
import { consumerFor } from './streams-read.js';
import { boundArg, entryReply, idArg, lookupStream, noGroupError } from './streams-common.js';
import { cString } from '../core/types/strtod.js';
import type { Client } from './types.js';

/** XAUTOCLAIM's COUNT ceiling: LONG_MAX / 16, as Redis sizes its scratch buffer. */
const AUTOCLAIM_MAX_COUNT = 576460752303423487n;

/** Moves nack to consumer (if it is not already there). */
function assign(id: StreamId, nack: Nack, consumer: Consumer): void {
  if (nack.consumer === consumer) return;
  nack.consumer?.pel.delete(id);
  consumer.pel.set(id, nack);
  nack.consumer = consumer;
}

/** XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID] [LASTID id] */
function xclaim(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const s = lookupStream(c, key, true);
  if (isErr(s)) return s;
  const g = s?.group(argv[2]);
  if (s === undefined || g === undefined) return noGroupError(key, argv[2]);
  const minIdleArg = parseInt64(argv[4]);
  if (minIdleArg === null) return err('ERR Invalid min-idle-time argument for XCLAIM');
  const minIdle = minIdleArg < 0 ? 0 : minIdleArg;
  // IDs first; the first argument that is not an ID starts the options.
  const ids: StreamId[] = [];
  let j = 5;
  for (; j < argv.length; j++) {
    const p = parseStreamId(argv[j], 0n, true);
    if (p === null) break;
    ids.push(p.id);
  }
  const now = c.server.clock.now();
  let force = false;
  let justid = false;
  let retrycount: number | bigint = -1;
  let deliveryTime: number | bigint = -1;
  let lastId: StreamId = MIN_ID;
  for (; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j];
    if (is(opt, 'FORCE')) force = true;
    else if (is(opt, 'JUSTID')) justid = true;
    else if (more > 0 && is(opt, 'IDLE')) {
      const n = parseInt64(argv[++j]);
      if (n === null) return err('ERR Invalid IDLE option argument for XCLAIM');
      deliveryTime = BigInt(now) - BigInt(n);
    } else if (more > 0 && is(opt, 'TIME')) {
      const n = parseInt64(argv[++j]);
      if (n === null) return err('ERR Invalid TIME option argument for XCLAIM');
      deliveryTime = n;
    } else if (more > 0 && is(opt, 'RETRYCOUNT')) {
      const n = parseInt64(argv[++j]);
      if (n === null) return err('ERR Invalid RETRYCOUNT option argument for XCLAIM');
      retrycount = n;
    } else if (more > 0 && is(opt, 'LASTID')) {
      const id = idArg(argv[++j], 0n, true);
      if (isErr(id)) return id;
      lastId = id;
    } else return err(`ERR Unrecognized XCLAIM option '${cString(opt)}'`);
  }
  if (compareIds(lastId, g.lastId) > 0) g.lastId = lastId;
  // A bogus delivery time (negative or in the future) means now, rather than an error.
  const when = deliveryTime === -1 || deliveryTime < 0 || deliveryTime > now ? now : Number(deliveryTime);
  let consumer: Consumer | undefined;
  const out: Reply[] = [];
  for (const id of ids) {
    let nack = g.pel.get(id);
    const entry = s.get(id);
    if (entry === undefined) {
      // The entry is gone: its pending record goes too.
      if (nack !== undefined) g.ack(id);
      continue;
    }
    if (force && nack === undefined) {
      nack = new Nack(null, now, 1);
      g.pel.insertNew(id, nack);
    }
    if (nack === undefined) continue;
    if (nack.consumer !== null && minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    consumer ??= consumerFor(c, g, argv[3], key);
    nack.deliveryTime = when;
    if (retrycount >= 0) nack.deliveryCount = retrycount;
    else if (!justid) nack.deliveryCount = incCounter(nack.deliveryCount);
    assign(id, nack, consumer);
    out.push(justid ? id.toString() : entryReply(entry));
  }
  return out;
}

/** XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID] */
function xautoclaim(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const s = lookupStream(c, key, true);
  const minIdleArg = parseInt64(argv[4]);
  if (minIdleArg === null) return err('ERR Invalid min-idle-time argument for XAUTOCLAIM');
  const minIdle = minIdleArg < 0 ? 0 : minIdleArg;
  const start = boundArg(argv[5], true);
  if (isErr(start)) return start;
  let count = 100;
  let justid = false;
  for (let j = 6; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (more > 0 && is(argv[j], 'COUNT')) {
      const n = int64Arg(argv[++j]);
      if (isErr(n) || n < 1 || n > AUTOCLAIM_MAX_COUNT) return err('ERR COUNT must be > 0');
      count = Number(n);
    } else if (is(argv[j], 'JUSTID')) justid = true;
    else return ERR_SYNTAX;
  }
  if (isErr(s)) return s;
  const g = s?.group(argv[2]);
  if (s === undefined || g === undefined) return noGroupError(key, argv[2]);
  return autoclaim(c, s, g, argv[3], key, start, count, minIdle, justid);
}

function autoclaim(
  c: Client, s: Stream, g: ConsumerGroup, name: string, key: string,
  start: StreamId, count: number, minIdle: number | bigint, justid: boolean,
): Reply {
  const now = c.server.clock.now();
  let attempts = count * 10; // bounds the scan when most entries are not idle enough
  let consumer: Consumer | undefined;
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  let next = g.pel.ceilingKey(start);
  while (attempts-- > 0 && count > 0 && next !== undefined) {
    const id = next;
    next = g.pel.ceilingKey(id, true);
    const nack = g.pel.get(id)!;
    const entry = s.get(id);
    if (entry === undefined) {
      g.ack(id);
      deleted.push(id.toString());
      count--; // deleted entries are reported too, so they count
      continue;
    }
    if (minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    consumer ??= consumerFor(c, g, name, key);
    nack.deliveryTime = now;
    if (!justid) nack.deliveryCount = incCounter(nack.deliveryCount);
    assign(id, nack, consumer);
    claimed.push(justid ? id.toString() : entryReply(entry));
    count--;
  }
  return [(next ?? MIN_ID).toString(), claimed, deleted];
}

export const streamClaimHandlers = { xclaim, xautoclaim };
