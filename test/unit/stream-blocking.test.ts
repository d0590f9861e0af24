// XREAD / XREADGROUP with BLOCK, in memory: what wakes a reader, what does not.
import { describe, expect, it } from 'vitest';
import { ErrorReply, MapReply, NULL_ARRAY, StatusReply, type Reply } from '../../protocols/reply.js';
import { BLOCKED, memoryServer, type MemorySession } from '../helpers/memory.js';

function setup() {
  const server = memoryServer();
  return { ...server, c: server.client(), r: server.client() };
}

/** Sends a command through the session (as a socket would) and returns what it has received since. */
function send(s: MemorySession, ...argv: string[]): () => Reply[] {
  const from = s.sent.length;
  s.runBatch([argv]);
  return () => s.sent.slice(from) as Reply[];
}

describe('blocking XREAD', () => {
  it('is woken by XADD on any of its keys, with that key only', () => {
    const { c, r } = setup();
    c.run('XADD', 'b', '5-0', 'old', 'x');
    const got = send(r, 'XREAD', 'BLOCK', '0', 'STREAMS', 'a', 'b', 'c', '$', '$', '$');
    expect(got()).toEqual([]);
    c.run('XADD', 'b', '6-0', 'new', 'y');
    expect(got()).toEqual([[['b', [['6-0', ['new', 'y']]]]]]);
  });

  it('is served from the key that became ready first', () => {
    const { c, r } = setup();
    const got = send(r, 'XREAD', 'BLOCK', '0', 'STREAMS', 'a', 'b', '$', '$');
    c.run('MULTI');
    c.run('XADD', 'b', '1-0', 'f', 'b');
    c.run('XADD', 'a', '1-0', 'f', 'a');
    c.run('EXEC');
    expect(got()).toEqual([[['b', [['1-0', ['f', 'b']]]]]]);
  });

  it('returns at once when data is already there', () => {
    const { c, r } = setup();
    c.run('XADD', 'a', '1-0', 'f', 'v');
    expect(r.run('XREAD', 'BLOCK', '0', 'STREAMS', 'a', '0')).toEqual([['a', [['1-0', ['f', 'v']]]]]);
  });

  it('is not woken by writes Redis does not signal (XDEL, XTRIM, XSETID, DEL then XADD in MULTI)', () => {
    const { c, r } = setup();
    c.run('XADD', 's', '1-0', 'f', 'v');
    c.run('XADD', 's', '2-0', 'f', 'v');
    const got = send(r, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    c.run('XDEL', 's', '1-0');
    c.run('XSETID', 's', '10-0');
    c.run('XTRIM', 's', 'MAXLEN', '0');
    expect(got()).toEqual([]);
    c.run('MULTI');
    c.run('XADD', 's', '11-0', 'old', 'x');
    c.run('DEL', 's');
    c.run('EXEC');
    expect(got()).toEqual([]);
    c.run('LPUSH', 's', 'x'); // another type: XREAD keeps waiting
    c.run('DEL', 's');
    c.run('XADD', 's', '3-0', 'new', 'y');
    expect(got()).toEqual([[['s', [['3-0', ['new', 'y']]]]]]);
  });

  it('serves all entries added in one transaction, COUNT permitting', () => {
    const { c, r, client } = setup();
    c.run('XADD', 's', '1-0', 'f', 'v');
    const all = send(r, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', 's', '$', '$');
    const counted = send(client(), 'XREAD', 'COUNT', '2', 'BLOCK', '0', 'STREAMS', 's', '$');
    c.run('MULTI');
    for (let i = 2; i <= 4; i++) c.run('XADD', 's', `${i}-0`, 'f', String(i));
    c.run('EXEC');
    expect(all()).toHaveLength(1);
    expect((all()[0] as Reply[][])).toHaveLength(1); // a key listed twice is served once
    expect((all()[0] as Reply[][])[0][1]).toHaveLength(3);
    expect((counted()[0] as Reply[][])[0][1]).toHaveLength(2);
  });

  it('pipelined commands behind a blocked read wait for it', () => {
    const { c, r } = setup();
    const from = r.sent.length;
    r.runBatch([['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'], ['PING']]);
    expect(r.sent.length).toBe(from);
    c.run('XADD', 's', '1-0', 'f', 'v');
    expect(r.sent.slice(from)).toEqual([[['s', [['1-0', ['f', 'v']]]]], new StatusReply('PONG')]);
  });

  it('does not block inside MULTI', () => {
    const { c } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    c.run('MULTI');
    c.run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    c.run('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    expect(c.run('EXEC')).toEqual([NULL_ARRAY, NULL_ARRAY]);
  });

  it('times out with a null array', async () => {
    const { r } = setup();
    const got = send(r, 'XREAD', 'BLOCK', '20', 'STREAMS', 's', '$');
    expect(got()).toEqual([]);
    await new Promise((done) => setTimeout(done, 80));
    expect(got()).toEqual([NULL_ARRAY]);
  });

  it('replies a map in RESP3', () => {
    const { c, r } = setup();
    r.run('HELLO', '3');
    const got = send(r, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    c.run('XADD', 's', '1-0', 'f', 'v');
    expect(got()).toEqual([new MapReply(['s', [['1-0', ['f', 'v']]]])]);
  });
});

describe('blocking XREADGROUP', () => {
  it('delivers to the first blocked consumer; the next keeps waiting', () => {
    const { c, r, client } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    const first = send(r, 'XREADGROUP', 'GROUP', 'g', 'Alice', 'BLOCK', '0', 'STREAMS', 's', '>');
    const r2 = client();
    const second = send(r2, 'XREADGROUP', 'GROUP', 'g', 'Bob', 'BLOCK', '0', 'STREAMS', 's', '>');
    c.run('XADD', 's', '1-0', 'f', 'v');
    expect(first()).toEqual([[['s', [['1-0', ['f', 'v']]]]]]);
    expect(second()).toEqual([]);
    expect(c.run('XPENDING', 's', 'g')).toEqual([1, '1-0', '1-0', [['Alice', '1']]]);
    c.run('XADD', 's', '2-0', 'f', 'w');
    expect(second()).toEqual([[['s', [['2-0', ['f', 'w']]]]]]);
  });

  it('XGROUP DESTROY releases readers with NOGROUP, counted as a failed call', () => {
    const { c, r, broker } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    // Command specs (and their stats) are shared by every broker in the process: compare deltas.
    const spec = broker.commands.get('xreadgroup')!;
    const [calls, failed] = [spec.stats.calls, spec.stats.failed];
    const got = send(r, 'XREADGROUP', 'GROUP', 'g', 'Alice', 'BLOCK', '0', 'STREAMS', 's', '>');
    c.run('XGROUP', 'DESTROY', 's', 'g');
    expect(got()).toEqual([new ErrorReply('NOGROUP the consumer group this client was blocked on no longer exists')]);
    expect(broker.stats.errors.get('NOGROUP')).toBe(1);
    expect(broker.stats.totalErrorReplies).toBe(1);
    expect([spec.stats.calls - calls, spec.stats.failed - failed]).toEqual([1, 1]);
  });

  it('a deleted or replaced key releases readers with UNBLOCKED', () => {
    for (const kill of [['DEL', 's'], ['SET', 's', 'x'], ['FLUSHALL']]) {
      const { c, r } = setup();
      c.run('XADD', 's', '1-0', 'f', 'v');
      c.run('XGROUP', 'CREATE', 's', 'g', '$');
      const got = send(r, 'XREADGROUP', 'GROUP', 'g', 'Alice', 'BLOCK', '0', 'STREAMS', 's', '>');
      c.run(...kill);
      expect(got()).toEqual([new ErrorReply('UNBLOCKED the stream key no longer exists')]);
    }
  });

  it('RENAME onto the key serves readers if the new stream has the group', () => {
    const { c, r } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    const got = send(r, 'XREADGROUP', 'GROUP', 'g', 'Alice', 'BLOCK', '0', 'STREAMS', 's', '>');
    c.run('XGROUP', 'CREATE', 't', 'g', '$', 'MKSTREAM');
    c.run('XADD', 't', '100', 'f1', 'v1');
    c.run('RENAME', 't', 's');
    expect(got()).toEqual([[['s', [['100-0', ['f1', 'v1']]]]]]);
  });

  it('a consumer is created only when something is delivered', () => {
    const { c, r } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    expect(r.run('XREADGROUP', 'GROUP', 'g', 'Alice', 'BLOCK', '0', 'STREAMS', 's', '>')).toBe(BLOCKED);
    expect(c.run('XINFO', 'CONSUMERS', 's', 'g')).toEqual([]);
  });
});
