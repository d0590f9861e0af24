// Resumable RESP request decoder: bytes in, argv arrays out.
//
// Follows Redis's processMultibulkBuffer/processInlineBuffer: the same limits,
// the same error texts, and the same tolerance (a bulk's trailing two bytes
// are skipped unchecked; a line search stops at a NUL byte like strchr).
// State survives between chunks, so a command may be split at any byte.
// Arguments are latin1 strings: one char per byte, binary safe.
import { splitInlineArgs } from './inline.js';
import { internLatin1 } from './intern.js';

/** Longest inline request / header line without a terminator (PROTO_INLINE_MAX_SIZE). */
export const INLINE_MAX_SIZE = 64 * 1024;
/** Bulk arguments at least this long are assembled in their own buffer (PROTO_MBULK_BIG_ARG). */
export const BIG_ARG = 32 * 1024;
/** V8 cannot make a string longer than this; commands with longer bulks get an error (OVERSIZED_COMMAND). */
export const MAX_STRING_LENGTH = 0x1fffffe8;
const INT_MAX = 2147483647;
const STAR = 0x2a, DOLLAR = 0x24, CR = 0x0d, LF = 0x0a;

/** Where decoded commands go: an array, or a reusable Batch. */
export interface CommandSink {
  push(argv: string[]): unknown;
}

/**
 * A reusable list of decoded commands: cleared by resetting a count, so a
 * connection's steady state allocates no arrays for its batches.
 */
export class Batch implements CommandSink {
  items: string[][] = [];
  size = 0;

  push(argv: string[]): void {
    this.items[this.size++] = argv;
  }

  /**
   * Empties the batch. Slots keep their old argv until overwritten (clearing
   * them would cost a write barrier per command); a huge batch drops the array.
   */
  clear(): void {
    if (this.size > 1024) this.items = [];
    this.size = 0;
  }
}

/** Resumable decoder for one connection's request stream. */
export class RequestDecoder {
  /** proto-max-bulk-len: longest accepted bulk argument. */
  maxBulkLen = 512 * 1024 * 1024;

  // Unconsumed bytes of an incomplete element, copied out of the caller's
  // buffer (which may be reused). Grows by doubling, so a small element split
  // into many pieces costs linear time.
  private pend: Buffer = EMPTY;
  private pendLen = 0;
  // Bytes at the start of `pend` already searched for a line terminator.
  private scanned = 0;
  private argv: string[] | null = null; // multibulk command being assembled
  private argc = 0; // arguments stored in argv
  private remaining = 0; // arguments still expected for argv
  private argBytes = 0; // bytes held in argv so far
  private bulkLen = -1; // length of the bulk being read, -1 while reading its header
  private big: Buffer | null = null; // assembly buffer of a big bulk
  private bigFill = 0;
  private oversized = false; // the command has an argument too long to keep
  /** @internal Where the header parsed by smallCountImpl() ends (after its CRLF). */
  headerEnd = 0;

  /**
   * Decodes every complete command in chunk[0, end), appending each argv to `out`.
   * Returns null, or the text of a protocol error ("Protocol error: ...");
   * after an error the stream is unusable and the connection must close.
   * The chunk may be reused by the caller afterwards: nothing refers to it.
   */
  decode(chunk: Buffer, out: CommandSink, end = chunk.length): string | null {
    let start = 0;
    if (this.big !== null) {
      start = this.fillBig(chunk, end);
      if (this.big !== null) return null;
      if (this.remaining === 0) this.finishCommand(out);
      if (start === end) return null;
    }
    let buf = chunk;
    let len = end;
    let pos = start;
    let scanned = 0;
    if (this.pendLen > 0) {
      this.append(chunk, start, end);
      buf = this.pend;
      len = this.pendLen;
      pos = 0;
      scanned = this.scanned;
    }
    while (pos < len) {
      if (this.argv === null) {
        if (buf[pos] !== STAR) {
          const nl = findByte(buf, Math.max(pos, scanned), len, LF);
          if (nl < 0) {
            if (len - pos > INLINE_MAX_SIZE) return 'Protocol error: too big inline request';
            return this.keep(buf, pos, len, nl === -2 ? NUL_STOP : SEARCHED);
          }
          const end = nl !== pos && buf[nl - 1] === CR ? nl - 1 : nl;
          const args = splitInlineArgs(buf, pos, end);
          if (args === null) return 'Protocol error: unbalanced quotes in request';
          if (args.length > 0) out.push(args);
          pos = nl + 1;
          scanned = 0;
          continue;
        }
        let n = smallCountImpl(buf, pos + 1, len, this);
        if (n >= 0 && n <= INT_MAX) {
          pos = this.headerEnd;
        } else {
          const cr = findByte(buf, Math.max(pos + 1, scanned), len, CR);
          if (cr < 0) {
            if (len - pos > INLINE_MAX_SIZE) return 'Protocol error: too big mbulk count string';
            return this.keep(buf, pos, len, cr === -2 ? NUL_STOP : SEARCHED);
          }
          if (cr > len - 2) return this.keep(buf, pos, len, UNSEARCHED); // the \n has not arrived
          const v = parseLongLong(buf, pos + 1, cr);
          if (v === null || v > INT_MAX) return 'Protocol error: invalid multibulk length';
          pos = cr + 2;
          scanned = 0;
          if (v <= 0) continue;
          n = v;
        }
        scanned = 0;
        // Preallocate ordinary sizes; grow huge ones as arguments really arrive.
        this.argv = n <= 1024 ? new Array<string>(n) : [];
        this.argc = 0;
        this.remaining = n;
        this.argBytes = 0;
      }
      // Arguments of the multibulk command.
      while (this.remaining > 0) {
        if (this.bulkLen < 0 && buf[pos] === DOLLAR) {
          // Fast path: a short well-formed length wholly in this buffer.
          const n = smallCountImpl(buf, pos + 1, len, this);
          if (n >= 0 && n <= this.maxBulkLen) {
            pos = this.headerEnd;
            this.bulkLen = n;
            scanned = 0;
          }
        }
        if (this.bulkLen < 0) {
          const cr = findByte(buf, Math.max(pos, scanned), len, CR);
          if (cr < 0) {
            if (len - pos > INLINE_MAX_SIZE) return 'Protocol error: too big bulk count string';
            return this.keep(buf, pos, len, cr === -2 ? NUL_STOP : SEARCHED);
          }
          if (cr > len - 2) return this.keep(buf, pos, len, UNSEARCHED);
          if (buf[pos] !== DOLLAR) {
            return `Protocol error: expected '$', got '${String.fromCharCode(buf[pos])}'`;
          }
          const n = parseLongLong(buf, pos + 1, cr);
          if (n === null || n < 0 || n > this.maxBulkLen) {
            return 'Protocol error: invalid bulk length';
          }
          pos = cr + 2;
          scanned = 0;
          this.bulkLen = n;
        }
        const bl = this.bulkLen;
        if (len - pos >= bl + 2 && bl <= MAX_STRING_LENGTH) {
          this.argv![this.argc++] = bl === 0 ? '' : internLatin1(buf, pos, bl);
          this.argBytes += bl;
          pos += bl + 2;
          this.bulkLen = -1;
          this.remaining--;
        } else if (bl >= BIG_ARG) {
          this.startBig(buf, pos, len);
          this.pendLen = 0;
          this.scanned = 0;
          return null;
        } else {
          return this.keep(buf, pos, len, UNSEARCHED);
        }
      }
      this.finishCommand(out);
    }
    return this.keep(buf, pos, len, UNSEARCHED);
  }

  /** Bytes held for commands not yet complete (what Redis calls the query buffer). */
  pendingBytes(): number {
    return this.pendLen + this.bigFill + this.argBytes;
  }

  /** Bytes received but not yet parsed into arguments (Redis's sdslen(querybuf)). */
  unparsedBytes(): number {
    return this.pendLen + this.bigFill;
  }

  /** Length of the bulk argument being received, or -1 between arguments. */
  bulkInProgress(): number {
    return this.argv !== null ? this.bulkLen : -1;
  }

  /** Frees the holding buffer when nothing is pending (idle clients keep no memory). */
  trim(): void {
    if (this.pendLen === 0) this.pend = EMPTY;
  }

  /** Drops any partial command (after a protocol error or on reset). */
  clear(): void {
    this.pend = EMPTY;
    this.pendLen = 0;
    this.scanned = 0;
    this.argv = null;
    this.argc = 0;
    this.remaining = 0;
    this.argBytes = 0;
    this.bulkLen = -1;
    this.big = null;
    this.bigFill = 0;
    this.oversized = false;
  }

  /** Appends chunk to pend, growing it by doubling. */
  private append(chunk: Buffer, start: number, end: number): void {
    const need = this.pendLen + (end - start);
    if (need > this.pend.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.pend.length * 2, 1024));
      this.pend.copy(grown, 0, 0, this.pendLen);
      this.pend = grown;
    }
    chunk.copy(this.pend, this.pendLen, start, end);
    this.pendLen = need;
  }

  /**
   * Keeps bytes [pos, len) of buf for the next chunk. `search` says whether
   * the rest was searched for a line terminator in vain, or hit a NUL (after
   * which no terminator can ever be found, as with Redis's strchr).
   */
  private keep(buf: Buffer, pos: number, len: number, search: Search): null {
    const rest = len - pos;
    // An element already stalled by a NUL stays stalled.
    if (search === SEARCHED && pos === 0 && buf === this.pend && this.scanned === Number.MAX_SAFE_INTEGER) search = NUL_STOP;
    if (buf === this.pend) {
      if (pos > 0 && rest > 0) buf.copyWithin(0, pos, len);
    } else if (rest > 0) {
      if (rest > this.pend.length) this.pend = Buffer.allocUnsafe(Math.max(rest, 1024));
      buf.copy(this.pend, 0, pos, len);
    }
    this.pendLen = rest;
    this.scanned = search === UNSEARCHED ? 0 : search === SEARCHED ? rest : Number.MAX_SAFE_INTEGER;
    if (rest === 0 && this.pend.length > 64 * 1024) this.pend = EMPTY;
    return null;
  }

  private startBig(buf: Buffer, pos: number, len: number): void {
    // Grow by doubling instead of trusting the announced length up front, so a
    // client that announces 512 MB and sends nothing costs nothing.
    const want = this.bulkLen + 2;
    const have = Math.min(len - pos, want);
    if (this.bulkLen > MAX_STRING_LENGTH) {
      // Longer than any V8 string: count the bytes without keeping them; the
      // command is answered with an error once it has fully arrived.
      this.big = SKIPPING;
      this.oversized = true;
    } else {
      this.big = Buffer.allocUnsafe(Math.min(want, Math.max(1 << 20, have * 2)));
      buf.copy(this.big, 0, pos, pos + have);
    }
    this.bigFill = have;
    if (have === want) this.completeBig();
  }

  /** Copies chunk bytes into the big bulk; returns bytes consumed; completes the arg when full. */
  private fillBig(chunk: Buffer, end: number): number {
    const want = this.bulkLen + 2;
    const n = Math.min(want - this.bigFill, end);
    let big = this.big!;
    if (big !== SKIPPING) {
      if (this.bigFill + n > big.length) {
        const grown = Buffer.allocUnsafe(Math.min(want, Math.max(big.length * 2, this.bigFill + n)));
        big.copy(grown, 0, 0, this.bigFill);
        big = this.big = grown;
      }
      chunk.copy(big, this.bigFill, 0, n);
    }
    this.bigFill += n;
    if (this.bigFill === want) this.completeBig();
    return n;
  }

  /** The big bulk has fully arrived: it becomes an argument. */
  private completeBig(): void {
    const big = this.big!;
    this.argv![this.argc++] = big === SKIPPING ? '' : big.latin1Slice(0, this.bulkLen);
    this.argBytes += big === SKIPPING ? 0 : this.bulkLen;
    this.big = null;
    this.bigFill = 0;
    this.bulkLen = -1;
    this.remaining--;
  }

  private finishCommand(out: CommandSink): void {
    if (this.oversized) {
      this.oversized = false;
      out.push(OVERSIZED_COMMAND);
    } else out.push(this.argv!);
    this.argv = null;
    this.argBytes = 0;
  }
}

const EMPTY = Buffer.alloc(0);
const SKIPPING = Buffer.alloc(0);

/**
 * Emitted in place of a command that had an argument longer than V8 can hold
 * as a string (above MAX_STRING_LENGTH but within proto-max-bulk-len); the
 * session answers it with an error.
 */
export const OVERSIZED_COMMAND: string[] = Object.freeze(['']) as unknown as string[];
type Search = 0 | 1 | 2;
const UNSEARCHED: Search = 0, SEARCHED: Search = 1, NUL_STOP: Search = 2;

/**
 * Fast path for "<digits>\r" + one more byte at p: returns the count (1 to 10 digits)
 * and leaves the position after the line in decoder.headerEnd; -1 when the
 * header is anything else (zero, negative, long, split), which the general
 * path then handles with all of Redis's rules.
 */
function smallCountImpl(buf: Buffer, p: number, len: number, d: { headerEnd: number }): number {
  let c = buf[p];
  if (c < 0x31 || c > 0x39) return -1;
  let n = c - 48;
  const start = p;
  p++;
  while (p < len && (c = buf[p]) >= 0x30 && c <= 0x39) {
    n = n * 10 + (c - 48);
    p++;
  }
  if (p - start > 10 || p + 1 >= len || buf[p] !== CR) return -1;
  d.headerEnd = p + 2;
  return n;
}

/**
 * Index of byte `b` in [from, end); -1 if absent; -2 if a NUL comes first
 * (C's strchr stops there, so Redis never finds the terminator).
 */
function findByte(buf: Buffer, from: number, end: number, b: number): number {
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === b) return i;
    if (c === 0) return -2;
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
