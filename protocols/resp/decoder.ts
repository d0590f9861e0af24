// Resumable RESP request decoder: bytes in, argv arrays out.
//
// Follows Redis's processMultibulkBuffer/processInlineBuffer: the same limits,
// the same error texts, and the same tolerance (a bulk's trailing two bytes
// are skipped unchecked; a line search stops at a NUL byte like strchr).
// State survives between chunks, so a command may be split at any byte.
// Arguments are latin1 strings: one char per byte, binary safe.
import { splitInlineArgs } from './inline.js';

/** Longest inline request / header line without a terminator (PROTO_INLINE_MAX_SIZE). */
export const INLINE_MAX_SIZE = 64 * 1024;
/** Bulk arguments at least this long are assembled in their own buffer (PROTO_MBULK_BIG_ARG). */
export const BIG_ARG = 32 * 1024;
/** V8 cannot make a string longer than this; larger bulks are refused as invalid. */
export const MAX_STRING_LENGTH = 0x1fffffe8;
const INT_MAX = 2147483647;
const STAR = 0x2a, DOLLAR = 0x24, CR = 0x0d, LF = 0x0a;

/** Resumable decoder for one connection's request stream. */
export class RequestDecoder {
  /** proto-max-bulk-len: longest accepted bulk argument. */
  maxBulkLen = 512 * 1024 * 1024;

  private tail: Buffer | null = null; // unconsumed bytes of an incomplete element
  private argv: string[] | null = null; // multibulk command being assembled
  private remaining = 0; // arguments still expected for argv
  private argBytes = 0; // bytes held in argv so far
  private bulkLen = -1; // length of the bulk being read, -1 while reading its header
  private big: Buffer | null = null; // assembly buffer of a big bulk
  private bigFill = 0;

  /**
   * Decodes every complete command in `chunk`, appending each argv to `out`.
   * Returns null, or the text of a protocol error ("Protocol error: ...");
   * after an error the stream is unusable and the connection must close.
   */
  decode(chunk: Buffer, out: string[][]): string | null {
    let buf = chunk;
    let pos = 0;
    if (this.big !== null) {
      pos = this.fillBig(chunk);
      if (this.big !== null) return null;
      if (this.remaining === 0) this.finishCommand(out);
    }
    if (this.tail !== null) {
      buf = Buffer.concat([this.tail, pos === 0 ? chunk : chunk.subarray(pos)]);
      pos = 0;
      this.tail = null;
    }
    const len = buf.length;
    while (pos < len) {
      if (this.argv === null) {
        if (buf[pos] !== STAR) {
          const r = this.inline(buf, pos, out);
          if (typeof r === 'string') return r;
          if (r < 0) break;
          pos = r;
          continue;
        }
        const cr = findByte(buf, pos + 1, len, CR);
        if (cr < 0) {
          if (len - pos > INLINE_MAX_SIZE) return 'Protocol error: too big mbulk count string';
          break;
        }
        if (cr > len - 2) break; // the \n has not arrived
        const n = parseLongLong(buf, pos + 1, cr);
        if (n === null || n > INT_MAX) return 'Protocol error: invalid multibulk length';
        pos = cr + 2;
        if (n <= 0) continue;
        this.argv = new Array<string>();
        this.remaining = n;
        this.argBytes = 0;
      }
      // Arguments of the multibulk command.
      while (this.remaining > 0) {
        if (this.bulkLen < 0) {
          const cr = findByte(buf, pos, len, CR);
          if (cr < 0) {
            if (len - pos > INLINE_MAX_SIZE) return 'Protocol error: too big bulk count string';
            return this.keep(buf, pos);
          }
          if (cr > len - 2) return this.keep(buf, pos);
          if (buf[pos] !== DOLLAR) {
            return `Protocol error: expected '$', got '${String.fromCharCode(buf[pos])}'`;
          }
          const n = parseLongLong(buf, pos + 1, cr);
          if (n === null || n < 0 || n > this.maxBulkLen || n > MAX_STRING_LENGTH) {
            return 'Protocol error: invalid bulk length';
          }
          pos = cr + 2;
          this.bulkLen = n;
        }
        const bl = this.bulkLen;
        if (len - pos >= bl + 2) {
          this.argv!.push(bl === 0 ? '' : buf.latin1Slice(pos, pos + bl));
          this.argBytes += bl;
          pos += bl + 2;
          this.bulkLen = -1;
          this.remaining--;
        } else if (bl >= BIG_ARG) {
          this.startBig(buf, pos, len);
          return null;
        } else {
          return this.keep(buf, pos);
        }
      }
      this.finishCommand(out);
    }
    return this.keep(buf, pos);
  }

  /** Bytes held for commands not yet complete (what Redis calls the query buffer). */
  pendingBytes(): number {
    return (this.tail?.length ?? 0) + this.bigFill + this.argBytes;
  }

  /** Drops any partial command (after a protocol error or on reset). */
  clear(): void {
    this.tail = null;
    this.argv = null;
    this.remaining = 0;
    this.argBytes = 0;
    this.bulkLen = -1;
    this.big = null;
    this.bigFill = 0;
  }

  private inline(buf: Buffer, pos: number, out: string[][]): number | string {
    const len = buf.length;
    let nl = findByte(buf, pos, len, LF);
    if (nl < 0) {
      if (len - pos > INLINE_MAX_SIZE) return 'Protocol error: too big inline request';
      return -1;
    }
    const next = nl + 1;
    if (nl !== pos && buf[nl - 1] === CR) nl--;
    const args = splitInlineArgs(buf, pos, nl);
    if (args === null) return 'Protocol error: unbalanced quotes in request';
    if (args.length > 0) out.push(args);
    return next;
  }

  private startBig(buf: Buffer, pos: number, len: number): void {
    // Grow by doubling instead of trusting the announced length up front, so a
    // client that announces 512 MB and sends nothing costs nothing.
    const want = this.bulkLen + 2;
    const have = len - pos;
    this.big = Buffer.allocUnsafe(Math.min(want, Math.max(1 << 20, have * 2)));
    buf.copy(this.big, 0, pos, len);
    this.bigFill = have;
  }

  /** Copies chunk bytes into the big bulk; returns bytes consumed; completes the arg when full. */
  private fillBig(chunk: Buffer): number {
    const want = this.bulkLen + 2;
    const n = Math.min(want - this.bigFill, chunk.length);
    let big = this.big!;
    if (this.bigFill + n > big.length) {
      const grown = Buffer.allocUnsafe(Math.min(want, Math.max(big.length * 2, this.bigFill + n)));
      big.copy(grown, 0, 0, this.bigFill);
      big = this.big = grown;
    }
    chunk.copy(big, this.bigFill, 0, n);
    this.bigFill += n;
    if (this.bigFill === want) {
      this.argv!.push(big.latin1Slice(0, this.bulkLen));
      this.argBytes += this.bulkLen;
      this.big = null;
      this.bigFill = 0;
      this.bulkLen = -1;
      this.remaining--;
    }
    return n;
  }

  private finishCommand(out: string[][]): void {
    out.push(this.argv!);
    this.argv = null;
    this.argBytes = 0;
  }

  private keep(buf: Buffer, pos: number): null {
    // Copy: the caller may reuse its read buffer.
    if (pos < buf.length) this.tail = Buffer.from(buf.subarray(pos));
    return null;
  }
}

/** Index of byte `b` in [from, end), stopping (returning -1) at a NUL as C's strchr does. */
function findByte(buf: Buffer, from: number, end: number, b: number): number {
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === b) return i;
    if (c === 0) return -1;
  }
  return -1;
}

/**
 * Redis's string2ll over bytes [start, end): optional '-', no '+', no leading
 * zeros, no spaces, int64 range. Returns null when not a valid integer.
 * Values beyond 2^53 only ever matter as "too big", so they may lose precision.
 */
export function parseLongLong(buf: Uint8Array, start: number, end: number): number | null {
  const n = end - start;
  if (n <= 0 || n > 20) return null;
  if (n === 1 && buf[start] === 0x30) return 0;
  let p = start;
  let neg = false;
  if (buf[p] === 0x2d) {
    neg = true;
    p++;
    if (p === end) return null;
  }
  const first = buf[p];
  if (first < 0x31 || first > 0x39) return null;
  let v = 0;
  for (; p < end; p++) {
    const c = buf[p];
    if (c < 0x30 || c > 0x39) return null;
    v = v * 10 + (c - 0x30);
  }
  if (end - start - (neg ? 1 : 0) >= 19) {
    // Near the int64 edge: decide exactly.
    const big = BigInt(Buffer.from(buf.subarray(start, end)).toString('latin1'));
    if (big > 9223372036854775807n || big < -9223372036854775808n) return null;
  }
  return neg ? -v : v;
}
