// Helpers shared by the string and bitmap command files: storing with the
// keyspace events Redis fires, expire arguments, and string size limits.
import { ERR_INVALID_EXPIRE, ERR_NOT_INTEGER, ERR_STRING_TOO_LONG, type ErrorReply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { parseInt64 } from './args.js';
import { deadlineOf } from './expire.js';
import type { Client } from './types.js';

/** V8's longest string (String::kMaxLength on 64-bit): no value may grow past it. */
export const MAX_JS_STRING = 0x1fffffe8;


/** The longest string value commands may create: proto-max-bulk-len, capped by V8. */
function maxStringLength(c: Client): number {
  const limit = c.server.config.num('proto-max-bulk-len');
  return limit < MAX_JS_STRING ? limit : MAX_JS_STRING;
}

/** Redis checkStringLength: ERR when size + extra bytes would exceed the limit, else null. */
export function checkStringLength(c: Client, size: number, extra: number): ErrorReply | null {
  return size + extra > maxStringLength(c) ? ERR_STRING_TOO_LONG : null;
}

/** Fires 'new' (when the key was created) then the type's event, as dbAdd + the command do. */
export function notifyWrite(c: Client, key: string, created: boolean, event: string): void {
  const server = c.server;
  const db = c.db.index;
  if (created) server.notify(NotifyClass.NEW, 'new', key, db);
  server.notify(NotifyClass.STRING, event, key, db);
}

/**
 * Stores a string as Redis setKey does (dropping any TTL unless keepTtl) and
 * fires 'new' when created plus `event` (normally 'set').
 */
export function storeString(c: Client, key: string, value: string, existed: boolean, event = 'set', keepTtl = false): void {
  c.db.set(key, value, keepTtl);
  notifyWrite(c, key, !existed, event);
}

/** Replaces the value of a live key keeping its TTL (dbOverwrite), or adds it; fires events. */
export function overwriteString(c: Client, key: string, value: string, existed: boolean, event: string): void {
  storeString(c, key, value, existed, event, existed);
}

/** How an expire argument counts: seconds or ms, relative to now or absolute. */
export const ExpireUnit = { EX: 0, PX: 1, EXAT: 2, PXAT: 3 } as const;
export type ExpireUnit = (typeof ExpireUnit)[keyof typeof ExpireUnit];

/**
 * Redis getExpireMillisecondsOrReply: the absolute deadline in ms for an
 * EX/PX/EXAT/PXAT argument, "not an integer" for bad text, and "invalid
 * expire time in '<cmd>' command" for values <= 0 or int64 overflow.
 */
export function expireDeadline(c: Client, arg: string, unit: ExpireUnit, cmd: string): number | ErrorReply {
  const v = parseInt64(arg);
  if (v === null) return ERR_NOT_INTEGER;
  if (v <= 0) return ERR_INVALID_EXPIRE(cmd);
  const relative = unit === ExpireUnit.EX || unit === ExpireUnit.PX;
  const at = deadlineOf(v, relative ? c.server.clock.now() : 0, unit === ExpireUnit.EX || unit === ExpireUnit.EXAT);
  return at === null ? ERR_INVALID_EXPIRE(cmd) : at;
}

/** Fires 'new' for a key created by a write (dbAdd), nothing else. */
export function notifyNew(c: Client, key: string): void {
  c.server.notify(NotifyClass.NEW, 'new', key, c.db.index);
}
