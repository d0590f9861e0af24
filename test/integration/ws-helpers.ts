// Helpers for the WebSocket gateway tests (the server: startWsServer in
// ../helpers/server.ts): a small `ws` client that pairs replies with ids and
// keeps pushes in order, and a resp3 one.
import { WebSocket } from 'ws';
import { Wakeup } from '../helpers/wait.js';
/** Any JSON frame the server sends. */
export type Frame = Record<string, unknown>;

/** A json-subprotocol test client. */
export class JsonClient {
  readonly frames: Frame[] = [];
  readonly pushes: Frame[] = [];
  private nextId = 1;
  private readonly arrivals = new Wakeup();
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = data.toString();
      const f = JSON.parse(text) as Frame;
      (f as Frame & { $binary?: boolean }).$binary = isBinary;
      this.frames.push(f);
      if ('push' in f) this.pushes.push(f);
      this.arrivals.wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.arrivals.wake();
      });
    });
  }

  /** Opens a connection (protocols: the Sec-WebSocket-Protocol offer, none by default). */
  static async open(url: string, protocols?: string | string[], options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<JsonClient> {
    const ws = new WebSocket(url, protocols, options);
    const c = new JsonClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return c;
  }

  /** Sends a raw frame (string: text; Buffer with binary: true: binary). */
  raw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Sends {"id":N,"cmd":args} and resolves with the frame answering id N. */
  async call(...args: unknown[]): Promise<Frame> {
    const id = this.nextId++;
    this.raw(JSON.stringify({ id, cmd: args }));
    return this.waitFor((f) => f.id === id && !('push' in f));
  }

  /** Resolves with the first frame (received so far or later) matching pred. */
  async waitFor(pred: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < this.frames.length; seen++) if (pred(this.frames[seen])) return this.frames[seen];
      if (this.ws.readyState !== WebSocket.OPEN || Date.now() > deadline) {
        throw new Error(`no matching frame; got ${JSON.stringify(this.frames.slice(-5))}`);
      }
      await this.arrivals.wait(deadline);
    }
  }

  /** Waits until `n` pushes have arrived and returns them. */
  async pushesUntil(n: number, timeoutMs = 5000): Promise<Frame[]> {
    await this.waitFor(() => this.pushes.length >= n, timeoutMs);
    return this.pushes.slice(0, n);
  }

  close(): void {
    this.ws.close();
  }
}

/** A resp3-subprotocol test client: RESP bytes in binary frames, replies collected as latin1 text. */
export class RespWsClient {
  /** Everything received so far (latin1). */
  received = '';
  frames = 0;
  binaryFrames = 0;
  private readonly arrivals = new Wakeup();
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      this.frames++;
      if (isBinary) this.binaryFrames++;
      this.received += data.toString('latin1');
      this.arrivals.wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.arrivals.wake();
      });
    });
  }

  static async open(url: string): Promise<RespWsClient> {
    const ws = new WebSocket(url, 'resp3');
    const c = new RespWsClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return c;
  }

  /** Sends RESP bytes (latin1 string or Buffer) in one binary frame. */
  send(data: string | Buffer): void {
    this.ws.send(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, { binary: true });
  }

  /** Sends a command as a RESP multibulk. */
  command(...args: string[]): void {
    this.send(resp(...args));
  }

  /** Waits until `received` has `expected` (latin1) and takes it, failing on anything else. */
  async expect(expected: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < expected.length && this.ws.readyState === WebSocket.OPEN && Date.now() < deadline) {
      await this.arrivals.wait(deadline);
    }
    const got = this.received.slice(0, expected.length);
    this.received = this.received.slice(expected.length);
    if (got !== expected) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(got + this.received)}`);
  }

  close(): void {
    this.ws.close();
  }
}

/** A command as RESP multibulk bytes (latin1). */
export function resp(...args: string[]): string {
  let s = `*${args.length}\r\n`;
  for (const a of args) s += `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`;
  return s;
}
