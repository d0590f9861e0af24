// Sessions that speak RESP (TCP, and WebSocket's resp3 subprotocol).
import { OutBuf } from '../../protocols/outbuf.js';
import { MessageCache } from '../../protocols/message-cache.js';
import { err, type Reply } from '../../protocols/reply.js';
import { Batch, RequestDecoder } from '../../protocols/resp/decoder.js';
import { encodeReply, writeBulk, writeHeader } from '../../protocols/resp/encoder.js';
import type { Message } from '../core/pubsub.js';
import { ClientFlag, type Transport } from '../commands/types.js';
import type { Broker } from '../broker/index.js';
import { Session } from './session.js';


const scratch = new OutBuf();

/** The RESP frame of a pub/sub message, encoded once per protocol version and shared. */
export function respMessageFrame(msg: Message, resp3: boolean): Buffer {
  const slot = resp3 ? MessageCache.RESP3 : MessageCache.RESP2;
  let bytes = msg.cache[slot] as Buffer | undefined;
  if (bytes === undefined) {
    scratch.reset();
    const pattern = msg.pattern;
    writeHeader(scratch, resp3 ? 0x3e : 0x2a, pattern === null ? 3 : 4);
    writeBulk(scratch, msg.kind);
    if (pattern !== null) writeBulk(scratch, pattern);
    writeBulk(scratch, msg.channel);
    writeBulk(scratch, msg.data);
    bytes = Buffer.from(scratch.view());
    msg.cache[slot] = bytes;
  }
  return bytes;
}

/** A Session whose wire format is RESP2/RESP3. */
export abstract class RespSession extends Session {
  protected readonly decoder = new RequestDecoder();
  private readonly batch = new Batch();

  constructor(server: Broker, transport: Transport, address: string, localAddress: string) {
    super(server, transport, address, localAddress);
    this.decoder.maxBulkLen = server.config.num('proto-max-bulk-len');
  }

  /**
   * Decodes and runs the requests in chunk[0, n) (a buffer the caller may
   * reuse). A protocol error is answered and closes the session after the
   * reply, as Redis does; a query buffer over client-query-buffer-limit
   * closes it at once. Returns false when the session is, or was already, closed.
   */
  protected consume(chunk: Buffer, n: number): boolean {
    const server = this.server;
    server.stats.netInputBytes += n;
    if ((this.flags & (ClientFlag.CLOSED | ClientFlag.CLOSE_AFTER_REPLY)) !== 0) return false;
    this.beforeDecode(n);
    const batch = this.batch;
    const protocolError = this.decoder.decode(chunk, batch, n);
    this.runBatch(batch.items, batch.size);
    batch.clear();
    if (protocolError !== null) {
      server.log('verbose', `Protocol error (${protocolError}) from client: id=${this.id} addr=${this.address}`);
      this.decoder.clear();
      if ((this.flags & ClientFlag.CLOSE_AFTER_REPLY) === 0) this.reply(err(`ERR ${protocolError}`));
      this.onProtocolError();
      this.closeAfterReply();
    } else if (this.decoder.pendingBytes() > server.config.num('client-query-buffer-limit')) {
      server.log('warning', `Closing client that reached max query buffer length: id=${this.id} addr=${this.address}`);
      this.kill('query buffer limit');
      return false;
    }
    return true;
  }

  /** Hook: a read of n bytes is about to be decoded (TCP models Redis's query buffer). */
  protected beforeDecode(_n: number): void {}

  /** Hook: the stream had a protocol error and will close after the error reply. */
  protected onProtocolError(): void {}

  override queryBufferBytes(): number {
    return this.decoder.pendingBytes();
  }

  protected encode(reply: Reply): void {
    encodeReply(this.out, reply, this.resp === 3);
  }

  protected encodeMessage(msg: Message): void {
    this.out.append(respMessageFrame(msg, this.resp === 3));
  }
}
