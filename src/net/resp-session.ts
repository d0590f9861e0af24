// Sessions that speak RESP (TCP, and WebSocket's resp3 subprotocol).
import { OutBuf } from '../../protocols/outbuf.js';
import type { Reply } from '../../protocols/reply.js';
import { encodeReply, writeBulk, writeHeader } from '../../protocols/resp/encoder.js';
import type { Message } from '../core/pubsub.js';
import { Session } from './session.js';

/** Message.cache slots for the RESP encodings of a pub/sub message. */
export const CACHE_RESP2 = 0;
export const CACHE_RESP3 = 1;

const scratch = new OutBuf();

/** The RESP frame of a pub/sub message, encoded once per protocol version and shared. */
export function respMessageFrame(msg: Message, resp3: boolean): Buffer {
  const slot = resp3 ? CACHE_RESP3 : CACHE_RESP2;
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
  protected encode(reply: Reply): void {
    encodeReply(this.out, reply, this.resp === 3);
  }

  protected encodeMessage(msg: Message): void {
    this.out.append(respMessageFrame(msg, this.resp === 3));
  }
}
