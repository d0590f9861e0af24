// OutBuf: a growable byte buffer that encoders append to and a transport
// drains with one write. Buffers come from a small free list so that an idle
// connection holds no output memory (see OutBuf.release).

const INITIAL = 16 * 1024;
const POOL_MAX = 256;
const pool: Buffer[] = [];

/** A growable output byte buffer; `buf[0, len)` is pending output. */
export class OutBuf {
  buf: Buffer = EMPTY;
  len = 0;

  /** Makes room for `n` more bytes and returns the buffer to write into at `len`. */
  reserve(n: number): Buffer {
    const need = this.len + n;
    if (need <= this.buf.length) return this.buf;
    return this.grow(need);
  }

  private grow(need: number): Buffer {
    let size = this.buf.length === 0 ? INITIAL : this.buf.length * 2;
    while (size < need) size *= 2;
    const next = size === INITIAL && pool.length > 0 ? pool.pop()! : Buffer.allocUnsafe(size);
    if (this.len > 0) this.buf.copy(next, 0, 0, this.len);
    this.recycle();
    this.buf = next;
    return next;
  }

  /** Appends raw bytes. */
  append(bytes: Uint8Array): void {
    const b = this.reserve(bytes.length);
    b.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** Appends a string, one byte per char (binary-safe latin1). */
  appendLatin1(s: string): void {
    const n = s.length;
    const b = this.reserve(n);
    if (n < 16) {
      // Short constants ($-1, _ ...): a JS loop beats the native call's fixed cost.
      let p = this.len;
      for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
      this.len = p;
    } else this.len += b.latin1Write(s, this.len, n);
  }

  /** The pending bytes as a view (valid until the next append or reset). */
  view(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  /** Forgets the pending bytes; keeps the buffer for reuse. */
  reset(): void {
    this.len = 0;
  }

  /** Pending bytes were handed to a writer that keeps a reference: never touch this buffer again. */
  disown(): void {
    this.buf = EMPTY;
    this.len = 0;
  }

  /** Empties and returns the buffer to the shared pool (call when idle). */
  release(): void {
    this.recycle();
    this.buf = EMPTY;
    this.len = 0;
  }

  private recycle(): void {
    if (this.buf.length === INITIAL && pool.length < POOL_MAX) pool.push(this.buf);
  }
}

const EMPTY = Buffer.alloc(0);
