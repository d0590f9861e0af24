// A raw RESP connection for byte-exact assertions: replies come back as their raw bytes.
import net from 'node:net';
import { Wakeup } from './wait.js';

/** A socket that sends raw bytes and collects raw reply bytes. */
export class RawConnection {
  readonly socket: net.Socket;
  private buf = Buffer.alloc(0);
  private readonly arrivals = new Wakeup();
  closed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.arrivals.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.arrivals.wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = net.createConnection({ port, host }, () => resolve(new RawConnection(s)));
      s.once('error', reject);
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Waits until at least n bytes arrived (or the socket closed), then takes them all. */
  async readBytes(n: number, timeoutMs = 5000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.buf.length < n && !this.closed) {
      if (Date.now() > deadline) throw new Error(`timeout waiting for ${n} bytes, have ${JSON.stringify(this.buf.toString('latin1'))}`);
      await this.arrivals.wait(deadline);
    }
    const out = this.buf;
    this.buf = Buffer.alloc(0);
    return out;
  }

  /** Waits until the buffered bytes equal `expected` exactly (string in latin1). */
  async expect(expected: string, timeoutMs = 5000): Promise<string> {
    const got = await this.readBytes(Buffer.byteLength(expected, 'latin1'), timeoutMs);
    return got.toString('latin1');
  }

  /** Sends a command as a RESP array and returns the raw reply text once one full reply arrived. */
  async command(...args: Array<string | Buffer>): Promise<string> {
    this.write(encodeCommand(args));
    return this.readReply();
  }

  /** Reads exactly one complete reply (raw bytes as a latin1 string). */
  async readReply(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = replyEnd(this.buf, 0);
      if (end > 0) {
        const out = this.buf.subarray(0, end).toString('latin1');
        this.buf = this.buf.subarray(end);
        return out;
      }
      if (this.closed) throw new Error(`connection closed; pending ${JSON.stringify(this.buf.toString('latin1'))}`);
      if (Date.now() > deadline) throw new Error(`timeout; pending ${JSON.stringify(this.buf.toString('latin1'))}`);
      await this.arrivals.wait(deadline);
    }
  }

  /** Resolves when the server closes the connection. */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection still open');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** RESP array encoding of a command. */
export function encodeCommand(args: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = typeof a === 'string' ? Buffer.from(a, 'latin1') : a;
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** End offset of the complete RESP reply starting at `pos`, or -1 if incomplete. */
export function replyEnd(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return -1;
  const nl = buf.indexOf('\r\n', pos);
  if (nl < 0) return -1;
  const type = String.fromCharCode(buf[pos]);
  const head = buf.toString('latin1', pos + 1, nl);
  let p = nl + 2;
  switch (type) {
    case '+': case '-': case ':': case ',': case '#': case '_': case '(':
      return p;
    case '$': case '=': case '!': {
      const n = Number(head);
      if (n < 0) return p;
      return buf.length >= p + n + 2 ? p + n + 2 : -1;
    }
    case '*': case '~': case '>': case '%': case '|': {
      let n = Number(head);
      if (n < 0) return p;
      if (type === '%' || type === '|') n *= 2;
      for (let i = 0; i < n; i++) {
        p = replyEnd(buf, p);
        if (p < 0) return -1;
      }
      return type === '|' ? replyEnd(buf, p) : p;
    }
    default:
      return p; // unknown type: treat as a line
  }
}
