// Helpers shared by the stream command files: ID arguments with Redis's
// errors, typed lookups, entry replies and keyspace events.
import { err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { Stream } from '../core/types/stream.js';
import { cString } from '../core/types/strtod.js';
import { decrId, incrId, parseStreamId, U64_MAX, type StreamId } from '../core/types/stream-id.js';
import type { NodeLimits } from '../core/types/stream.js';
import type { StreamEntry } from '../core/types/stream-node.js';
import { lookupTyped } from './lookup.js';
import { isErr } from './args.js';
import { addKey } from './collections.js';
import type { Client } from './types.js';

export const ERR_INVALID_ID = err('ERR Invalid stream ID specified as stream command argument');
export const ERR_START_INTERVAL = err('ERR invalid start ID for the interval');
export const ERR_END_INTERVAL = err('ERR invalid end ID for the interval');

/** A stream ID argument ("-"/"+" refused when strict; missing sequence = missingSeq) or ERR invalid ID. */
export function idArg(arg: string, missingSeq: bigint, strict: boolean): StreamId | ErrorReply {
  const p = parseStreamId(arg, missingSeq, strict);
  return p === null ? ERR_INVALID_ID : p.id;
}

/**
 * A range bound: "(" makes it exclusive (then the ID is moved inward, and
 * "-"/"+" are refused). `start` selects the missing sequence (0 or max) and the error.
 */
export function boundArg(arg: string, start: boolean): StreamId | ErrorReply {
  const exclusive = arg.length > 1 && arg.charCodeAt(0) === 40; /* ( */
  const missing = start ? 0n : U64_MAX;
  const id = exclusive ? idArg(arg.slice(1), missing, true) : idArg(arg, missing, false);
  if (isErr(id) || !exclusive) return id;
  const moved = start ? incrId(id) : decrId(id);
  if (moved === null) return start ? ERR_START_INTERVAL : ERR_END_INTERVAL;
  return moved;
}

/** The stream at key, undefined when missing, or WRONGTYPE. `read` counts hits/misses as read commands do. */
export function lookupStream(c: Client, key: string, read: boolean): Stream | undefined | ErrorReply {
  return lookupTyped<Stream>(c.db, key, 'stream', read);
}

/** [id, [field, value, ...]]: one entry as every stream reply shows it. */
export function entryReply(e: StreamEntry): Reply {
  return [e.id.toString(), e.fv];
}

/** Entries as a reply array. */
export function entriesReply(entries: StreamEntry[]): Reply[] {
  const out: Reply[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) out[i] = entryReply(entries[i]);
  return out;
}

/** Fires a stream keyspace event for key in the client's database. */
export function notifyStream(c: Client, event: string, key: string): void {
  c.server.notify(NotifyClass.STREAM, event, key, c.db.index);
}

/** Stores a new empty stream at key (Redis's dbAdd: fires "new", wakes waiters). */
export function createStream(c: Client, key: string): Stream {
  const s = new Stream();
  addKey(c, key, s);
  return s;
}

/** stream-node-max-bytes / stream-node-max-entries. */
export function nodeLimits(c: Client): NodeLimits {
  const config = c.server.config;
  return { maxBytes: config.num('stream-node-max-bytes'), maxEntries: config.num('stream-node-max-entries') };
}

/** NOGROUP for a missing stream or group (XACK-style commands: XPENDING, XCLAIM, XAUTOCLAIM). */
export function noGroupError(key: string, group: string): ErrorReply {
  return err(`NOGROUP No such key '${cString(key)}' or consumer group '${cString(group)}'`);
}

/** NOGROUP for a missing group of an existing stream (XGROUP, XINFO). */
export function noGroupForKeyError(group: string, key: string): ErrorReply {
  return err(`NOGROUP No such consumer group '${cString(group)}' for key name '${cString(key)}'`);
}
