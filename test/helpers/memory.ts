// In-memory command testing: a real Broker and sessions without sockets.
import { Broker } from '../../src/broker/index.js';
import { Config } from '../../src/config/index.js';
import { FakeClock, type Clock } from '../../src/core/clock.js';
import { Message } from '../../src/core/pubsub.js';
import { execute } from '../../src/commands/dispatch.js';
import { BLOCKED, type Blocked } from '../../src/commands/types.js';
import { Session } from '../../src/net/session.js';
import { OutBuf } from '../../protocols/outbuf.js';
import { encodeReply } from '../../protocols/resp/encoder.js';
import { ExecReply, type Reply } from '../../protocols/reply.js';

/** A session with no transport: replies and pushes are recorded. */
export class MemorySession extends Session {
  /** Everything sent to this client in order: command replies, pushes, messages. */
  readonly sent: Array<Reply | Message> = [];

  protected encode(reply: Reply): void {
    this.sent.push(reply);
  }
  protected encodeMessage(msg: Message): void {
    this.sent.push(msg);
  }
  flush(): void {}
  protected closeTransport(): void {}
  transportBacklog(): number {
    return 0;
  }

  /**
   * Executes one command and returns its reply as the handler produced it
   * (BLOCKED if parked). EXEC's inline sequence comes back as the array of
   * its items; use wire() to see its header.
   */
  run(...argv: string[]): Reply | Blocked {
    const r = execute(this, argv);
    this.server.afterCommand();
    return r instanceof ExecReply ? r.items : r;
  }

  /** Executes one command through the full session path and returns the RESP bytes it produced. */
  wire(...argv: string[]): string {
    const before = this.sent.length;
    this.runBatch([argv]);
    const out = new OutBuf();
    for (const r of this.sent.slice(before)) {
      if (typeof r === 'object' && r !== null && 'kind' in r && typeof (r as { kind: unknown }).kind === 'string') continue;
      encodeReply(out, r as Reply, this.resp === 3);
    }
    return out.view().toString('latin1');
  }
}

export interface MemoryServer {
  broker: Broker;
  clock: FakeClock;
  /** A new connected client. */
  client(): MemorySession;
}

/** A Broker on a FakeClock (unless a clock is given) with config overrides applied. */
export function memoryServer(options: Record<string, string> = {}, clock: Clock = new FakeClock()): MemoryServer {
  const config = new Config();
  const pairs: Array<[string, string[]]> = [['loglevel', ['warning']]];
  for (const [k, v] of Object.entries(options)) pairs.push([k, [v]]);
  const e = config.setMany(pairs, true);
  if (e !== null) throw new Error(e);
  const broker = new Broker(config, { clock });
  return {
    broker,
    clock: clock as FakeClock,
    client: () => {
      const s = new MemorySession(broker, 'tcp', '127.0.0.1:50000', '127.0.0.1:6379');
      broker.register(s);
      return s;
    },
  };
}

/** A memoryServer with config overrides and its first client, `c`. */
export function memoryClient(options: Record<string, string> = {}): MemoryServer & { c: MemorySession } {
  const s = memoryServer(options);
  return { ...s, c: s.client() };
}

/**
 * A memoryServer whose first client listens on every keyspace channel; `c` is a
 * second client and `events()` the event names published so far, in order.
 */
export function keyspaceListener(options: Record<string, string> = { 'notify-keyspace-events': 'KEAn' }) {
  const server = memoryServer(options);
  const sub = server.client();
  server.broker.pubsub.psubscribe(sub, '__keyspace@*');
  const events = () => sub.sent.filter((m): m is Message => m instanceof Message).map((m) => m.data);
  return { ...server, c: server.client(), events };
}

export { BLOCKED };
