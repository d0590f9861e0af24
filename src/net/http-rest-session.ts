// One REST request as a client session (transport=http): registered for as
// long as the request runs, so CLIENT LIST, INFO and maxclients see it, and
// run through the same dispatch as every other client. A REST client has no
// state between requests, so commands that only make sense on a connection
// (transactions, subscriptions, SELECT, CLIENT REPLY ...) are refused with
// 400 and a pointer to what to use instead.
import type { HttpResponse } from 'uWebSockets.js';
import { err, isError, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { ClientFlag, type CommandSpec } from '../commands/types.js';
import type { Message } from '../core/pubsub.js';
import { Status, writeCors, type HttpContext, type RequestInfo } from './http-common.js';
import { HttpSession } from './http-session.js';
import { formatReply, type Format } from './http-reply.js';

const NEEDS_CONNECTION = 'needs a connection, and a REST request is one command on its own: use the WebSocket gateway';
const STREAM = 'streams messages: use GET /SUBSCRIBE/<channel> (chunked JSON) or /sse?channel=<channel> (Server-Sent Events)';

/** Commands a stateless REST request refuses, and why. */
const REFUSED = new Map<string, ErrorReply>();
for (const [names, why] of [
  [['multi', 'exec', 'discard', 'watch', 'unwatch', 'monitor', 'client|tracking', 'client|caching', 'client|no-evict', 'client|no-touch'], NEEDS_CONNECTION],
  [['subscribe', 'psubscribe', 'ssubscribe'], STREAM],
  [['unsubscribe', 'punsubscribe', 'sunsubscribe'], 'has nothing to do: a REST request holds no subscriptions'],
  [['select'], 'has no lasting effect over REST: put the database first in the path (/3/GET/key)'],
  [['client|reply'], 'cannot apply: every REST request gets its reply'],
] as const) {
  for (const name of names) REFUSED.set(name, err(`ERR '${name.replace('|', ' ')}' ${why}`));
}

/** A REST request being served; the reply goes out as the HTTP response. */
export class RestSession extends HttpSession {
  /** The reply of the command, once there is one. */
  private result: Reply | undefined = undefined;
  /** argv[0] as typed: the key of the JSON reply. */
  private command = '';

  constructor(
    ctx: HttpContext,
    res: HttpResponse,
    private readonly info: RequestInfo,
    private readonly format: Format,
    address: string,
  ) {
    super(ctx, res, 'http', address);
    // JSON and text use RESP3 shapes (maps are objects); .raw shows what a RESP2 client gets, as Webdis does.
    this.resp = format === 'raw' ? 2 : 3;
  }

  /** The allow-list, then the commands that need a connection. */
  override denies(spec: CommandSpec): ErrorReply | null {
    return super.denies(spec) ?? REFUSED.get(spec.name) ?? null;
  }

  /**
   * Runs argv (after `preamble`, e.g. AUTH from Basic credentials; the first
   * error there is the answer). Returns true when the response was sent,
   * false when the command is blocked and the caller must keep res alive.
   */
  start(argv: string[], preamble: string[] | null): boolean {
    if (preamble !== null) {
      this.runBatch([preamble], 1);
      const r = this.result;
      if (r !== undefined && isError(r)) {
        this.respond(preamble[0], r);
        return true;
      }
      this.result = undefined;
    }
    this.command = argv[0];
    this.runBatch([argv], 1);
    const f = this.flags;
    if ((f & ClientFlag.CLOSED) !== 0) return true;
    if (this.result === undefined) {
      if ((f & ClientFlag.BLOCKED) !== 0) return false;
      this.result = null; // a command that answers only with pushes: the request still gets a reply
    }
    this.respond(argv[0], this.result);
    return true;
  }

  protected encode(r: Reply): void {
    this.result = r;
  }

  /** REST has no out-of-band channel: pushes (there should be none) are dropped. */
  override push(): void {}

  protected encodeMessage(_msg: Message): void {}

  /** A blocked command got its reply (or CLIENT PAUSE ended): answer now. */
  flush(): void {
    if (this.result !== undefined && this.res !== null) this.respond(this.command, this.result);
  }

  private respond(cmd: string, r: Reply): void {
    const res = this.res;
    if (res === null) return;
    this.res = null;
    const b = formatReply(this.format, cmd, r);
    const info = this.info;
    const close = (this.flags & ClientFlag.CLOSE_AFTER_REPLY) !== 0;
    this.server.stats.netOutputBytes += b.body.length;
    res.cork(() => {
      res.writeStatus(b.status);
      writeCors(res, info);
      if (b.status === Status.UNAUTHORIZED) res.writeHeader('WWW-Authenticate', 'Basic realm="redwire"');
      res.writeHeader('Content-Type', b.type).end(b.body, close);
    });
    this.detach();
  }

  protected closeTransport(): void {
    const res = this.res;
    this.res = null;
    res?.close();
  }

  transportBacklog(): number {
    return 0;
  }
}
