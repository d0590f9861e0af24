// TTL commands and expiry (lazy and active) on a FakeClock.
import { describe, expect, it } from 'vitest';
import { memoryServer, memoryClient as setup } from '../helpers/memory.js';
import { FakeClock } from '../../src/core/clock.js';
import { recordEvents } from './keys-helpers.js';
import { text as err } from '../helpers/replies.js';

describe('EXPIRE family', () => {
  it('sets relative and absolute deadlines in s and ms', () => {
    const { c, clock } = setup();
    const now = clock.now();
    c.run('SET', 'k', 'v');
    expect(c.run('EXPIRE', 'k', '100')).toBe(1);
    expect(c.run('PEXPIRETIME', 'k')).toBe(now + 100_000);
    expect(c.run('PEXPIRE', 'k', '1500')).toBe(1);
    expect(c.run('PTTL', 'k')).toBe(1500);
    expect(c.run('TTL', 'k')).toBe(2); // rounded as Redis: (1500 + 500) / 1000
    expect(c.run('EXPIREAT', 'k', String(Math.floor(now / 1000) + 50))).toBe(1);
    expect(c.run('EXPIRETIME', 'k')).toBe(Math.floor(now / 1000) + 50);
    expect(c.run('PEXPIREAT', 'k', String(now + 777))).toBe(1);
    expect(c.run('PEXPIRETIME', 'k')).toBe(now + 777);
    expect(c.run('EXPIRETIME', 'k')).toBe(Math.floor((now + 777 + 500) / 1000));
  });
  it('returns 0 for a missing key, whatever the flags', () => {
    const { c } = setup();
    for (const f of [[], ['NX'], ['XX'], ['GT'], ['LT']]) expect(c.run('EXPIRE', 'none', '100', ...f)).toBe(0);
  });
  it('applies NX XX GT LT as Redis', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v', 'EX', '100');
    expect(c.run('EXPIRE', 'k', '200', 'NX')).toBe(0);
    expect(c.run('EXPIRE', 'k', '200', 'XX')).toBe(1);
    expect(c.run('EXPIRE', 'k', '100', 'GT')).toBe(0);
    expect(c.run('EXPIRE', 'k', '300', 'GT')).toBe(1);
    expect(c.run('EXPIRE', 'k', '400', 'LT')).toBe(0);
    expect(c.run('EXPIRE', 'k', '50', 'LT', 'XX')).toBe(1);
    expect(c.run('TTL', 'k')).toBe(50);
    c.run('SET', 'p', 'v');
    expect(c.run('EXPIRE', 'p', '200', 'XX')).toBe(0);
    expect(c.run('EXPIRE', 'p', '200', 'GT')).toBe(0); // no TTL = infinite
    expect(c.run('EXPIRE', 'p', '200', 'LT')).toBe(1);
    c.run('PERSIST', 'p');
    expect(c.run('EXPIRE', 'p', '200', 'NX')).toBe(1);
  });
  it('rejects bad options with Redis errors (options checked before the number)', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v');
    expect(err(c.run('EXPIRE', 'k', '10', 'LT', 'GT'))).toBe('ERR GT and LT options at the same time are not compatible');
    for (const f of [['NX', 'GT'], ['NX', 'LT'], ['NX', 'XX']]) {
      expect(err(c.run('EXPIRE', 'k', '10', ...f))).toBe('ERR NX and XX, GT or LT options at the same time are not compatible');
    }
    expect(err(c.run('EXPIRE', 'k', '10', 'XX', 'ab'))).toBe('ERR Unsupported option ab');
    expect(err(c.run('EXPIRE', 'k', 'x', 'ab'))).toBe('ERR Unsupported option ab');
    expect(err(c.run('EXPIRE', 'k', ''))).toBe('ERR value is not an integer or out of range');
    expect(err(c.run('EXPIRE', 'k', '1.5'))).toBe('ERR value is not an integer or out of range');
  });
  it('detects int64 overflow exactly as Redis', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v');
    for (const v of ['9223370399119966', '9223372036854776', '10000000000000000', '18446744073709561', '-9223372036854776', '-9999999999999999']) {
      expect(err(c.run('EXPIRE', 'k', v)), v).toBe("ERR invalid expire time in 'expire' command");
    }
    expect(err(c.run('PEXPIRE', 'k', '9223372036854770000'))).toBe("ERR invalid expire time in 'pexpire' command");
    expect(err(c.run('expireat', 'k', '9223372036854776'))).toBe("ERR invalid expire time in 'expireat' command");
    expect(c.run('TTL', 'k')).toBe(-1);
    expect(c.run('PEXPIREAT', 'k', '9223372036854770000')).toBe(1);
    expect(c.run('EXPIRE', 'k', '9223370036854775', 'LT')).toBe(1); // big but within range
    c.run('PEXPIREAT', 'k', '-9223372036854770000');
    expect(c.run('EXISTS', 'k')).toBe(0);
  });
  it('deletes the key for a deadline not in the future, firing del', () => {
    const s = setup();
    const ev = recordEvents(s);
    s.c.run('SET', 'k', 'v');
    expect(s.c.run('EXPIRE', 'k', '-10', 'LT')).toBe(1);
    expect(s.c.run('TTL', 'k')).toBe(-2);
    s.c.run('SET', 'k2', 'v');
    expect(s.c.run('PEXPIREAT', 'k2', String(s.clock.now()))).toBe(1);
    expect(s.c.run('EXISTS', 'k2')).toBe(0);
    expect(ev).toEqual(['set k@0', 'del k@0', 'set k2@0', 'del k2@0']);
    expect(s.broker.stats.expiredKeys).toBe(0);
  });
  it('fires expire and persist events', () => {
    const s = setup();
    const ev = recordEvents(s);
    s.c.run('SET', 'k', 'v');
    s.c.run('EXPIRE', 'k', '10');
    expect(s.c.run('PERSIST', 'k')).toBe(1);
    expect(s.c.run('PERSIST', 'k')).toBe(0);
    expect(s.c.run('PERSIST', 'none')).toBe(0);
    expect(ev).toEqual(['set k@0', 'expire k@0', 'persist k@0']);
  });
});

describe('TTL family', () => {
  it('answers -2 for missing, -1 without TTL', () => {
    const { c } = setup();
    for (const cmd of ['TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME']) expect(c.run(cmd, 'none')).toBe(-2);
    c.run('SET', 'k', 'v');
    for (const cmd of ['TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME']) expect(c.run(cmd, 'k')).toBe(-1);
  });
  it('counts down with the clock and reports 0 at the deadline itself', () => {
    const { c, clock } = setup();
    c.run('SET', 'k', 'v', 'PX', '2000');
    clock.advance(1499);
    expect(c.run('PTTL', 'k')).toBe(501);
    expect(c.run('TTL', 'k')).toBe(1);
    clock.advance(1);
    expect(c.run('TTL', 'k')).toBe(1); // 500 ms rounds up
    clock.advance(1);
    expect(c.run('TTL', 'k')).toBe(0);
  });
});

describe('expiry', () => {
  it('is lazy on access: expired event, stats, key gone', () => {
    const s = setup();
    const ev = recordEvents(s, 'Ex');
    s.c.run('SET', 'k', 'v', 'PX', '100');
    s.clock.advance(101);
    expect(s.c.run('GET', 'k')).toBe(null);
    expect(ev).toEqual(['expired k@0']);
    expect(s.broker.stats.expiredKeys).toBe(1);
    expect(s.c.run('DBSIZE')).toBe(0);
  });
  it('is active in the cron: every due key, in every db, with events', () => {
    const s = setup();
    const ev = recordEvents(s, 'Ex');
    for (let i = 0; i < 100; i++) s.c.run('SET', `k${i}`, 'v', 'PX', String(100 + i));
    s.c.run('SELECT', '5');
    s.c.run('SET', 'other', 'v', 'PX', '50');
    s.c.run('SET', 'keep', 'v');
    s.clock.advance(150);
    s.broker.cron();
    // Deadlines 100..149 have passed; 150 is alive during its own millisecond, as in Redis.
    expect(s.broker.dbs[0].size).toBe(50);
    expect(s.broker.dbs[5].size).toBe(1);
    expect(ev.length).toBe(51);
    expect(ev[0]).toBe('expired k0@0');
    expect(ev).toContain('expired other@5');
    expect(s.broker.stats.expiredKeys).toBe(51);
    s.clock.advance(1000);
    s.broker.cron();
    expect(s.broker.dbs[0].size).toBe(0);
    expect(s.broker.stats.expiredKeys).toBe(101);
  });
  it('keeps each cron tick within its time budget and catches up over later ticks', () => {
    // A clock that moves 1 ms whenever it is read while `ticking`: expiry work "takes time".
    class SlowClock extends FakeClock {
      ticking = false;
      override now(): number {
        if (this.ticking) this.advance(1);
        return super.now();
      }
    }
    const clock = new SlowClock();
    const s = memoryServer({}, clock);
    const c = s.client();
    for (let i = 0; i < 5000; i++) c.run('SET', `k${i}`, 'v', 'PX', '10');
    clock.advance(20);
    clock.ticking = true;
    s.broker.cron(100);
    const first = s.broker.stats.expiredKeys;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(5000);
    let ticks = 1;
    while (s.broker.dbs[0].size > 0 && ticks < 1000) {
      s.broker.cron(100);
      ticks++;
    }
    expect(s.broker.dbs[0].size).toBe(0);
    expect(s.broker.stats.expiredKeys).toBe(5000);
    expect(ticks).toBeGreaterThan(1);
  });
  it('ignores stale deadlines left by PERSIST, EXPIRE updates and deletions', () => {
    const s = setup();
    s.c.run('SET', 'a', 'v', 'PX', '100');
    s.c.run('PERSIST', 'a');
    s.c.run('SET', 'b', 'v', 'PX', '100');
    s.c.run('PEXPIRE', 'b', '10000');
    s.c.run('SET', 'c', 'v', 'PX', '100');
    s.c.run('DEL', 'c');
    s.c.run('SET', 'c', 'new');
    s.clock.advance(200);
    s.broker.cron();
    expect(s.broker.stats.expiredKeys).toBe(0);
    expect(s.c.run('DBSIZE')).toBe(3);
    expect(s.c.run('PTTL', 'b')).toBe(9800);
  });
  it('EXPIRE does not resurrect an expired key', () => {
    const { c, clock } = setup();
    c.run('SET', 'foo', 'bar');
    c.run('PEXPIRE', 'foo', '500');
    clock.advance(1000);
    expect(c.run('EXPIRE', 'foo', '10')).toBe(0);
    expect(c.run('EXISTS', 'foo')).toBe(0);
  });
  it('SET without KEEPTTL removes the TTL, RENAME carries it', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v', 'EX', '100');
    c.run('SET', 'k', 'w');
    expect(c.run('TTL', 'k')).toBe(-1);
  });
});
