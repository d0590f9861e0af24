import { describe, expect, it } from 'vitest';
import { memoryClient as server } from '../helpers/memory.js';
import { NULL_ARRAY, OK, QUEUED, type MapReply } from '../../protocols/reply.js';
import { ClientFlag } from '../../src/commands/types.js';
import { EVICT_RUNNING, evictionTimeLimitUs } from '../../src/core/eviction.js';
import { AccessTracker, batchTime } from '../../src/core/access.js';
import { text } from '../helpers/replies.js';
import { OOM_TEXT, alive, evictionServer, fill, info } from './eviction-helpers.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('OOM: deny-oom commands over the limit', () => {
  it('refuses deny-oom commands with Redis text, lets others run, counts rejections', () => {
    const { c } = evictionServer('noeviction');
    fill(c, 'k', 10);
    c.run('CONFIG', 'SET', 'maxmemory', '1');
    expect(text(c.run('SET', 'x', 'y'))).toBe(OOM_TEXT);
    expect(c.wire('LPUSH', 'l', 'a')).toBe(`-${OOM_TEXT}\r\n`);
    expect(text(c.run('APPEND', 'k1', 'z'))).toBe(OOM_TEXT);
    // Reads, deletes and admin commands still run.
    expect(c.run('GET', 'k1')).toBe('v'.repeat(100));
    expect(c.run('DEL', 'k1')).toBe(1);
    expect(c.run('PING')).toBeTruthy();
    expect(info(c, 'errorstat_OOM')).toBe('count=3');
    expect(info(c, 'cmdstat_set')).toMatch(/calls=10,.*rejected_calls=1,failed_calls=0/);
    expect(info(c, 'evicted_keys')).toBe('0');
    expect(Number(info(c, 'current_eviction_exceeded_time'))).toBeGreaterThanOrEqual(0);
    // Back under the limit: accepted again.
    c.run('CONFIG', 'SET', 'maxmemory', '0');
    expect(c.run('SET', 'x', 'y')).toBe(OK);
    expect(info(c, 'current_eviction_exceeded_time')).toBe('0');
  });

  it('volatile policies with no volatile keys behave like noeviction', () => {
    for (const policy of ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl']) {
      const { c, broker } = evictionServer(policy);
      fill(c, 'k', 10);
      c.run('CONFIG', 'SET', 'maxmemory', '1');
      expect(text(c.run('SET', 'x', 'y'))).toBe(OOM_TEXT);
      expect(broker.dbs[0].size).toBe(10);
    }
  });

  it('evicts every volatile key first, then refuses', () => {
    const { c, broker, evicted } = evictionServer('volatile-lru');
    fill(c, 'p', 5);
    const volatile = fill(c, 'v', 5, 100, 100);
    c.run('CONFIG', 'SET', 'maxmemory', '1');
    expect(text(c.run('SET', 'x', 'y'))).toBe(OOM_TEXT);
    expect(alive(c, volatile)).toEqual([]);
    expect(broker.dbs[0].size).toBe(5);
    expect(evicted().sort()).toEqual(volatile.sort());
  });

  it('a limit set with CONFIG SET is enforced on the next loop turn without any command', async () => {
    const { c, broker, evicted } = evictionServer('allkeys-random');
    fill(c, 'k', 3);
    expect(c.run('CONFIG', 'SET', 'maxmemory', '1')).toBe(OK);
    // Not inside CONFIG SET itself (a MULTI running it still sees its keys) ...
    expect(broker.dbs[0].size).toBe(3);
    await tick();
    expect(broker.dbs[0].size).toBe(0);
    expect(evicted().length).toBe(3);
  });

  it('does not evict while clients are paused', () => {
    const { c, broker } = evictionServer('allkeys-random');
    fill(c, 'k', 5);
    c.run('CLIENT', 'PAUSE', '100000', 'WRITE');
    c.run('CONFIG', 'SET', 'maxmemory', '1');
    c.run('GET', 'k1');
    expect(broker.dbs[0].size).toBe(5);
    c.run('CLIENT', 'UNPAUSE');
    c.run('GET', 'k1');
    expect(broker.dbs[0].size).toBe(0);
  });

  it('evicted keys wake WATCH like deletions', () => {
    const { c, client } = evictionServer('allkeys-random');
    fill(c, 'k', 5);
    const w = client();
    w.run('WATCH', 'k3');
    w.run('MULTI');
    w.run('PING');
    c.run('CONFIG', 'SET', 'maxmemory', '1');
    c.run('GET', 'k0');
    // EXEC is not deny-oom and its queue holds nothing deny-oom: it runs, but the watched key was evicted.
    expect(w.run('EXEC')).toBe(NULL_ARRAY);
  });

  it('tenacity bounds one eviction cycle; a background job finishes it and commands are not refused meanwhile', async () => {
    expect(evictionTimeLimitUs(0)).toBe(0);
    expect(evictionTimeLimitUs(10)).toBe(500);
    expect(evictionTimeLimitUs(11)).toBe(575);
    expect(evictionTimeLimitUs(100)).toBe(Infinity);
    const { c, broker } = evictionServer('allkeys-random', { 'maxmemory-eviction-tenacity': '0' });
    fill(c, 'k', 100);
    broker.config.setMany([['maxmemory', ['1']]]);
    // 16 keys per time check, no time allowed: one batch of 16 per command.
    expect(broker.memory.evict()).toBe(EVICT_RUNNING);
    expect(broker.dbs[0].size).toBe(84);
    expect(c.run('SET', 'x', 'y')).toBe(OK);
    for (let i = 0; i < 20 && broker.dbs[0].size > 0; i++) await tick();
    expect(broker.dbs[0].size).toBe(0);
    expect(text(c.run('SET', 'x', 'y'))).toBe(OOM_TEXT);
  });
});

describe('OOM and MULTI/EXEC (unit/multi.tcl)', () => {
  it('queuing while over the limit is refused and EXEC then aborts (EXEC fails if there are errors while queueing #2)', () => {
    const { c, client } = server();
    const other = client();
    c.run('MULTI');
    expect(c.run('SET', 'foo1', 'bar1')).toBe(QUEUED);
    other.run('CONFIG', 'SET', 'maxmemory', '1');
    expect(text(c.run('LPUSH', 'mylist', 'myvalue'))).toBe(OOM_TEXT);
    // Even non deny-oom commands cannot be queued over the limit.
    expect(text(c.run('GET', 'foo1'))).toBe(OOM_TEXT);
    other.run('CONFIG', 'SET', 'maxmemory', '0');
    expect(c.run('SET', 'foo2', 'bar2')).toBe(QUEUED);
    expect(text(c.run('EXEC'))).toBe('EXECABORT Transaction discarded because of previous errors.');
    expect(c.run('EXISTS', 'foo1', 'foo2')).toBe(0);
  });

  it('DISCARD is allowed over the limit', () => {
    const { c, client } = server();
    client().run('CONFIG', 'SET', 'maxmemory', '1');
    c.run('MULTI');
    expect(text(c.run('SET', 'x', '1'))).toBe(OOM_TEXT);
    expect(c.run('DISCARD')).toBe(OK);
    expect(c.flags & ClientFlag.MULTI).toBe(0);
  });

  it('EXEC with only read commands runs when over the limit', () => {
    const { c, client } = server();
    c.run('SET', 'x', 'value');
    c.run('MULTI');
    c.run('GET', 'x');
    c.run('PING');
    client().run('CONFIG', 'SET', 'maxmemory', '1');
    expect(c.wire('EXEC')).toBe('*2\r\n$5\r\nvalue\r\n+PONG\r\n');
  });

  it('EXEC with a deny-oom command is aborted with the OOM reason', () => {
    const { c, client } = server();
    const other = client();
    other.run('MONITOR');
    c.run('MULTI');
    c.run('SET', 'x', '1');
    c.run('GET', 'x');
    const admin = client();
    admin.run('CONFIG', 'SET', 'maxmemory', '1');
    // Command stats live in the shared command table: compare before and after.
    const execStats = () => {
      const t = (admin.run('INFO', 'commandstats') as { text: string }).text;
      const m = /cmdstat_exec:calls=(\d+),.*rejected_calls=(\d+)/.exec(t);
      return m === null ? [0, 0] : [Number(m[1]), Number(m[2])];
    };
    const before = execStats();
    const r = text(c.run('EXEC')) as string;
    expect(r).toBe(`EXECABORT Transaction discarded because of: ${OOM_TEXT}`);
    expect(r).toMatch(/^EXECABORT.*OOM/);
    expect(c.flags & ClientFlag.MULTI).toBe(0);
    expect(c.run('GET', 'x')).toBe(null);
    expect(info(c, 'errorstat_EXECABORT')).toBe('count=1');
    const after = execStats();
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([0, 1]);
    // MONITOR sees the aborted EXEC, as in Redis.
    expect(other.sent.some((m) => String((m as { text?: string }).text ?? '').includes('"EXEC"'))).toBe(true);
  });

  it('EXEC outside MULTI keeps its own error when over the limit', () => {
    const { c } = server({ maxmemory: '1' });
    expect(text(c.run('EXEC'))).toBe('ERR EXEC without MULTI');
  });

  it('a transaction that sets maxmemory itself runs to the end (eviction waits for the next turn)', async () => {
    const { c, broker } = server({ 'maxmemory-policy': 'allkeys-lru' });
    c.run('MULTI');
    c.run('INCR', 'x');
    c.run('CONFIG', 'SET', 'maxmemory', '1');
    c.run('INCR', 'x');
    expect(c.run('EXEC')).toEqual([1, OK, 2]);
    await tick();
    expect(broker.dbs[0].size).toBe(0);
  });
});

describe('OBJECT IDLETIME / FREQ and CLIENT NO-TOUCH', () => {
  it('FREQ needs an LFU policy, IDLETIME refuses under LFU (Redis errors)', () => {
    const { c } = server();
    c.run('SET', 'k', 'v');
    expect(text(c.run('OBJECT', 'FREQ', 'k'))).toBe('ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.');
    expect(c.run('OBJECT', 'FREQ', 'missing')).toBe(null);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    expect(text(c.run('OBJECT', 'IDLETIME', 'k'))).toBe('ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.');
    c.run('SET', 'new', 'v');
    expect(c.run('OBJECT', 'FREQ', 'new')).toBe(5);
  });

  it('LFU counters grow with lfu-log-factor 0 and decay per lfu-decay-time minutes', () => {
    const { c, clock } = server({ 'maxmemory-policy': 'allkeys-lfu', 'lfu-log-factor': '0' });
    c.run('SET', 'k', 'v');
    for (let i = 0; i < 10; i++) c.run('GET', 'k');
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(15);
    clock.advance(3 * 60_000);
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(12);
    c.run('CONFIG', 'SET', 'lfu-decay-time', '0');
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(15);
    c.run('CONFIG', 'SET', 'lfu-decay-time', '1');
    expect((c.run('CONFIG', 'GET', 'lfu-*') as MapReply).entries).toEqual(['lfu-log-factor', '0', 'lfu-decay-time', '1']);
  });

  it('OBJECT and NO-TOUCH clients leave idle times alone; TOUCH still touches', () => {
    const { c, client, clock } = server({ 'maxmemory-policy': 'allkeys-lru' });
    c.run('SET', 'k', 'v');
    clock.advance(10_000);
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(10);
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(10);
    const nt = client();
    expect(nt.run('CLIENT', 'NO-TOUCH', 'ON')).toBe(OK);
    expect(nt.run('GET', 'k')).toBe('v');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(10);
    nt.run('MULTI');
    nt.run('GET', 'k');
    nt.run('EXEC');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(10);
    expect(nt.run('TOUCH', 'k')).toBe(1);
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(0);
    clock.advance(5000);
    c.run('GET', 'k');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(0);
  });

  it('on the system clock, access stamps come from the batch clock (one clock read per batch)', () => {
    let now = 100_000;
    const batched = new AccessTracker(false, () => now, true);
    const direct = new AccessTracker(false, () => now);
    batchTime.ms = 160_000;
    batched.touch('k');
    direct.touch('k');
    batchTime.ms = NaN;
    now = 200_000;
    expect(batched.idleSeconds('k')).toBe(40);
    expect(direct.idleSeconds('k')).toBe(100);
  });

  it('CONFIG knobs: samples beyond 64, tenacity range', () => {
    const { c } = server();
    expect(c.run('CONFIG', 'SET', 'maxmemory-samples', '100')).toBe(OK);
    expect(c.run('CONFIG', 'SET', 'maxmemory-eviction-tenacity', '100')).toBe(OK);
    expect(text(c.run('CONFIG', 'SET', 'maxmemory-eviction-tenacity', '101'))).toMatch(/^ERR CONFIG SET failed/);
    expect((c.run('CONFIG', 'GET', 'maxmemory-eviction-tenacity') as MapReply).entries).toEqual(['maxmemory-eviction-tenacity', '100']);
  });
});
