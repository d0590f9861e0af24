// RESP over TCP: node:net listeners and one TcpSession per connection.
import net from 'node:net';
import { BIG_ARG } from '../../protocols/resp/decoder.js';
import { ClientFlag } from '../commands/types.js';
import type { BufferLimit, OutputLimits } from '../config/values.js';
import type { Broker } from '../broker/index.js';
import { RespSession } from './resp-session.js';
import { SocketWriter } from './direct-write.js';
import { markDirty } from './flush.js';
import { isSubscriber } from '../core/pubsub.js';

/** Stop reading from a client whose unsent output exceeds this (it is not reading replies). */
const PAUSE_READ_BYTES = 4 * 1024 * 1024;

// Redis's query-buffer sizing, reported by CLIENT LIST qbuf/qbuf-free. Redwire
// reads every socket into one shared buffer, so this is accounting only: the
// numbers a Redis client tool (and Redis's own querybuf tests) expect.
const IOBUF_LEN = 16 * 1024;
const RESIZE_THRESHOLD = 32 * 1024;
const SDS_MAX_PREALLOC = 1024 * 1024;

/** One RESP client over TCP. */
export class TcpSession extends RespSession {
  private readonly writer: SocketWriter;
  private qbAlloc = 0; // modelled sdsalloc(querybuf)
  private qbPeak = 0; // modelled querybuf_peak
  private pausedForOutput = false;
  override readonly fd: number;

  constructor(server: Broker, private readonly socket: net.Socket, readsViaOnread = false) {
    super(
      server,
      'tcp',
      `${formatHost(socket.remoteAddress)}:${socket.remotePort}`,
      `${formatHost(socket.localAddress)}:${socket.localPort}`,
    );
    this.fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
    if (!readsViaOnread) socket.on('data', (chunk: Buffer) => this.onData(chunk, chunk.length));
    this.writer = new SocketWriter(socket, () => this.onDrain());
    socket.on('error', () => {}); // 'close' follows
    socket.on('close', () => this.detach());
    socket.on('end', () => socket.end());
  }

  /** Handles bytes chunk[0, n) read from the socket (a reused buffer: copy what you keep). */
  onData(chunk: Buffer, n: number): void {
    if (!this.consume(chunk, n)) return;
    // Replies leave after every read of this loop turn has been handled, as
    // Redis writes in beforeSleep: the client then wakes once for many replies.
    markDirty(this);
  }

  flush(): void {
    const out = this.out;
    const socket = this.socket;
    if ((this.flags & ClientFlag.CLOSED) !== 0) {
      out.release();
      return;
    }
    if (out.len > 0) {
      this.server.stats.netOutputBytes += out.len;
      // Written synchronously: the buffer is ours again. Otherwise the writer keeps it.
      if (this.writer.write(out.view())) out.release();
      else {
        out.disown();
        this.checkOutputLimits();
      }
    }
    if ((this.flags & ClientFlag.CLOSE_AFTER_REPLY) !== 0) {
      this.flags |= ClientFlag.CLOSED;
      socket.end();
      socket.destroySoon?.();
      this.detach();
    }
  }

  /** Disconnects a client over its output limit; stops reading from one that does not read its replies. */
  private checkOutputLimits(): void {
    if (this.enforceOutputLimit(this.limitFor(this.server.config.get('client-output-buffer-limit') as OutputLimits))) return;
    if (this.outputBytes() > PAUSE_READ_BYTES && !this.pausedForOutput && !isSubscriber(this)) {
      this.pausedForOutput = true;
      this.socket.pause();
    }
  }

  private limitFor(l: OutputLimits): BufferLimit {
    return isSubscriber(this) ? l.pubsub : l.normal;
  }

  private onDrain(): void {
    this.softLimitSince = 0;
    if (this.pausedForOutput) {
      this.pausedForOutput = false;
      this.socket.resume();
    }
  }

  /** Models readQueryFromClient's query-buffer growth for a read of n bytes. */
  protected override beforeDecode(n: number): void {
    const qblen = this.decoder.unparsedBytes();
    const bulk = this.decoder.bulkInProgress();
    const bigArg = bulk >= BIG_ARG;
    const readlen = bigArg ? Math.max(1, bulk + 2 - qblen) : IOBUF_LEN;
    if (bigArg || this.qbAlloc < IOBUF_LEN) {
      this.qbAlloc = Math.max(this.qbAlloc, qblen + readlen);
    } else if (this.qbAlloc - qblen < readlen) {
      const want = qblen + readlen;
      this.qbAlloc = want < SDS_MAX_PREALLOC ? want * 2 : want + SDS_MAX_PREALLOC;
    }
    if (this.qbPeak < qblen + n) this.qbPeak = qblen + n;
  }

  /** Models clientsCronResizeQueryBuffer. */
  private modelResize(now: number): void {
    const used = this.decoder.unparsedBytes();
    const bulk = this.decoder.bulkInProgress();
    if (this.qbAlloc - used > 4096) {
      const idleSec = Math.floor(now / 1000) - Math.floor(this.lastInteraction / 1000);
      if (idleSec > 2) this.qbAlloc = used;
      else if (this.qbAlloc > RESIZE_THRESHOLD && this.qbAlloc / 2 > this.qbPeak) {
        this.qbAlloc = Math.max(used, this.qbPeak, bulk);
      }
    }
    this.qbPeak = Math.max(used, bulk);
    if (this.qbAlloc === 0) this.decoder.trim();
  }

  protected override queryBufferFree(): number {
    return Math.max(0, this.qbAlloc - this.decoder.unparsedBytes());
  }

  override queryBufferBytes(): number {
    return this.decoder.unparsedBytes();
  }

  /** Bytes of arguments already parsed from an incomplete command (Redis's argv-mem). */
  override argvBytes(): number {
    return this.decoder.pendingBytes() - this.decoder.unparsedBytes();
  }

  /** Cron: idle timeout, query-buffer resizing and the soft output limit's clock. */
  override cronCheck(now: number, idleTimeoutMs: number): void {
    this.modelResize(now);
    if (this.closeIfIdle(now, idleTimeoutMs)) return;
    if (this.transportBacklog() > 0) this.checkOutputLimits();
  }

  protected closeTransport(): void {
    this.socket.destroy();
  }

  transportBacklog(): number {
    return this.writer.pending;
  }

}

function formatHost(h: string | undefined): string {
  if (h === undefined) return '?';
  if (h.startsWith('::ffff:')) return h.slice(7);
  return h.includes(':') ? `[${h}]` : h;
}

/**
 * One read buffer shared by every connection: a read is decoded completely
 * (whatever is kept is copied) before the next read happens, so a single
 * buffer serves all sockets and no read allocates.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

type ConnectionHandle = { setNoDelay?(on: boolean): void; close(): void };
type ListenHandle = { onconnection: (err: number, client: ConnectionHandle) => void };

/** Accepts RESP connections on one address. */
export function listenTcp(broker: Broker, host: string, port: number): Promise<net.Server> {
  const server = net.createServer({ noDelay: true });
  const accept = (socket: net.Socket, session: { value: TcpSession | null }) => {
    if (!broker.admit()) {
      socket.end('-ERR max number of clients reached\r\n');
      return;
    }
    const keepalive = broker.config.num('tcp-keepalive');
    if (keepalive > 0) socket.setKeepAlive(true, keepalive * 1000);
    session.value = new TcpSession(broker, socket, true);
    broker.register(session.value);
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, backlog: broker.config.num('tcp-backlog') }, () => {
      server.off('error', reject);
      server.on('error', (e) => broker.log('warning', `listener error: ${e.message}`));
      // Create sockets ourselves so they read into READ_BUFFER (net.Socket's
      // documented `onread` option) instead of allocating a Buffer per read
      // and going through the Readable stream machinery.
      const handle = (server as unknown as { _handle: ListenHandle })._handle;
      const nodeOnConnection = handle.onconnection;
      handle.onconnection = function (this: ListenHandle, err: number, client: ConnectionHandle) {
        if (err) return nodeOnConnection.call(this, err, client);
        client.setNoDelay?.(true);
        const session: { value: TcpSession | null } = { value: null };
        const socket = new net.Socket({
          handle: client,
          readable: true,
          writable: true,
          onread: {
            buffer: READ_BUFFER,
            callback: (n: number, buf: Uint8Array) => {
              session.value?.onData(buf as Buffer, n);
              return true;
            },
          },
        } as net.SocketConstructorOpts);
        accept(socket, session);
        if (session.value === null) return;
      };
      resolve(server);
    });
  });
}
