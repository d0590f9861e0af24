// The `resp3` WebSocket subprotocol: the RESP byte stream carried in
// WebSocket frames, through the same decoder and encoder as TCP. Frames are
// just chunks of the stream: several commands per frame (pipelining) and one
// command split across frames both work. Output of one batch is one frame.
import type { ErrorReply } from '../../protocols/reply.js';
import { ClientFlag, type CommandSpec } from '../commands/types.js';
import { RespSession } from './resp-session.js';
import { Close, closeFor } from './ws-limits.js';
import { closeAfterReply, dropSlowConsumer, type GatewayContext, type WsLink, type WsSession } from './ws-link.js';

/** A RESP client (RESP2 until HELLO 3, as over TCP) inside a WebSocket. */
export class RespWsSession extends RespSession implements WsSession {
  /** True inside this session's message callback (uWS corked). */
  private inCallback = false;
  private closeAfter: [number, string] | null = null;
  private readonly sendNow = () => this.sendOut();

  constructor(private readonly gw: GatewayContext, readonly link: WsLink, address: string, localAddress: string) {
    super(gw.broker, 'ws', address, localAddress);
  }

  onMessage(bytes: Buffer): void {
    this.inCallback = true;
    if (this.consume(bytes, bytes.length)) this.flush();
    this.inCallback = false;
  }

  protected override onProtocolError(): void {
    this.closeAfter = [Close.PROTOCOL_ERROR, 'protocol error'];
  }

  /** The allow-list, consulted by dispatch after lookup. */
  denies(spec: CommandSpec): ErrorReply | null {
    return this.gw.policy.check(spec);
  }

  private sendOut(): void {
    if (!this.link.send(this.out.view(), true)) this.onDropped();
  }

  flush(): void {
    const out = this.out;
    if ((this.flags & ClientFlag.CLOSED) !== 0) {
      out.release();
      return;
    }
    if (out.len > 0) {
      this.server.stats.netOutputBytes += out.len;
      const ws = this.link.ws;
      // uWS copies what it sends, so the buffer is ours again right away.
      if (ws !== null) {
        if (this.inCallback) this.sendOut();
        else ws.cork(this.sendNow);
      }
      out.release();
    }
    if ((this.flags & ClientFlag.CLOSE_AFTER_REPLY) !== 0) closeAfterReply(this, this.closeAfter);
  }

  onDropped(): void {
    dropSlowConsumer(this);
  }

  onClosed(): void {
    this.link.ws = null;
    this.detach();
  }

  protected closeTransport(): void {
    const [code, reason] = closeFor(this.killReason);
    this.link.end(code, reason);
  }

  transportBacklog(): number {
    return this.link.buffered();
  }

}
