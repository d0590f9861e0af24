// Reply: what a command handler returns, independent of the wire protocol.
//
// The common replies are plain JS values so the hot path allocates nothing:
//   string  -> bulk string (binary safe: one char per byte, latin1)
//   number  -> integer (must be an integer; see DoubleReply for floats)
//   bigint  -> integer beyond 2^53
//   null    -> nil bulk (RESP2 $-1, RESP3 _)
//   Reply[] -> array
// Everything else is a small class with a numeric `kind` tag.


export const Kind = {
  Status: 1,
  Error: 2,
  Map: 3,
  Set: 4,
  Double: 5,
  Bool: 6,
  Verbatim: 7,
  BigNumber: 8,
  Push: 9,
  NullArray: 10,
  Raw: 11,
  Exec: 12,
} as const;

export type Reply =
  | string
  | number
  | bigint
  | null
  | Reply[]
  | StatusReply
  | ErrorReply
  | MapReply
  | SetReply
  | DoubleReply
  | BoolReply
  | VerbatimReply
  | BigNumberReply
  | PushReply
  | NullArrayReply
  | RawReply
  | ExecReply;

/** +text: a simple (status) string. */
export class StatusReply {
  readonly kind = Kind.Status;
  constructor(readonly text: string) {}
}

/** -CODE message: `text` is the whole line without '-', e.g. "ERR syntax error". */
export class ErrorReply {
  readonly kind = Kind.Error;
  constructor(readonly text: string) {}
  /** The error prefix ("ERR", "WRONGTYPE", ...): the first word of the text. */
  get code(): string {
    const sp = this.text.indexOf(' ');
    return sp < 0 ? this.text : this.text.slice(0, sp);
  }
  /** The text after the prefix. */
  get message(): string {
    const sp = this.text.indexOf(' ');
    return sp < 0 ? '' : this.text.slice(sp + 1);
  }
}

/** RESP3 map (RESP2: flat array). `entries` is flat: k0, v0, k1, v1, ... */
export class MapReply {
  readonly kind = Kind.Map;
  constructor(readonly entries: Reply[]) {}
}

/** RESP3 set (RESP2: array). */
export class SetReply {
  readonly kind = Kind.Set;
  constructor(readonly items: Reply[]) {}
}

/** RESP3 double (RESP2: bulk string formatted as Redis does, %.17g). */
export class DoubleReply {
  readonly kind = Kind.Double;
  constructor(readonly value: number) {}
}

/** RESP3 boolean (RESP2: integer 1/0). */
export class BoolReply {
  readonly kind = Kind.Bool;
  constructor(readonly value: boolean) {}
}

/** RESP3 verbatim string (RESP2: bulk string). */
export class VerbatimReply {
  readonly kind = Kind.Verbatim;
  constructor(readonly format: string, readonly text: string) {}
}

/** RESP3 big number (RESP2: bulk string). Digits with optional '-'. */
export class BigNumberReply {
  readonly kind = Kind.BigNumber;
  constructor(readonly digits: string) {}
}

/** RESP3 push frame (RESP2: array). Out-of-band data such as pub/sub messages. */
export class PushReply {
  readonly kind = Kind.Push;
  constructor(readonly items: Reply[]) {}
}

/** Null array: RESP2 *-1, RESP3 _ (e.g. EXEC aborted by WATCH, BLPOP timeout). */
export class NullArrayReply {
  readonly kind = Kind.NullArray;
}

/** Bytes already encoded for the session's protocol (used by MONITOR and pub/sub frames). */
export class RawReply {
  readonly kind = Kind.Raw;
  constructor(readonly bytes: Buffer) {}
}

/**
 * EXEC's reply as Redis writes it: an array header counting the queued
 * commands, then every reply and push those commands produced, inline (a
 * SUBSCRIBE with two channels contributes two pushes and no reply).
 */
export class ExecReply {
  readonly kind = Kind.Exec;
  constructor(readonly count: number, readonly items: Reply[]) {}
}

export type ObjectReply = Exclude<Reply, string | number | bigint | null | Reply[]>;

// ---- shared constants -----------------------------------------------------

export const OK = new StatusReply('OK');
export const PONG = new StatusReply('PONG');
export const QUEUED = new StatusReply('QUEUED');
export const NIL = null;
export const NULL_ARRAY = new NullArrayReply();
/** A handler already sent what it had to (e.g. SUBSCRIBE pushes one frame per channel). */
export const NO_REPLY = new RawReply(Buffer.alloc(0));
export const EMPTY_ARRAY: Reply[] = Object.freeze([]) as unknown as Reply[];

/** Builds an error reply; `text` starts with its code ("ERR ...", "WRONGTYPE ..."). */
export function err(text: string): ErrorReply {
  return new ErrorReply(text);
}

/** True when the reply is an error (the dispatcher counts failed calls with it). */
export function isError(r: Reply): r is ErrorReply {
  return typeof r === 'object' && r !== null && !Array.isArray(r) && r.kind === Kind.Error;
}

// Prebuilt errors with Redis's exact text.
export const ERR_SYNTAX = err('ERR syntax error');
export const ERR_WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
export const ERR_NOT_INTEGER = err('ERR value is not an integer or out of range');
export const ERR_NOT_FLOAT = err('ERR value is not a valid float');
export const ERR_NO_SUCH_KEY = err('ERR no such key');
export const ERR_OVERFLOW = err('ERR increment or decrement would overflow');
export const ERR_DB_INDEX = err('ERR DB index is out of range');
export const ERR_INVALID_EXPIRE = (cmd: string) => err(`ERR invalid expire time in '${cmd}' command`);
export const ERR_STRING_TOO_LONG = err('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
