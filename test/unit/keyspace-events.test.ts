// notify-keyspace-events in memory: every class flag and combination as
// CONFIG SET/GET shows them, and which channels each class publishes on.
import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { MapReply } from '../../protocols/reply.js';
import { Message } from '../../src/core/pubsub.js';
import { formatNotifyFlags, parseNotifyFlags, NotifyClass, NOTIFY_ALL } from '../../src/core/notify.js';
import { text } from '../helpers/replies.js';

/** CONFIG GET notify-keyspace-events (a map reply). */
const getFlags = (c: { run(...a: string[]): unknown }) => (c.run('CONFIG', 'GET', 'notify-keyspace-events') as MapReply).entries[1];

describe('notify-keyspace-events flags', () => {
  it('CONFIG SET then GET formats flags as Redis 7.0 does (checked against redis-server)', () => {
    const { client } = memoryServer();
    const c = client();
    const cases: Array<[string, string]> = [
      ['', ''], ['K', 'K'], ['E', 'E'], ['gKE', 'gKE'], ['$lshzxeKE', '$lshzxeKE'], ['KA', 'AK'], ['EA', 'AE'],
      ['Ag$lshzxetd', 'A'], ['AKEmn', 'AKEm'], ['nm', 'nm'], ['mn', 'nm'], ['tdK', 'tdK'], ['x', 'x'], ['e', 'e'],
      ['KEg$lshzxetmnd', 'AKEm'], ['g$lshzxetdn', 'A'], ['g$lshzxet', 'g$lshzxet'],
    ];
    for (const [input, shown] of cases) {
      expect(text(c.run('CONFIG', 'SET', 'notify-keyspace-events', input))).toBe('OK');
      expect(getFlags(c), input).toBe(shown);
    }
    expect(text(c.run('CONFIG', 'SET', 'notify-keyspace-events', 'Kq'))).toBe(
      "ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
    expect(getFlags(c)).toBe('g$lshzxet');
  });

  it('parse and format agree with Redis for every single letter', () => {
    const letters: Record<string, number> = {
      K: NotifyClass.KEYSPACE, E: NotifyClass.KEYEVENT, g: NotifyClass.GENERIC, $: NotifyClass.STRING, l: NotifyClass.LIST,
      s: NotifyClass.SET, h: NotifyClass.HASH, z: NotifyClass.ZSET, x: NotifyClass.EXPIRED, e: NotifyClass.EVICTED,
      t: NotifyClass.STREAM, m: NotifyClass.KEY_MISS, d: NotifyClass.MODULE, n: NotifyClass.NEW,
    };
    for (const [ch, bit] of Object.entries(letters)) {
      expect(parseNotifyFlags(ch)).toBe(bit);
      expect(formatNotifyFlags(bit)).toBe(ch);
    }
    // 'A' is every class but m and n; when all are present A stands for them.
    expect(parseNotifyFlags('A')).toBe(NOTIFY_ALL);
    expect(NOTIFY_ALL & (NotifyClass.KEY_MISS | NotifyClass.NEW)).toBe(0);
    expect(formatNotifyFlags(NOTIFY_ALL | NotifyClass.NEW)).toBe('A');
    expect(parseNotifyFlags('Kq')).toBeNull();
  });
});

describe('keyspace event delivery per class', () => {
  /** Runs cmds with flags set and returns "channel data" of every event a PSUBSCRIBE * client got. */
  function events(flags: string, cmds: string[][], db = 0): string[] {
    const { client } = memoryServer();
    const sub = client();
    const c = client();
    c.run('SELECT', String(db));
    c.run('CONFIG', 'SET', 'notify-keyspace-events', flags);
    sub.run('PSUBSCRIBE', '*');
    for (const cmd of cmds) c.run(...cmd);
    return sub.sent.filter((m): m is Message => m instanceof Message).map((m) => `${m.channel} ${m.data}`);
  }

  const script = [
    ['SET', 'str', 'v'], ['LPUSH', 'list', 'a'], ['SADD', 'set', 'a'], ['HSET', 'hash', 'f', 'v'], ['ZADD', 'zset', '1', 'a'],
    ['XADD', 'stream', '1-1', 'f', 'v'], ['EXPIRE', 'str', '100'], ['DEL', 'list'], ['GET', 'nokey'],
  ];

  it('each class alone publishes only its own events (keyspace channel)', () => {
    expect(events('K$', script)).toEqual(['__keyspace@0__:str set']);
    expect(events('Kl', script)).toEqual(['__keyspace@0__:list lpush']);
    expect(events('Ks', script)).toEqual(['__keyspace@0__:set sadd']);
    expect(events('Kh', script)).toEqual(['__keyspace@0__:hash hset']);
    expect(events('Kz', script)).toEqual(['__keyspace@0__:zset zadd']);
    expect(events('Kt', script)).toEqual(['__keyspace@0__:stream xadd']);
    expect(events('Kg', script)).toEqual(['__keyspace@0__:str expire', '__keyspace@0__:list del']);
    expect(events('Km', script)).toEqual(['__keyspace@0__:nokey keymiss']);
    expect(events('Kn', script)).toEqual(['str', 'list', 'set', 'hash', 'zset', 'stream'].map((k) => `__keyspace@0__:${k} new`));
    expect(events('Kd', script)).toEqual([]);
    expect(events('Kx', script)).toEqual([]);
    expect(events('Ke', script)).toEqual([]);
  });

  it('K or E alone publish nothing; E uses the keyevent channel; the db index is in the channel', () => {
    expect(events('A', script)).toEqual([]);
    expect(events('K', script)).toEqual([]);
    expect(events('E$', [['SET', 'k', 'v']], 7)).toEqual(['__keyevent@7__:set k']);
    expect(events('KE$', [['SET', 'k', 'v']], 3)).toEqual(['__keyspace@3__:k set', '__keyevent@3__:set k']);
    expect(events('KEA', [['SET', 'k', 'v'], ['GET', 'x']])).toEqual(['__keyspace@0__:k set', '__keyevent@0__:set k']);
  });

  it('expired events come from lazy and active expiry', () => {
    const { client, clock, broker } = memoryServer();
    const sub = client();
    const c = client();
    c.run('CONFIG', 'SET', 'notify-keyspace-events', 'Ex');
    sub.run('PSUBSCRIBE', '*');
    c.run('SET', 'lazy', 'v', 'PX', '10');
    c.run('SET', 'active', 'v', 'PX', '10');
    clock.advance(20);
    c.run('GET', 'lazy');
    broker.cron(100);
    const got = sub.sent.filter((m): m is Message => m instanceof Message).map((m) => `${m.channel} ${m.data}`);
    expect(got).toEqual(['__keyevent@0__:expired lazy', '__keyevent@0__:expired active']);
  });

  it('binary keys travel unchanged in channel and payload', () => {
    expect(events('KE$', [['SET', 'k\x00\xff', 'v']])).toEqual(['__keyspace@0__:k\x00\xff set', '__keyevent@0__:set k\x00\xff']);
  });
});
