// The `json` WebSocket subprotocol session: one text frame per request, one
// frame per reply (echoing the request id) and per push. Replies have RESP3
// shapes and a subscribed session may still run any allowed command.
import { cachedMessageFrame, decodeFrame, errorFrame, peekId, pushFrame, replyFrame, subscriptionCount, type FrameId } from '../../protocols/json/codec.js';
import { textOrLatin1 } from '../../protocols/json/values.js';
import { err, isError, NO_REPLY, OK, type ErrorReply, type PushReply, type Reply } from '../../protocols/reply.js';
import { countError } from '../commands/dispatch.js';
import { ClientFlag, type CommandSpec } from '../commands/types.js';
import type { Message } from '../core/pubsub.js';
import { Session } from './session.js';
import { BadFrameBudget, Close, closeFor } from './ws-limits.js';
import { closeAfterReply, closeWs, dropSlowConsumer, type GatewayContext, type WsLink, type WsSession } from './ws-link.js';
import { tokenMatches } from './ws-policy.js';
import { MAX_TOPIC_CHANNEL } from './ws-topics.js';

const EMPTY_ARGV: string[] = [];
const NOPROTO = err('NOPROTO the json subprotocol always answers with RESP3 shapes');

/** A browser (or any WebSocket) client speaking the json subprotocol. */
export class JsonSession extends Session implements WsSession {
  /** Frames produced outside this session's own message callback, sent by flush(). */
  private pending: Array<string | Buffer> = [];
  /** True inside this session's message callback (uWS corked): frames go straight out. */
  private direct = false;
  /** Ids of requests still waiting for their reply, oldest first. */
  private readonly ids: FrameId[] = [];
  private replyId: FrameId = undefined;
  private pushing = false;
  /** Subscription count of the last (un)subscribe confirmation pushed by the running command. */
  private lastCount = -1;
  private authed: boolean;
  private readonly budget = new BadFrameBudget();
  private readonly one: string[][] = [EMPTY_ARGV];
  /** Close code and reason once the pending output is out (CLOSE_AFTER_REPLY). */
  private closeAfter: [number, string] | null = null;
  private readonly sendPendingNow = () => this.sendPending();
  /** Channels this session receives through uWS topics (not through deliver()). */
  private readonly topicChannels = new Set<string>();

  constructor(private readonly gw: GatewayContext, readonly link: WsLink, address: string, localAddress: string, tokenOk: boolean) {
    super(gw.broker, 'ws', address, localAddress);
    this.resp = 3;
    this.authed = tokenOk;
  }

  // ---- input ------------------------------------------------------------------

  onMessage(bytes: Buffer, isBinary: boolean): void {
    if ((this.flags & (ClientFlag.CLOSED | ClientFlag.CLOSE_AFTER_REPLY)) !== 0) return;
    this.server.stats.netInputBytes += bytes.length;
    this.direct = true;
    if (this.pending.length !== 0) this.sendPending();
    this.handle(bytes, isBinary);
    this.direct = false;
    if ((this.flags & ClientFlag.CLOSE_AFTER_REPLY) !== 0) this.flush();
  }

  private handle(bytes: Buffer, isBinary: boolean): void {
    if (isBinary) return this.badFrame(undefined, 'ERR', 'binary frames are not accepted on the json subprotocol');
    if (bytes.length > this.gw.maxPayload) {
      return this.badFrame(peekId(bytes), 'TOOLARGE', `frame of ${bytes.length} bytes exceeds ws-max-payload (${this.gw.maxPayload})`);
    }
    const f = decodeFrame(bytes);
    if (f.type === 'bad') return this.badFrame(f.id, 'ERR', f.msg);
    if (f.type === 'auth') return this.auth(f.id, f.token);
    if (!this.authed) return this.badFrame(f.id, 'NOAUTH', 'authenticate first: {"auth":"<token>"}');
    this.ids.push(f.id);
    this.one[0] = f.argv;
    this.runBatch(this.one, 1);
    this.one[0] = EMPTY_ARGV;
  }

  private auth(id: FrameId, token: string): void {
    if (this.gw.token === '' || tokenMatches(token, this.gw.token)) {
      this.authed = true;
      this.send(replyFrame(id, OK));
      return;
    }
    this.send(errorFrame(id, 'AUTH', 'invalid token'));
    closeWs(this, Close.AUTH_FAILED, 'invalid token');
  }

  /** Answers a frame the gateway could not run; too many in a second close the connection. */
  private badFrame(id: FrameId, code: string, msg: string): void {
    countError(this.server, err(`${code} ${msg}`));
    this.send(errorFrame(id, code, msg));
    if (this.budget.hit(this.server.clock.now(), this.gw.maxBadFrames)) {
      this.server.log('verbose', `Closing WebSocket client id=${this.id} addr=${this.address}: too many bad frames`);
      closeWs(this, Close.TOO_MANY_ERRORS, 'too many bad frames');
    }
  }

  /** The allow-list, consulted by dispatch after lookup. */
  denies(spec: CommandSpec, argv: string[]): ErrorReply | null {
    const e = this.gw.policy.check(spec);
    if (e !== null) {
      if (this.budget.hit(this.server.clock.now(), this.gw.maxBadFrames)) {
        this.closeAfter = [Close.TOO_MANY_ERRORS, 'too many bad frames'];
        this.closeAfterReply();
      }
      return e;
    }
    // RESP2 shapes (flat maps, subscribed-mode lockout) make no sense in JSON.
    if (spec.name === 'hello' && argv.length >= 2 && argv[1] === '2') return NOPROTO;
    return null;
  }

  // ---- output -----------------------------------------------------------------

  /** One reply per request, in request order: pairs it with the oldest unanswered id. */
  override reply(r: Reply): void {
    this.replyId = this.ids.length !== 0 ? this.ids.shift() : undefined;
    // (P|S)SUBSCRIBE and friends answer with pushes only; the request still gets its reply.
    if (r === NO_REPLY) r = this.lastCount >= 0 ? this.lastCount : null;
    this.lastCount = -1;
    super.reply(r);
    this.resp = 3; // RESET switches to RESP2; JSON keeps RESP3 shapes
    // RESET drops subscriptions without confirmations.
    if (this.topicChannels.size > this.channels.size) this.dropStaleTopics();
  }

  override push(r: Reply): void {
    this.pushing = true;
    super.push(r);
    this.pushing = false;
  }

  protected encode(r: Reply): void {
    if (this.pushing) {
      const n = subscriptionCount(r);
      if (n >= 0) {
        this.lastCount = n;
        if (this.gw.topics !== null) this.followTopics(r);
      }
      this.send(pushFrame(r));
    } else if (isError(r)) {
      this.send(errorFrame(this.replyId, textOrLatin1(r.code), textOrLatin1(r.message)));
    } else {
      this.send(replyFrame(this.replyId, r));
    }
  }

  protected encodeMessage(msg: Message): void {
    this.send(cachedMessageFrame(msg));
  }

  private send(frame: string | Buffer): void {
    this.server.stats.netOutputBytes += frame.length;
    if (this.direct) {
      if (!this.link.send(frame, false)) this.onDropped();
      return;
    }
    this.pending.push(frame);
    // Topic messages may already wait in uWS for this socket; sending now
    // (uWS drains them first) keeps this frame behind them, as published.
    const ws = this.link.ws;
    if (this.topicChannels.size !== 0 && ws !== null) ws.cork(this.sendPendingNow);
  }

  // ---- uWS topics -------------------------------------------------------------

  /**
   * Follows (un)subscribe confirmations: an exact channel of a session without
   * patterns or shard channels moves from the registry onto the channel's uWS
   * topic; a pattern or shard subscription moves every channel back.
   */
  private followTopics(r: Reply): void {
    const items = (r as PushReply).items;
    const kind = items[0];
    const name = items[1];
    const topics = this.gw.topics!;
    if (kind === 'subscribe' && typeof name === 'string') {
      if (this.patterns.size !== 0 || this.shardChannels.size !== 0 || name.length > MAX_TOPIC_CHANNEL) return;
      if (this.topicChannels.has(name) || !this.channels.has(name)) return;
      this.server.pubsub.unsubscribe(this, name);
      this.channels.add(name); // still subscribed, as counts and UNSUBSCRIBE see it
      this.topicChannels.add(name);
      topics.join(this, name);
    } else if (kind === 'unsubscribe') {
      if (typeof name === 'string' && this.topicChannels.delete(name)) topics.leave(this, name);
    } else if ((kind === 'psubscribe' || kind === 'ssubscribe') && this.topicChannels.size !== 0) {
      for (const ch of this.topicChannels) {
        topics.leave(this, ch);
        this.channels.delete(ch);
        this.server.pubsub.subscribe(this, ch);
      }
      this.topicChannels.clear();
    }
  }

  private dropStaleTopics(): void {
    for (const ch of [...this.topicChannels]) {
      if (this.channels.has(ch)) continue;
      this.topicChannels.delete(ch);
      this.gw.topics?.leave(this, ch);
    }
  }

  override detach(): void {
    if (this.topicChannels.size !== 0) {
      for (const ch of this.topicChannels) this.gw.topics?.leave(this, ch);
      this.topicChannels.clear();
    }
    super.detach();
  }

  private sendPending(): void {
    const p = this.pending;
    for (let i = 0; i < p.length; i++) {
      if (!this.link.send(p[i], false)) {
        this.onDropped();
        break;
      }
    }
    p.length = 0;
  }

  flush(): void {
    if (this.pending.length !== 0) {
      const ws = this.link.ws;
      if (ws === null || (this.flags & ClientFlag.CLOSED) !== 0) this.pending.length = 0;
      else ws.cork(this.sendPendingNow);
    }
    if ((this.flags & (ClientFlag.CLOSE_AFTER_REPLY | ClientFlag.CLOSED)) === ClientFlag.CLOSE_AFTER_REPLY) {
      closeAfterReply(this, this.closeAfter);
    }
  }

  // ---- lifecycle --------------------------------------------------------------

  onDropped(): void {
    dropSlowConsumer(this);
  }

  onClosed(): void {
    this.link.ws = null;
    this.pending.length = 0;
    this.detach();
  }

  protected closeTransport(): void {
    const [code, reason] = closeFor(this.killReason);
    this.link.end(code, reason);
  }

  transportBacklog(): number {
    let bytes = this.link.buffered();
    for (const frame of this.pending) bytes += frame.length;
    return bytes;
  }
}
