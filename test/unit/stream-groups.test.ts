// Consumer groups in memory on a FakeClock: XGROUP XREADGROUP XACK XPENDING XCLAIM XAUTOCLAIM XINFO.
import { describe, expect, it } from 'vitest';
import { MapReply, NULL_ARRAY, OK, StatusReply } from '../../protocols/reply.js';
import { memoryServer } from '../helpers/memory.js';
import { errText } from '../helpers/replies.js';

/** A RESP map reply as a plain object (values untouched). */
const obj = (r: unknown) => {
  const e = (r as MapReply).entries;
  const o: Record<string, unknown> = {};
  for (let i = 0; i < e.length; i += 2) o[e[i] as string] = e[i + 1];
  return o;
};

function setup() {
  const { client, clock, broker } = memoryServer();
  const c = client();
  for (let i = 1; i <= 5; i++) c.run('XADD', 's', `${i}-0`, 'f', String(i));
  return { c, clock, broker, client };
}

describe('XGROUP', () => {
  it('creates groups, with MKSTREAM and ENTRIESREAD, and refuses duplicates', () => {
    const { c } = setup();
    expect(c.run('XGROUP', 'CREATE', 's', 'g', '$')).toBe(OK);
    expect(errText(c.run('XGROUP', 'CREATE', 's', 'g', '$'))).toBe('BUSYGROUP Consumer Group name already exists');
    expect(errText(c.run('XGROUP', 'CREATE', 'nokey', 'g', '$'))).toBe(
      'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.');
    expect(c.run('XGROUP', 'CREATE', 'nokey', 'g', '$', 'MKSTREAM')).toBe(OK);
    expect(c.run('TYPE', 'nokey')).toEqual(new StatusReply('stream'));
    expect(c.run('XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', '3')).toBe(OK);
    expect(errText(c.run('XGROUP', 'CREATE', 's', 'g3', '0', 'ENTRIESREAD', '-2'))).toBe('ERR value for ENTRIESREAD must be positive or -1');
    expect(errText(c.run('XGROUP', 'CREATE', 's', 'g3', '0', 'FOO'))).toBe(
      "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.");
    expect(errText(c.run('XGROUP', 'CREATE', 's', 'g3', '-'))).toBe('ERR Invalid stream ID specified as stream command argument');
    const groups = (c.run('XINFO', 'GROUPS', 's') as MapReply[]).map(obj);
    expect(groups.map((g) => [g.name, g['last-delivered-id'], g['entries-read'], g.lag])).toEqual([
      ['g', '5-0', null, 0],
      ['g2', '0-0', 3, 2],
    ]);
  });

  it('SETID, DESTROY, CREATECONSUMER, DELCONSUMER', () => {
    const { c } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    expect(errText(c.run('XGROUP', 'SETID', 's', 'nog', '0'))).toBe("NOGROUP No such consumer group 'nog' for key name 's'");
    expect(c.run('XGROUP', 'SETID', 's', 'g', '3', 'ENTRIESREAD', '3')).toBe(OK);
    expect(c.run('XGROUP', 'CREATECONSUMER', 's', 'g', 'Bob')).toBe(1);
    expect(c.run('XGROUP', 'CREATECONSUMER', 's', 'g', 'Bob')).toBe(0);
    c.run('XREADGROUP', 'GROUP', 'g', 'Bob', 'STREAMS', 's', '>');
    expect(c.run('XGROUP', 'DELCONSUMER', 's', 'g', 'Lee')).toBe(0);
    expect(c.run('XGROUP', 'DELCONSUMER', 's', 'g', 'Bob')).toBe(2);
    expect(c.run('XPENDING', 's', 'g')).toEqual([0, null, null, NULL_ARRAY]);
    expect(c.run('XGROUP', 'DESTROY', 's', 'g')).toBe(1);
    expect(c.run('XGROUP', 'DESTROY', 's', 'g')).toBe(0);
    expect(errText(c.run('XGROUP', 'HELP', 'x'))).toBe("ERR wrong number of arguments for 'xgroup|help' command");
    expect((c.run('XGROUP', 'HELP') as StatusReply[])[0].text).toBe('XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    expect(errText(c.run('XGROUP', 'FOO', 's', 'g'))).toBe("ERR unknown subcommand 'FOO'. Try XGROUP HELP.");
  });
});

describe('XREADGROUP, XACK, XPENDING', () => {
  it('delivers new entries once and keeps them pending per consumer', () => {
    const { c, clock } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    expect(c.run('XREADGROUP', 'GROUP', 'g', 'Alice', 'COUNT', '2', 'STREAMS', 's', '>')).toEqual([
      ['s', [['1-0', ['f', '1']], ['2-0', ['f', '2']]]],
    ]);
    clock.advance(100);
    expect(c.run('XREADGROUP', 'GROUP', 'g', 'Bob', 'STREAMS', 's', '>')).toEqual([
      ['s', [['3-0', ['f', '3']], ['4-0', ['f', '4']], ['5-0', ['f', '5']]]],
    ]);
    expect(c.run('XREADGROUP', 'GROUP', 'g', 'Bob', 'STREAMS', 's', '>')).toBe(NULL_ARRAY);
    expect(c.run('XPENDING', 's', 'g')).toEqual([5, '1-0', '5-0', [['Alice', '2'], ['Bob', '3']]]);
    clock.advance(50);
    expect(c.run('XPENDING', 's', 'g', '-', '+', '10', 'Alice')).toEqual([['1-0', 'Alice', 150, 1], ['2-0', 'Alice', 150, 1]]);
    expect(c.run('XPENDING', 's', 'g', 'IDLE', '100', '-', '+', '10')).toEqual([['1-0', 'Alice', 150, 1], ['2-0', 'Alice', 150, 1]]);
    expect(c.run('XPENDING', 's', 'g', '(1-0', '(5-0', '10')).toEqual([['2-0', 'Alice', 150, 1], ['3-0', 'Bob', 50, 1], ['4-0', 'Bob', 50, 1]]);
    // History: re-reading its own entries bumps their delivery count and time.
    expect(c.run('XREADGROUP', 'GROUP', 'g', 'Alice', 'STREAMS', 's', '0')).toEqual([['s', [['1-0', ['f', '1']], ['2-0', ['f', '2']]]]]);
    expect(c.run('XPENDING', 's', 'g', '-', '+', '1')).toEqual([['1-0', 'Alice', 0, 2]]);
    expect(errText(c.run('XACK', 's', 'g', '1-0', 'bad'))).toBe('ERR Invalid stream ID specified as stream command argument');
    expect(c.run('XACK', 's', 'g', '1-0', '1-0', '9-0')).toBe(1);
    expect(c.run('XACK', 's', 'nog', 'bad')).toBe(0);
    const info = (c.run('XINFO', 'CONSUMERS', 's', 'g') as MapReply[]).map(obj);
    expect(info).toEqual([{ name: 'Alice', pending: 1, idle: 0 }, { name: 'Bob', pending: 3, idle: 50 }]);
  });

  it('NOACK advances the group without pending entries; deleted entries show nil in history', () => {
    const { c } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('XREADGROUP', 'GROUP', 'g', 'A', 'NOACK', 'COUNT', '2', 'STREAMS', 's', '>');
    expect(c.run('XPENDING', 's', 'g')).toEqual([0, null, null, NULL_ARRAY]);
    c.run('XREADGROUP', 'GROUP', 'g', 'A', 'COUNT', '2', 'STREAMS', 's', '>');
    c.run('XDEL', 's', '3-0');
    expect(c.run('XREADGROUP', 'GROUP', 'g', 'A', 'STREAMS', 's', '0')).toEqual([['s', [['3-0', NULL_ARRAY], ['4-0', ['f', '4']]]]]);
    expect(c.wire('XREADGROUP', 'GROUP', 'g', 'A', 'COUNT', '1', 'STREAMS', 's', '0')).toBe('*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n3-0\r\n*-1\r\n');
  });

  it('reports errors as Redis', () => {
    const { c } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    expect(errText(c.run('XREADGROUP', 'GROUP', 'nog', 'A', 'STREAMS', 's', '>'))).toBe(
      "NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option");
    expect(errText(c.run('XREADGROUP', 'GROUP', 'g', 'A', 'STREAMS', 's', '$'))).toMatch(/^ERR The \$ ID is meaningless/);
    expect(errText(c.run('XREADGROUP', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 's', '>'))).toBe('ERR Missing GROUP option for XREADGROUP');
    expect(errText(c.run('XPENDING', 's', 'nog'))).toBe("NOGROUP No such key 's' or consumer group 'nog'");
    expect(errText(c.run('XPENDING', 's', 'g', '-', '+'))).toBe('ERR syntax error');
    expect(errText(c.run('XPENDING', 's', 'g', 'IDLE', '5', '-', '+'))).toBe('ERR syntax error');
    expect(errText(c.run('XINFO', 'CONSUMERS', 's', 'nog'))).toBe("NOGROUP No such consumer group 'nog' for key name 's'");
  });

  it('tracks entries-read and lag through deletions and trims', () => {
    const { c } = setup();
    c.run('XDEL', 's', '3-0');
    c.run('XGROUP', 'CREATE', 's', 'g1', '0');
    c.run('XGROUP', 'CREATE', 's', 'g2', '0');
    const g = (n: number) => obj((c.run('XINFO', 'GROUPS', 's') as MapReply[])[n]);
    expect([g(0)['entries-read'], g(0).lag]).toEqual([null, null]);
    for (let i = 0; i < 3; i++) c.run('XREADGROUP', 'GROUP', 'g1', 'c', 'COUNT', '1', 'STREAMS', 's', '>');
    expect([g(0)['entries-read'], g(0).lag]).toEqual([null, null]);
    c.run('XREADGROUP', 'GROUP', 'g1', 'c', 'COUNT', '1', 'STREAMS', 's', '>');
    expect([g(0)['entries-read'], g(0).lag]).toEqual([5, 0]);
    c.run('XADD', 's', '6-0', 'f', '6');
    c.run('XTRIM', 's', 'MINID', '=', '3-0');
    expect([g(0)['entries-read'], g(0).lag, g(1)['entries-read'], g(1).lag]).toEqual([5, 1, null, 3]);
    c.run('XTRIM', 's', 'MINID', '=', '5-0');
    expect([g(1)['entries-read'], g(1).lag]).toEqual([null, 2]);
  });
});

describe('XCLAIM and XAUTOCLAIM', () => {
  function pending() {
    const s = setup();
    s.c.run('XGROUP', 'CREATE', 's', 'g', '0');
    s.c.run('XREADGROUP', 'GROUP', 'g', 'Alice', 'STREAMS', 's', '>');
    return s;
  }

  it('XCLAIM respects min-idle-time and moves ownership', () => {
    const { c, clock } = pending();
    clock.advance(100);
    expect(c.run('XCLAIM', 's', 'g', 'Bob', '200', '1-0')).toEqual([]);
    expect(c.run('XCLAIM', 's', 'g', 'Bob', '100', '1-0')).toEqual([['1-0', ['f', '1']]]);
    expect(c.run('XPENDING', 's', 'g', '-', '+', '1')).toEqual([['1-0', 'Bob', 0, 2]]);
    expect(c.run('XCLAIM', 's', 'g', 'Carl', '0', '1-0', 'JUSTID')).toEqual(['1-0']);
    expect(c.run('XPENDING', 's', 'g', '-', '+', '1')).toEqual([['1-0', 'Carl', 0, 2]]);
    expect(c.run('XCLAIM', 's', 'g', 'Carl', '0', '2-0', 'IDLE', '500', 'RETRYCOUNT', '9', 'JUSTID')).toEqual(['2-0']);
    expect(c.run('XPENDING', 's', 'g', '2-0', '2-0', '1')).toEqual([['2-0', 'Carl', 500, 9]]);
    const t = clock.now() - 1000;
    c.run('XCLAIM', 's', 'g', 'Carl', '0', '3-0', 'TIME', String(t));
    expect(c.run('XPENDING', 's', 'g', '3-0', '3-0', '1')).toEqual([['3-0', 'Carl', 1000, 2]]);
    c.run('XCLAIM', 's', 'g', 'Carl', '0', '3-0', 'TIME', String(clock.now() + 10_000)); // the future means now
    expect(c.run('XPENDING', 's', 'g', '3-0', '3-0', '1')).toEqual([['3-0', 'Carl', 0, 3]]);
  });

  it('XCLAIM FORCE creates pending entries for existing IDs only, LASTID moves the group', () => {
    const { c } = pending();
    c.run('XACK', 's', 'g', '4-0');
    expect(c.run('XCLAIM', 's', 'g', 'Bob', '0', '4-0', '99-0', 'FORCE', 'JUSTID', 'LASTID', '50-0')).toEqual(['4-0']);
    expect(c.run('XPENDING', 's', 'g', '4-0', '4-0', '1')).toEqual([['4-0', 'Bob', 0, 1]]);
    expect(obj((c.run('XINFO', 'GROUPS', 's') as MapReply[])[0])['last-delivered-id']).toBe('50-0');
    c.run('XDEL', 's', '5-0');
    expect(c.run('XCLAIM', 's', 'g', 'Bob', '0', '5-0')).toEqual([]);
    expect(c.run('XPENDING', 's', 'g')).toEqual([4, '1-0', '4-0', [['Alice', '3'], ['Bob', '1']]]);
    expect(errText(c.run('XCLAIM', 's', 'g', 'Bob', 'x', '1-0'))).toBe('ERR Invalid min-idle-time argument for XCLAIM');
    expect(errText(c.run('XCLAIM', 's', 'g', 'Bob', '0', '1-0', 'BOGUS'))).toBe("ERR Unrecognized XCLAIM option 'BOGUS'");
    expect(errText(c.run('XCLAIM', 's', 'nog', 'Bob', '0', '1-0'))).toBe("NOGROUP No such key 's' or consumer group 'nog'");
  });

  it('XAUTOCLAIM iterates with a cursor and reports deleted entries', () => {
    const { c, clock } = pending();
    clock.advance(100);
    c.run('XDEL', 's', '2-0');
    expect(c.run('XAUTOCLAIM', 's', 'g', 'Bob', '50', '-', 'COUNT', '2')).toEqual(['3-0', [['1-0', ['f', '1']]], ['2-0']]);
    expect(c.run('XAUTOCLAIM', 's', 'g', 'Bob', '50', '3-0', 'COUNT', '2', 'JUSTID')).toEqual(['5-0', ['3-0', '4-0'], []]);
    expect(c.run('XAUTOCLAIM', 's', 'g', 'Bob', '50', '5-0')).toEqual(['0-0', [['5-0', ['f', '5']]], []]);
    expect(c.run('XAUTOCLAIM', 's', 'g', 'Carl', '50', '-')).toEqual(['0-0', [], []]); // nothing idle enough
    expect(c.run('XPENDING', 's', 'g')).toEqual([4, '1-0', '5-0', [['Bob', '4']]]);
    expect(errText(c.run('XAUTOCLAIM', 's', 'g', 'Bob', '0', '-', 'COUNT', '0'))).toBe('ERR COUNT must be > 0');
    expect(errText(c.run('XAUTOCLAIM', 's', 'g', 'Bob', 'x', '-'))).toBe('ERR Invalid min-idle-time argument for XAUTOCLAIM');
  });
});

describe('XINFO STREAM', () => {
  it('shows the summary and FULL forms with times from the clock', () => {
    const { c, clock } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    const t0 = clock.now();
    c.run('XREADGROUP', 'GROUP', 'g', 'Alice', 'COUNT', '1', 'STREAMS', 's', '>');
    const summary = obj(c.run('XINFO', 'STREAM', 's'));
    expect(summary).toMatchObject({ length: 5, 'radix-tree-keys': 1, 'radix-tree-nodes': 2, 'last-generated-id': '5-0', groups: 1,
      'first-entry': ['1-0', ['f', '1']], 'last-entry': ['5-0', ['f', '5']] });
    clock.advance(10);
    const full = obj(c.run('XINFO', 'STREAM', 's', 'FULL', 'COUNT', '2'));
    expect(full.entries).toEqual([['1-0', ['f', '1']], ['2-0', ['f', '2']]]);
    const group = obj((full.groups as MapReply[])[0]);
    expect(group).toMatchObject({ name: 'g', 'last-delivered-id': '1-0', 'entries-read': 1, lag: 4, 'pel-count': 1, pending: [['1-0', 'Alice', t0, 1]] });
    expect(obj((group.consumers as MapReply[])[0])).toEqual({ name: 'Alice', 'seen-time': t0, 'pel-count': 1, pending: [['1-0', t0, 1]] });
    expect(errText(c.run('XINFO', 'STREAM', 's', 'FULL', 'COUNT'))).toBe(
      "ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.");
    expect(errText(c.run('XINFO', 'STREAM', 'nokey'))).toBe('ERR no such key');
  });

  it('COPY keeps the whole state, times included', () => {
    const { c } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('XREADGROUP', 'GROUP', 'g', 'Alice', 'COUNT', '2', 'STREAMS', 's', '>');
    expect(c.run('COPY', 's', 't')).toBe(1);
    expect(c.run('XINFO', 'STREAM', 't', 'FULL')).toEqual(c.run('XINFO', 'STREAM', 's', 'FULL'));
    c.run('XACK', 't', 'g', '1-0'); // the copy is independent
    expect(c.run('XPENDING', 's', 'g')).toEqual([2, '1-0', '2-0', [['Alice', '2']]]);
    expect(c.run('XPENDING', 't', 'g')).toEqual([1, '2-0', '2-0', [['Alice', '1']]]);
  });
});
