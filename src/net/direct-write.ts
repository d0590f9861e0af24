// Writes to a TCP socket's libuv handle directly, the way node:net's own
// writeGeneric does, skipping the Writable stream state machine (and the
// process.nextTick it schedules after every write). Falls back to
// socket.write() if this Node build does not expose the stream binding.
import type net from 'node:net';

interface WriteReq {
  handle: unknown;
  oncomplete: (status: number) => void;
  async: boolean;
  bytes: number;
  buffer: Buffer | null;
}
interface StreamBinding {
  WriteWrap: new () => WriteReq;
  streamBaseState: Int32Array;
  kLastWriteWasAsync: number;
}
interface StreamHandle {
  writeBuffer(req: WriteReq, data: Buffer): number;
}

const binding: StreamBinding | null = (() => {
  try {
    const b = (process as unknown as { binding(name: string): StreamBinding }).binding('stream_wrap');
    return typeof b.WriteWrap === 'function' && b.streamBaseState instanceof Int32Array ? b : null;
  } catch {
    return null;
  }
})();

/** Serialises writes to one socket and tracks bytes the kernel has not accepted yet. */
export class SocketWriter {
  /** Bytes handed over but not yet written to the kernel. */
  pending = 0;
  private readonly direct: boolean;

  constructor(
    private readonly socket: net.Socket,
    private readonly onDrain: () => void,
  ) {
    this.direct = binding !== null && typeof (socket as unknown as { _handle?: StreamHandle })._handle?.writeBuffer === 'function';
    if (!this.direct) socket.on('drain', () => {
      this.pending = socket.writableLength;
      onDrain();
    });
  }

  /**
   * Writes data. Returns true when it was written synchronously (the caller
   * may reuse the buffer), false when the writer keeps a reference until done.
   */
  write(data: Buffer): boolean {
    if (!this.direct) {
      this.socket.write(data);
      this.pending = this.socket.writableLength;
      return this.pending === 0;
    }
    const handle = (this.socket as unknown as { _handle: StreamHandle | null })._handle;
    if (handle === null) return true; // closed: drop
    const req = new binding!.WriteWrap();
    req.handle = handle;
    req.oncomplete = NOOP;
    req.async = false;
    req.bytes = 0;
    req.buffer = null;
    const err = handle.writeBuffer(req, data);
    if (err !== 0) {
      this.socket.destroy();
      return true;
    }
    if (binding!.streamBaseState[binding!.kLastWriteWasAsync] === 0) return true;
    // libuv holds on to the rest of data until the write completes.
    const size = data.length;
    this.pending += size;
    req.buffer = data;
    req.oncomplete = (status: number) => {
      this.pending -= size;
      if (status < 0) this.socket.destroy();
      else if (this.pending === 0) this.onDrain();
    };
    return false;
  }
}

function NOOP(): void {}
