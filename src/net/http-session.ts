// What the HTTP sessions share (RestSession: one REST request, StreamSession:
// a subscribed response): one uWS response that may already be gone, the
// ws-allow allow-list, and no idle timeout.
import type { HttpResponse } from 'uWebSockets.js';
import type { ErrorReply } from '../../protocols/reply.js';
import type { CommandSpec, Transport } from '../commands/types.js';
import type { HttpContext } from './http-common.js';
import { Session } from './session.js';

/** A Session answering over one uWS HttpResponse (`res` is null once answered, aborted or closed). */
export abstract class HttpSession extends Session {
  protected res: HttpResponse | null;

  constructor(protected readonly ctx: HttpContext, res: HttpResponse, transport: Transport, address: string) {
    super(ctx.broker, transport, address, ctx.localAddress);
    this.res = res;
  }

  /** The allow-list, consulted by dispatch after lookup. */
  denies(spec: CommandSpec): ErrorReply | null {
    return this.ctx.policy.check(spec);
  }

  /** The client went away (uWS onAborted). */
  onAborted(): void {
    this.res = null;
    this.detach();
  }

  /** REST requests and streams are not closed by Redis's idle `timeout`. */
  override cronCheck(_now: number, _idleTimeoutMs: number): void {}
}
