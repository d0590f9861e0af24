// RESP2/RESP3 reply encoder: Reply -> bytes appended to an OutBuf.
import { OutBuf } from '../outbuf.js';
import { Kind, type Reply, type ObjectReply } from '../reply.js';
import { formatDouble, formatInteger } from '../format.js';

const CR = 13;
const LF = 10;

/** Appends `reply` encoded for RESP3 (`resp3`) or RESP2. */
export function encodeReply(out: OutBuf, reply: Reply, resp3: boolean): void {
  switch (typeof reply) {
    case 'string':
      writeBulk(out, reply);
      return;
    case 'number':
      writeInteger(out, reply);
      return;
    case 'bigint':
      writeLine(out, 0x3a /* : */, reply.toString());
      return;
    case 'object':
      if (reply === null) {
        if (resp3) out.appendLatin1('_\r\n');
        else out.appendLatin1('$-1\r\n');
        return;
      }
      if (Array.isArray(reply)) {
        writeHeader(out, 0x2a /* * */, reply.length);
        for (let i = 0; i < reply.length; i++) encodeReply(out, reply[i], resp3);
        return;
      }
      encodeObject(out, reply, resp3);
      return;
  }
}

function encodeObject(out: OutBuf, r: ObjectReply, resp3: boolean): void {
  switch (r.kind) {
    case Kind.Status:
      writeLine(out, 0x2b /* + */, r.text);
      return;
    case Kind.Error:
      writeLine(out, 0x2d /* - */, r.text);
      return;
    case Kind.Map: {
      const e = r.entries;
      writeHeader(out, resp3 ? 0x25 /* % */ : 0x2a, resp3 ? e.length >> 1 : e.length);
      for (let i = 0; i < e.length; i++) encodeReply(out, e[i], resp3);
      return;
    }
    case Kind.Set:
      writeHeader(out, resp3 ? 0x7e /* ~ */ : 0x2a, r.items.length);
      for (let i = 0; i < r.items.length; i++) encodeReply(out, r.items[i], resp3);
      return;
    case Kind.Push:
      writeHeader(out, resp3 ? 0x3e /* > */ : 0x2a, r.items.length);
      for (let i = 0; i < r.items.length; i++) encodeReply(out, r.items[i], resp3);
      return;
    case Kind.Double:
      if (resp3) writeLine(out, 0x2c /* , */, formatDouble(r.value));
      else writeBulk(out, formatDouble(r.value));
      return;
    case Kind.Bool:
      if (resp3) out.appendLatin1(r.value ? '#t\r\n' : '#f\r\n');
      else out.appendLatin1(r.value ? ':1\r\n' : ':0\r\n');
      return;
    case Kind.Verbatim:
      if (resp3) {
        const body = `${r.format}:${r.text}`;
        writeHeader(out, 0x3d /* = */, body.length);
        writeRaw(out, body);
      } else writeBulk(out, r.text);
      return;
    case Kind.BigNumber:
      if (resp3) writeLine(out, 0x28 /* ( */, r.digits);
      else writeBulk(out, r.digits);
      return;
    case Kind.NullArray:
      out.appendLatin1(resp3 ? '_\r\n' : '*-1\r\n');
      return;
    case Kind.Raw:
      out.append(r.bytes);
      return;
    case Kind.Exec:
      writeHeader(out, 0x2a, r.count);
      for (let i = 0; i < r.items.length; i++) encodeReply(out, r.items[i], resp3);
      return;
  }
}

/** $<len>\r\n<bytes>\r\n for a binary-safe (latin1) string. */
export function writeBulk(out: OutBuf, s: string): void {
  const n = s.length;
  const b = out.reserve(n + 16);
  let p = out.len;
  b[p++] = 0x24; // $
  p = putDigits(b, p, n);
  b[p++] = CR;
  b[p++] = LF;
  if (n < 16) {
    for (let i = 0; i < n; i++) b[p + i] = s.charCodeAt(i);
    p += n;
  } else {
    p += b.latin1Write(s, p, n);
  }
  b[p++] = CR;
  b[p++] = LF;
  out.len = p;
}

/** :<n>\r\n */
export function writeInteger(out: OutBuf, n: number): void {
  if (!Number.isSafeInteger(n)) {
    writeLine(out, 0x3a, formatInteger(n));
    return;
  }
  const b = out.reserve(24);
  let p = out.len;
  b[p++] = 0x3a;
  if (n < 0) {
    b[p++] = 0x2d;
    n = -n;
  }
  p = putDigits(b, p, n);
  b[p++] = CR;
  b[p++] = LF;
  out.len = p;
}

/** <type><n>\r\n: an aggregate or bulk length header. */
export function writeHeader(out: OutBuf, type: number, n: number): void {
  const b = out.reserve(24);
  let p = out.len;
  b[p++] = type;
  if (n < 0) {
    b[p++] = 0x2d;
    n = -n;
  }
  p = putDigits(b, p, n);
  b[p++] = CR;
  b[p++] = LF;
  out.len = p;
}

/** <type><text>\r\n with CR/LF in text replaced by spaces (as Redis does for status and errors). */
export function writeLine(out: OutBuf, type: number, text: string): void {
  const n = text.length;
  const b = out.reserve(n + 3);
  let p = out.len;
  b[p++] = type;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    b[p++] = c === CR || c === LF ? 0x20 : c;
  }
  b[p++] = CR;
  b[p++] = LF;
  out.len = p;
}

function writeRaw(out: OutBuf, s: string): void {
  const b = out.reserve(s.length + 2);
  let p = out.len;
  p += b.latin1Write(s, p, s.length);
  b[p++] = CR;
  b[p++] = LF;
  out.len = p;
}

/** Writes the decimal digits of a non-negative safe integer at p; returns the new position. */
export function putDigits(b: Buffer, p: number, n: number): number {
  if (n < 10) {
    b[p] = 48 + n;
    return p + 1;
  }
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
  let q = p + digits - 1;
  while (n >= 10) {
    const d = n % 10;
    b[q--] = 48 + d;
    n = (n - d) / 10;
  }
  b[q] = 48 + n;
  return p + digits;
}
