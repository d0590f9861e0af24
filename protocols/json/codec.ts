// The `json` WebSocket subprotocol: client frames -> argv, replies and
// pushes -> JSON frames. Frame serializers are compiled once with
// fast-json-stringify; pub/sub messages are serialized once per message.
//
//   request  {"id":1,"cmd":["SET","k","v"]}      {"id":2,"auth":"secret"}
//   reply    {"id":1,"r":"OK"}                   {"id":1,"err":{"code":"WRONGTYPE","msg":"..."}}
//   push     {"push":"message","channel":"news","data":"hi"}
import build from 'fast-json-stringify';
import { Kind, type Reply } from '../reply.js';
import { MessageCache } from '../message-cache.js';
import { base64ToBytes, bytesToJson, bytesToText, replyToJson, textToBytes, type JsonValue } from './values.js';

/** Message.cache slot holding a message's JSON frame. */
export const CACHE_JSON = MessageCache.JSON;

/** A request id as the client sent it (echoed verbatim); undefined when absent. */
export type FrameId = number | string | undefined;

/** A decoded client frame. */
export type Frame =
  | { type: 'cmd'; id: FrameId; argv: string[] }
  | { type: 'auth'; id: FrameId; token: string }
  | { type: 'bad'; id: FrameId; msg: string };

// ---- requests ---------------------------------------------------------------

const BACKSLASH_U = Buffer.from('\\u', 'latin1');

/**
 * Decodes one text frame. Without \u escapes the frame is parsed as latin1,
 * so string arguments come out directly as the UTF-8 byte strings the
 * keyspace stores; with escapes it is parsed as UTF-8 and converted.
 */
export function decodeFrame(bytes: Buffer): Frame {
  const asBytes = bytes.indexOf(BACKSLASH_U) < 0;
  let v: unknown;
  try {
    v = JSON.parse(asBytes ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8'));
  } catch {
    return bad(undefined, 'invalid JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(undefined, 'a frame must be a JSON object');
  const o = v as { id?: unknown; cmd?: unknown; auth?: unknown };
  let id: FrameId;
  if (typeof o.id === 'number') id = o.id;
  else if (typeof o.id === 'string') id = asBytes ? (bytesToText(o.id) ?? o.id) : o.id;
  else if (o.id !== undefined && o.id !== null) return bad(undefined, 'id must be a number or a string');
  if (o.cmd !== undefined) return decodeCommand(id, o.cmd, asBytes);
  if (o.auth !== undefined) {
    if (typeof o.auth !== 'string') return bad(id, 'auth must be a string');
    return { type: 'auth', id, token: asBytes ? o.auth : textToBytes(o.auth) };
  }
  return bad(id, 'a frame needs "cmd" (or "auth")');
}

function decodeCommand(id: FrameId, cmd: unknown, asBytes: boolean): Frame {
  if (!Array.isArray(cmd) || cmd.length === 0) return bad(id, 'cmd must be a non-empty array');
  const argv = new Array<string>(cmd.length);
  for (let i = 0; i < cmd.length; i++) {
    const a: unknown = cmd[i];
    if (typeof a === 'string') argv[i] = asBytes ? a : textToBytes(a);
    else if (typeof a === 'number' && Number.isFinite(a)) argv[i] = String(a);
    else if (typeof a === 'object' && a !== null && typeof (a as { $b64?: unknown }).$b64 === 'string') {
      const b = base64ToBytes((a as { $b64: string }).$b64);
      if (b === null) return bad(id, `cmd[${i}]: invalid base64`);
      argv[i] = b;
    } else {
      return bad(id, `cmd[${i}] must be a string, a number or {"$b64":"..."}`);
    }
  }
  return { type: 'cmd', id, argv };
}

function bad(id: FrameId, msg: string): Frame {
  return { type: 'bad', id, msg };
}

/** The id of a frame too large to parse, read from its start (`{"id":123,...`); undefined if not there. */
export function peekId(bytes: Buffer): FrameId {
  const head = bytes.latin1Slice(0, Math.min(bytes.length, 64));
  const m = /^\s*\{\s*"id"\s*:\s*(-?\d{1,15}|"[^"\\]{0,40}")/.exec(head);
  if (m === null) return undefined;
  return m[1].startsWith('"') ? m[1].slice(1, -1) : Number(m[1]);
}

// ---- replies ----------------------------------------------------------------

const S = { type: 'string' } as const;
const ERR_SCHEMA = { type: 'object' as const, properties: { code: S, msg: S }, required: ['code', 'msg'] };
const idNum = { type: 'number' } as const;

// Specialised by reply type when the id is a number (or absent); `any` otherwise.
// (No `required` lists where order matters: fast-json-stringify writes required fields first.)
const replyString = build({ type: 'object', properties: { id: idNum, r: S } });
const replyNumber = build({ type: 'object', properties: { id: idNum, r: { type: 'number' } } });
const replyNull = build({ type: 'object', properties: { id: idNum, r: { type: 'null' } } });
const replyAny = build({ type: 'object', properties: { id: {}, r: {} } });
const errorNum = build({ type: 'object', properties: { id: idNum, err: ERR_SCHEMA } });
const errorAny = build({ type: 'object', properties: { id: {}, err: ERR_SCHEMA } });

/** The reply frame for request `id` (the Reply must not be an error; see errorFrame). */
export function replyFrame(id: FrameId, r: Reply): string {
  const numeric = typeof id !== 'string';
  if (typeof r === 'number' && numeric) return replyNumber({ id, r });
  if (r === null && numeric) return replyNull({ id, r: null });
  const v = replyToJson(r);
  if (typeof v === 'string' && numeric) return replyString({ id, r: v });
  return replyAny({ id, r: v });
}

/** An error frame: {"id":1,"err":{"code":"WRONGTYPE","msg":"..."}}. */
export function errorFrame(id: FrameId, code: string, msg: string): string {
  const err = { code, msg };
  return typeof id === 'string' ? errorAny({ id, err }) : errorNum({ id, err });
}

// ---- pushes -----------------------------------------------------------------

const messagePush = build({
  type: 'object', properties: { push: S, channel: S, data: S }, required: ['push', 'channel', 'data'],
});
const pmessagePush = build({
  type: 'object', properties: { push: S, pattern: S, channel: S, data: S }, required: ['push', 'pattern', 'channel', 'data'],
});
const channelCountPush = build({
  type: 'object', properties: { push: S, channel: { type: 'string', nullable: true }, count: { type: 'integer' } },
  required: ['push', 'channel', 'count'],
});
const patternCountPush = build({
  type: 'object', properties: { push: S, pattern: { type: 'string', nullable: true }, count: { type: 'integer' } },
  required: ['push', 'pattern', 'count'],
});
const anyPush = build({ type: 'object', properties: { push: S, data: {} }, required: ['push'] });

/**
 * A pub/sub message frame: {"push":"message","channel":..,"data":..} or
 * pmessage with "pattern". Fields that are not UTF-8 become {"$b64":..}.
 */
export function messageFrame(kind: string, pattern: string | null, channel: string, data: string): string {
  const ch = bytesToText(channel);
  const d = bytesToText(data);
  const p = pattern === null ? null : bytesToText(pattern);
  if (ch !== null && d !== null && (pattern === null || p !== null)) {
    return pattern === null
      ? messagePush({ push: kind, channel: ch, data: d })
      : pmessagePush({ push: kind, pattern: p, channel: ch, data: d });
  }
  const o: Record<string, JsonValue> = { push: kind };
  if (pattern !== null) o.pattern = bytesToJson(pattern);
  o.channel = bytesToJson(channel);
  o.data = bytesToJson(data);
  return JSON.stringify(o);
}

/** A message's frame as UTF-8 bytes, serialized once and shared by every JSON recipient. */
export function cachedMessageFrame(msg: { kind: string; pattern: string | null; channel: string; data: string; cache: unknown[] }): Buffer {
  let b = msg.cache[CACHE_JSON] as Buffer | undefined;
  if (b === undefined) {
    b = Buffer.from(messageFrame(msg.kind, msg.pattern, msg.channel, msg.data), 'utf8');
    msg.cache[CACHE_JSON] = b;
  }
  return b;
}

/** A message frame up to its data, `{"push":"message","channel":"<ch>","data":"`; null if ch is not UTF-8. */
export function messageFrameHead(channel: string): string | null {
  const ch = bytesToText(channel);
  return ch === null ? null : `{"push":"message","channel":${JSON.stringify(ch)},"data":"`;
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * head + data + `"}` when data is printable ASCII needing no JSON escape, else
 * null. (A one-byte JS string: uWS copies it out as is, cheaper than a Buffer.)
 */
export function plainMessageFrame(head: string, data: string): string | null {
  return PLAIN.test(data) ? `${head}${data}"}` : null;
}

const PATTERN_KINDS = new Set(['psubscribe', 'punsubscribe']);
const CHANNEL_KINDS = new Set(['subscribe', 'unsubscribe', 'ssubscribe', 'sunsubscribe']);

/** An out-of-band push (a PushReply's items, or another value such as a MONITOR line) as a frame. */
export function pushFrame(r: Reply): string {
  if (typeof r !== 'object' || r === null || Array.isArray(r) || r.kind !== Kind.Push) {
    return anyPush({ push: 'monitor', data: replyToJson(r) });
  }
  const items = r.items;
  const kind = typeof items[0] === 'string' ? items[0] : String(items[0]);
  if ((kind === 'message' || kind === 'smessage') && items.length === 3 && typeof items[1] === 'string' && typeof items[2] === 'string') {
    return messageFrame(kind, null, items[1], items[2]);
  }
  if (kind === 'pmessage' && items.length === 4 && typeof items[1] === 'string' && typeof items[2] === 'string' && typeof items[3] === 'string') {
    return messageFrame(kind, items[1], items[2], items[3]);
  }
  if (items.length === 3 && typeof items[2] === 'number' && (items[1] === null || typeof items[1] === 'string')) {
    const field = CHANNEL_KINDS.has(kind) ? 'channel' : PATTERN_KINDS.has(kind) ? 'pattern' : null;
    if (field !== null) {
      const raw = items[1];
      const name = raw === null ? null : bytesToText(raw);
      if (raw !== null && name === null) return JSON.stringify({ push: kind, [field]: bytesToJson(raw), count: items[2] });
      return field === 'channel'
        ? channelCountPush({ push: kind, channel: name, count: items[2] })
        : patternCountPush({ push: kind, pattern: name, count: items[2] });
    }
  }
  return anyPush({ push: bytesToText(kind) ?? kind, data: replyToJson(items.slice(1)) });
}

/** The subscription count a (un)subscribe confirmation push carries, or -1 for any other push. */
export function subscriptionCount(r: Reply): number {
  if (typeof r !== 'object' || r === null || Array.isArray(r) || r.kind !== Kind.Push) return -1;
  const items = r.items;
  const kind = items[0];
  if (typeof kind !== 'string' || items.length !== 3 || typeof items[2] !== 'number') return -1;
  return CHANNEL_KINDS.has(kind) || PATTERN_KINDS.has(kind) ? items[2] : -1;
}
