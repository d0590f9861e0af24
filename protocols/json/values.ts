// Reply -> JSON value mapping for the WebSocket `json` subprotocol, and the
// byte-string conversions it needs. Keys and values inside Redwire are latin1
// byte strings (one char per byte); JSON carries text, so bytes that are valid
// UTF-8 become text and anything else travels as {"$b64": "..."}.
import { isUtf8 } from 'node:buffer';
import { Kind, type Reply } from '../reply.js';

/** A binary value that is not valid UTF-8, as it appears in JSON. */
export interface B64Value {
  $b64: string;
}

/** A JSON-compatible value produced from a Reply. */
export type JsonValue = string | number | boolean | null | B64Value | NestedError | JsonValue[] | { [key: string]: JsonValue };

const NON_ASCII = /[^\x00-\x7f]/;

/** The text of byte string s if its bytes are valid UTF-8, else null. ASCII returns s itself. */
export function bytesToText(s: string): string | null {
  if (!NON_ASCII.test(s)) return s;
  const b = Buffer.from(s, 'latin1');
  return isUtf8(b) ? b.toString('utf8') : null;
}

/** Byte string -> JSON: text when it is UTF-8, else {"$b64": base64}. */
export function bytesToJson(s: string): string | B64Value {
  const t = bytesToText(s);
  return t !== null ? t : { $b64: Buffer.from(s, 'latin1').toString('base64') };
}

/** Text (a JS string) -> its UTF-8 bytes as a byte string. ASCII returns s itself. */
export function textToBytes(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  const b = Buffer.from(s, 'utf8');
  return b.latin1Slice(0, b.length);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes base64 (standard or URL-safe, padding optional) to a byte string; null if malformed. */
export function base64ToBytes(s: string): string | null {
  if (!BASE64.test(s) || s.length % 4 === 1) return null;
  const b = Buffer.from(s, 'base64');
  return b.latin1Slice(0, b.length);
}

/** A RESP3 double as JSON: a number, or "inf" / "-inf" / "nan" (JSON has no such numbers). */
export function doubleToJson(d: number): number | string {
  if (Number.isFinite(d)) return d;
  return Number.isNaN(d) ? 'nan' : d > 0 ? 'inf' : '-inf';
}

/** An integer as JSON: a number when exact in a double, else its decimal string. */
export function integerToJson(n: bigint): number | string {
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n.toString();
}

/** An error nested inside another reply (e.g. in EXEC's array). */
export interface NestedError {
  $err: { code: string; msg: string };
}

/**
 * Converts a reply to a JSON value with RESP3 shapes: maps become objects,
 * sets arrays, doubles numbers, booleans true/false, nil null.
 */
export function replyToJson(r: Reply): JsonValue {
  if (typeof r === 'string') return bytesToJson(r);
  if (typeof r === 'number' || r === null) return r;
  if (typeof r === 'bigint') return integerToJson(r);
  if (Array.isArray(r)) return arrayToJson(r);
  switch (r.kind) {
    case Kind.Status:
      return bytesToJson(r.text);
    case Kind.Error:
      return { $err: { code: textOrLatin1(r.code), msg: textOrLatin1(r.message) } };
    case Kind.Map:
      return mapToJson(r.entries);
    case Kind.Set:
      return arrayToJson(r.items);
    case Kind.Push:
      return arrayToJson(r.items);
    case Kind.Double:
      return doubleToJson(r.value);
    case Kind.Bool:
      return r.value;
    case Kind.Verbatim:
      return bytesToJson(r.text);
    case Kind.BigNumber:
      return r.digits;
    case Kind.NullArray:
      return null;
    case Kind.Raw:
      return bytesToJson(r.bytes.latin1Slice(0, r.bytes.length));
    case Kind.Exec:
      return arrayToJson(r.items);
  }
}

function arrayToJson(items: Reply[]): JsonValue[] {
  const out = new Array<JsonValue>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = replyToJson(items[i]);
  return out;
}

/** A map as an object without prototype (so a "__proto__" field is just a field). */
function mapToJson(entries: Reply[]): { [key: string]: JsonValue } {
  const o = Object.create(null) as { [key: string]: JsonValue };
  for (let i = 0; i + 1 < entries.length; i += 2) o[mapKey(entries[i])] = replyToJson(entries[i + 1]);
  return o;
}

/** Object keys are text: UTF-8 keys as themselves, other bytes as "$b64:<base64>". */
function mapKey(k: Reply): string {
  if (typeof k === 'string') return textOrB64Key(k);
  if (typeof k === 'number' || typeof k === 'bigint') return String(k);
  if (k !== null && !Array.isArray(k) && k.kind === Kind.Status) return textOrB64Key(k.text);
  return JSON.stringify(replyToJson(k));
}

function textOrB64Key(s: string): string {
  const t = bytesToText(s);
  return t !== null ? t : `$b64:${Buffer.from(s, 'latin1').toString('base64')}`;
}

/** Error texts are ASCII in practice; anything else is shown as if latin1 were UTF-8 when it is. */
export function textOrLatin1(s: string): string {
  return bytesToText(s) ?? s;
}
