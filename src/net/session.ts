// Session: one connected client, whatever its transport. Runs request
// batches through dispatch, queues replies and pushes in an OutBuf, and
// leaves encoding and I/O to the transport subclass.
import { OutBuf } from '../../protocols/outbuf.js';
import { ERR_STRING_TOO_LONG, NO_REPLY, PushReply, type Reply } from '../../protocols/reply.js';
import { OVERSIZED_COMMAND } from '../../protocols/resp/decoder.js';
import { isSubscriber, type Message } from '../core/pubsub.js';
import type { Db } from '../core/keyspace.js';
import { beginBatch, endBatch, execute } from '../commands/dispatch.js';
import { BLOCKED, ClientFlag, type BlockState, type Client, type Transport } from '../commands/types.js';
import type { Broker } from '../broker/index.js';
import type { BufferLimit } from '../config/values.js';
import { markDirty, type Flushable } from './flush.js';

let nextId = 1;

/** Protocol-neutral client state; transports subclass it. */
export abstract class Session implements Client, Flushable {
  readonly id = nextId++;
  db: Db;
  name = '';
  libName = '';
  libVer = '';
  resp: 2 | 3 = 2;
  flags = 0;
  user = 'default';
  authenticated: boolean;
  readonly createdAt: number;
  lastInteraction: number;
  lastCommand = 'NULL';
  multiQueue: string[][] | null = null;
  watching: Set<string> | null = null;
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
  queuedForFlush = false;
  /** Why kill() closed the session ('' while open): transports map it to close codes. */
  protected killReason = '';
  /** When output first went over the soft client-output-buffer-limit (0: it is under). */
  protected softLimitSince = 0;
  pushCapture: Reply[] | null = null;

  /** Pending output (replies and pushes) not yet handed to the transport. */
  protected readonly out = new OutBuf();
  /** Commands received while blocked or before a previous batch finished. */
  private backlog: string[][] | null = null;
  private blockState: BlockState | null = null;
  /** True while this session runs its own batch: pushes then need no separate flush. */
  private inBatch = false;

  constructor(
    readonly server: Broker,
    readonly transport: Transport,
    readonly address: string,
    readonly localAddress: string,
  ) {
    this.db = server.dbs[0];
    this.authenticated = server.config.str('requirepass') === '';
    this.createdAt = this.lastInteraction = server.clock.now();
  }

  // ---- transport hooks ------------------------------------------------------

  /** Encodes a reply into `out` in this session's protocol. */
  protected abstract encode(reply: Reply): void;
  /** Encodes a pub/sub message into `out` (use msg.cache to encode once per protocol). */
  protected abstract encodeMessage(msg: Message): void;
  /** Hands `out` to the transport. */
  abstract flush(): void;
  /** Closes the underlying connection. */
  protected abstract closeTransport(): void;
  /** Bytes accepted by the transport but not yet sent (kernel/uWS backpressure). */
  abstract transportBacklog(): number;
  /** CLIENT LIST fd= (-1 when the transport has none). */
  readonly fd: number = -1;

  /** Bytes of incomplete requests held (CLIENT LIST qbuf); transports that stream requests override. */
  queryBufferBytes(): number {
    return 0;
  }

  /** Cron: Redis's idle `timeout`; transports with more to check override it. */
  cronCheck(now: number, idleTimeoutMs: number): void {
    this.closeIfIdle(now, idleTimeoutMs);
  }

  // ---- request processing ---------------------------------------------------

  /** Runs requests batch[0, count) in order; stops while blocked or closing. */
  runBatch(batch: string[][], count = batch.length): void {
    if (count === 0) return;
    this.lastInteraction = this.server.clock.now();
    if (this.backlog !== null || (this.flags & (ClientFlag.BLOCKED | ClientFlag.CLOSE_AFTER_REPLY | ClientFlag.CLOSED)) !== 0) {
      this.queue(batch, 0, count);
      return;
    }
    this.inBatch = true;
    beginBatch();
    for (let i = 0; i < count; i++) {
      this.runOne(batch[i]);
      if ((this.flags & (ClientFlag.BLOCKED | ClientFlag.CLOSE_AFTER_REPLY | ClientFlag.CLOSED)) !== 0) {
        if (i + 1 < count) this.queue(batch, i + 1, count);
        break;
      }
    }
    endBatch();
    this.inBatch = false;
  }

  private queue(batch: string[][], from: number, count: number): void {
    if ((this.flags & (ClientFlag.CLOSE_AFTER_REPLY | ClientFlag.CLOSED)) !== 0) return; // never executed
    if (this.backlog === null) this.backlog = [];
    for (let i = from; i < count; i++) this.backlog.push(batch[i]);
  }

  private runOne(argv: string[]): void {
    if (argv === OVERSIZED_COMMAND) {
      this.reply(ERR_STRING_TOO_LONG);
      return;
    }
    const r = execute(this, argv);
    if (r !== BLOCKED) this.reply(r);
    this.server.afterCommand();
  }

  /** Sends a command's reply, honouring CLIENT REPLY OFF/SKIP. */
  reply(r: Reply): void {
    const f = this.flags;
    if ((f & (ClientFlag.REPLY_OFF | ClientFlag.REPLY_SKIP | ClientFlag.REPLY_SKIP_NEXT)) !== 0) {
      // SKIP silences exactly one command after CLIENT REPLY SKIP.
      if ((f & ClientFlag.REPLY_SKIP) !== 0) this.flags &= ~ClientFlag.REPLY_SKIP;
      if ((f & ClientFlag.REPLY_SKIP_NEXT) !== 0) this.flags = (this.flags & ~ClientFlag.REPLY_SKIP_NEXT) | ClientFlag.REPLY_SKIP;
      return;
    }
    if (r === NO_REPLY) return;
    this.encode(r);
  }

  push(r: Reply): void {
    if ((this.flags & ClientFlag.CLOSED) !== 0) return;
    if (this.pushCapture !== null) {
      this.pushCapture.push(r);
      return;
    }
    this.encode(r);
    if (!this.inBatch) markDirty(this);
  }

  deliver(msg: Message): void {
    if ((this.flags & ClientFlag.CLOSED) !== 0) return;
    if (this.pushCapture !== null) {
      // Inside our own EXEC: Redis writes the message inline, between the replies.
      const items: Reply[] = msg.pattern === null ? [msg.kind, msg.channel, msg.data] : [msg.kind, msg.pattern, msg.channel, msg.data];
      this.pushCapture.push(new PushReply(items));
      return;
    }
    this.encodeMessage(msg);
    if (!this.inBatch) markDirty(this);
  }

  // ---- blocking ---------------------------------------------------------------

  block(state: BlockState): void {
    this.flags |= ClientFlag.BLOCKED;
    this.blockState = state;
    this.server.blocking.add(this, state);
  }

  /** The command is done waiting: send its reply, then run what queued up behind it. */
  unblock(reply: Reply): void {
    if (this.blockState === null) return;
    this.server.blocking.remove(this, this.blockState);
    this.blockState = null;
    this.flags &= ~ClientFlag.BLOCKED;
    this.reply(reply);
    this.resume();
    markDirty(this);
  }

  get blocked(): BlockState | null {
    return this.blockState;
  }

  /** CLIENT PAUSE: parks this request, and everything after it, until unpostpone(). */
  postpone(argv: string[]): void {
    (this.backlog ??= []).unshift(argv);
    this.flags |= ClientFlag.BLOCKED;
  }

  /** Ends a postponement: runs the parked requests now. */
  unpostpone(): void {
    if (this.blockState !== null || (this.flags & ClientFlag.BLOCKED) === 0) return;
    this.flags &= ~ClientFlag.BLOCKED;
    this.resume();
    markDirty(this);
  }

  /** Runs requests that waited behind a blocking command. */
  private resume(): void {
    const backlog = this.backlog;
    if (backlog === null) return;
    this.backlog = null;
    this.runBatch(backlog);
  }

  // ---- lifecycle --------------------------------------------------------------

  closeAfterReply(): void {
    this.flags |= ClientFlag.CLOSE_AFTER_REPLY;
  }

  kill(reason: string): void {
    if ((this.flags & ClientFlag.CLOSED) !== 0) return;
    this.killReason = reason;
    this.flags |= ClientFlag.CLOSED;
    this.server.log('verbose', `Client id=${this.id} addr=${this.address} closed: ${reason}`);
    this.closeTransport();
    this.detach();
  }

  /**
   * Redis's `timeout` rule (cron): closes the client if it has been idle
   * longer than idleTimeoutMs and is neither blocked, subscribed nor
   * monitoring. Returns true if it closed it.
   */
  closeIfIdle(now: number, idleTimeoutMs: number): boolean {
    // Blocked covers clients parked by a blocking command and by CLIENT PAUSE alike, as in Redis.
    if (idleTimeoutMs <= 0 || now - this.lastInteraction <= idleTimeoutMs || (this.flags & ClientFlag.BLOCKED) !== 0) return false;
    if (isSubscriber(this) || (this.flags & ClientFlag.MONITOR) !== 0) return false;
    this.server.log('verbose', `Closing idle client id=${this.id}`);
    this.kill('idle timeout');
    return true;
  }

  /**
   * client-output-buffer-limit for this session's class: kills it over the
   * hard limit, or over the soft one for longer than soft-seconds. True if killed.
   */
  protected enforceOutputLimit(limit: BufferLimit): boolean {
    const pending = this.outputBytes();
    if (limit.hard > 0 && pending >= limit.hard) return this.overOutputLimit(pending);
    if (limit.soft > 0 && pending >= limit.soft) {
      const now = this.server.clock.now();
      if (this.softLimitSince === 0) this.softLimitSince = now;
      else if (now - this.softLimitSince > limit.softSeconds * 1000) return this.overOutputLimit(pending);
    } else this.softLimitSince = 0;
    return false;
  }

  private overOutputLimit(pending: number): true {
    this.server.stats.outputLimitDisconnections++;
    this.server.log('warning',
      `Client id=${this.id} addr=${this.address} scheduled to be closed ASAP for overcoming of output buffer limits (${pending} bytes).`);
    this.kill('output buffer limit');
    return true;
  }

  /** Removes every trace of the session from the server (idempotent). */
  detach(): void {
    this.flags |= ClientFlag.CLOSED;
    if (this.blockState !== null) {
      this.server.blocking.remove(this, this.blockState);
      this.blockState = null;
    }
    this.backlog = null;
    this.server.unregister(this);
    this.out.release();
  }

  /** Total bytes of output waiting (ours plus the transport's). */
  outputBytes(): number {
    return this.out.len + this.transportBacklog();
  }

  /** CLIENT LIST line. */
  describe(): string {
    const now = this.server.clock.now();
    let flags = '';
    if ((this.flags & ClientFlag.MULTI) !== 0) flags += 'x';
    if ((this.flags & ClientFlag.BLOCKED) !== 0) flags += 'b';
    if (isSubscriber(this)) flags += 'P';
    if ((this.flags & ClientFlag.MONITOR) !== 0) flags += 'O';
    if ((this.flags & ClientFlag.CLOSE_AFTER_REPLY) !== 0) flags += 'c';
    if ((this.flags & ClientFlag.DIRTY_CAS) !== 0) flags += 'd';
    if ((this.flags & ClientFlag.NO_EVICT) !== 0) flags += 'e';
    if ((this.flags & ClientFlag.NO_TOUCH) !== 0) flags += 'T';
    if (flags === '') flags = 'N';
    const qbuf = this.queryBufferBytes();
    const omem = this.outputBytes();
    const cmd = this.lastCommand;
    return (
      `id=${this.id} addr=${this.address} laddr=${this.localAddress} fd=${this.fd} name=${this.name} ` +
      `age=${Math.floor((now - this.createdAt) / 1000)} idle=${Math.floor((now - this.lastInteraction) / 1000)} ` +
      `flags=${flags} db=${this.db.index} sub=${this.channels.size} psub=${this.patterns.size} ` +
      `ssub=${this.shardChannels.size} multi=${this.multiQueue === null ? -1 : this.multiQueue.length} ` +
      `qbuf=${qbuf} qbuf-free=${this.queryBufferFree()} argv-mem=${this.argvBytes()} multi-mem=0 rbs=0 rbp=0 ` +
      `obl=${this.out.len} oll=0 omem=${omem} tot-mem=${qbuf + omem + 1024} events=r${omem > 0 ? 'w' : ''} ` +
      `cmd=${cmd} user=${this.user} redir=-1 resp=${this.resp} lib-name=${this.libName} lib-ver=${this.libVer} ` +
      `transport=${this.transport}`
    );
  }

  /** CLIENT LIST argv-mem=: arguments held for an incomplete command (transports that stream them override). */
  argvBytes(): number {
    return 0;
  }

  /** CLIENT LIST qbuf-free= (overridden by transports that keep a read buffer). */
  protected queryBufferFree(): number {
    return 0;
  }
}
