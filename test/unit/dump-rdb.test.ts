// RDB primitives: CRC64, LZF, string encodings, against payloads captured from redis-server 7.0.15.
import { describe, expect, it } from 'vitest';
import { crc64, RdbReader, RdbWriter, finishDump, verifyDump } from '../../src/core/rdb.js';
import { lzfCompress, lzfDecompress } from '../../src/core/lzf.js';
import { dumpValue, restoreValue } from '../../src/core/rdb-value.js';

const LIMITS = { hashEntries: 128, hashValue: 64, zsetEntries: 128, zsetValue: 64, setIntsetEntries: 512, listFill: -2 };

// DUMP replies of redis-server 7.0.15 for SET s<i> <value>.
const REDIS_DUMPS: Array<[string, string]> = [
  ['hello', '000568656c6c6f0a006372df766534200a'],
  ['123', '00c07b0a0048e253e1007a67b9'],
  ['-40000', '00c2c063ffff0a00ab5d46751b1daa83'],
  ['12345678901', '000b31323334353637383930310a00304e52d727176510'],
  ['', '00000a005d9b5c400f7fa2da'],
  ['a'.repeat(66), '00c3094042016161e035000161610a00fe0c2c642d65ee29'],
  [
    'hello world hello world hello world, the quick brown fox jumps over the lazy dog hello world',
    '00c34043405c0c68656c6c6f20776f726c642068e00d0b1f2c2074686520717569636b2062726f776e20666f78206a756d7073206f766572601e076c617a7920646f67e00144016c640a0075a0320f2da288fa',
  ],
  ['-2147483648', '00c2000000800a00c74f873e33558187'],
  ['2147483648', '000a323134373438333634380a00e7b129a34c1d76ee'],
  ['007', '00033030370a007258e27b4c69bad9'],
];

describe('crc64 (Jones)', () => {
  it('matches the standard check value', () => {
    const [lo, hi] = crc64(Buffer.from('123456789'));
    expect(hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')).toBe('e9c6d914c4b8d9ca');
  });
  it('is 0 for no input', () => {
    expect(crc64(Buffer.alloc(0))).toEqual([0, 0]);
  });
});

describe('LZF', () => {
  it('round-trips assorted inputs', () => {
    const inputs = [
      'a'.repeat(100), 'abcabcabcabcabcabcabcabcabc', 'x', 'hello world hello world hello world',
      Array.from({ length: 5000 }, (_, i) => String.fromCharCode(i % 7 + 97)).join(''),
      Array.from({ length: 300 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(''),
    ];
    for (const s of inputs) {
      const raw = Buffer.from(s, 'latin1');
      const packed = lzfCompress(raw, raw.length + 64);
      expect(packed).not.toBeNull();
      expect(lzfDecompress(packed!, raw.length)!.toString('latin1')).toBe(s);
    }
  });
  it('refuses to compress into too small an output', () => {
    const raw = Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 37) & 0xff));
    expect(lzfCompress(raw, raw.length - 4)).toBeNull();
  });
  it('rejects corrupt input', () => {
    expect(lzfDecompress(Buffer.from([0x20, 0x05]), 10)).toBeNull(); // back reference before the start
    expect(lzfDecompress(Buffer.from([0x05, 0x61]), 6)).toBeNull(); // truncated literal run
    expect(lzfDecompress(Buffer.from([0x00, 0x61]), 2)).toBeNull(); // length mismatch
  });
});

describe('RDB lengths', () => {
  it('round-trips each length form', () => {
    for (const n of [0, 63, 64, 16383, 16384, 0xffffffff, 0x100000000, 2 ** 40]) {
      const w = new RdbWriter();
      w.length(n);
      const r = new RdbReader(w.view());
      expect(r.length()).toBe(n);
      expect(r.done).toBe(true);
    }
  });
  it('uses 1, 2, 5 and 9 bytes', () => {
    const size = (n: number) => {
      const w = new RdbWriter();
      w.length(n);
      return w.len;
    };
    expect([size(63), size(64), size(16383), size(16384), size(2 ** 32)]).toEqual([1, 2, 2, 5, 9]);
  });
});

describe('string DUMP payloads', () => {
  it('are byte-identical to redis-server 7.0', () => {
    for (const [value, hex] of REDIS_DUMPS) expect(dumpValue(value)!.toString('hex'), value).toBe(hex);
  });
  it('restore from redis-server payloads', () => {
    for (const [value, hex] of REDIS_DUMPS) expect(restoreValue(Buffer.from(hex, 'hex'), LIMITS)).toBe(value);
  });
  it('round-trip binary and long values', () => {
    const values = ['\x00\xff\r\n', 'z'.repeat(70000), Array.from({ length: 3000 }, (_, i) => String.fromCharCode(i & 0xff)).join('')];
    for (const v of values) expect(restoreValue(dumpValue(v)!, LIMITS)).toBe(v);
  });
});

describe('payload checks', () => {
  const good = Buffer.from(REDIS_DUMPS[0][1], 'hex');
  it('detects a flipped bit', () => {
    const bad = Buffer.from(good);
    bad[2] ^= 1;
    expect(verifyDump(bad)).toBe(false);
    expect(restoreValue(bad, LIMITS)).toBe('checksum');
  });
  it('refuses a newer RDB version and short payloads', () => {
    const w = new RdbWriter();
    w.byte(0);
    w.string('x');
    w.u16le(11);
    const [lo, hi] = crc64(w.view());
    w.u32le(lo);
    w.u32le(hi);
    expect(verifyDump(w.view())).toBe(false);
    expect(verifyDump(Buffer.from('short'))).toBe(false);
  });
  it('reports an unknown type or a truncated body as a format error', () => {
    for (const body of [[0x63], [0x00, 0x05, 0x61]]) {
      const w = new RdbWriter();
      for (const b of body) w.byte(b);
      expect(restoreValue(finishDump(w), LIMITS)).toBe('format');
    }
  });
});

describe('containers', () => {
  it('listpack round-trips every entry encoding', async () => {
    const { encodeListpack, decodeListpack } = await import('../../src/core/rdb-containers.js');
    const items = [
      '0', '127', '128', '-1', '-4096', '4095', '4096', '-32768', '32767', '32768', '-8388608', '8388607', '8388608',
      '-2147483648', '2147483647', '2147483648', '-9223372036854775808', '9223372036854775807', '9223372036854775808',
      '', 'x', '007', '-0', '1.5', 'a'.repeat(63), 'b'.repeat(64), 'c'.repeat(4095), 'd'.repeat(4096), 'e'.repeat(70000),
    ];
    const lp = encodeListpack(items);
    expect(lp.readUInt32LE(0)).toBe(lp.length);
    expect(decodeListpack(lp)).toEqual(items);
    expect(() => decodeListpack(lp.subarray(0, lp.length - 1))).toThrow();
  });
  it('intset picks the narrowest width and rejects unsorted data', async () => {
    const { encodeIntset, decodeIntset } = await import('../../src/core/rdb-containers.js');
    expect(encodeIntset(['-3', '5']).readUInt32LE(0)).toBe(2);
    expect(encodeIntset(['-3', '40000']).readUInt32LE(0)).toBe(4);
    expect(encodeIntset(['-3', '4294967296']).readUInt32LE(0)).toBe(8);
    expect(decodeIntset(encodeIntset(['-9223372036854775808', '0', '9223372036854775807']))).toEqual(['-9223372036854775808', '0', '9223372036854775807']);
    const bad = encodeIntset(['1', '2']);
    bad.writeInt16LE(5, 8);
    expect(() => decodeIntset(bad)).toThrow();
  });
  it('decodes a ziplist (Redis 6 payloads)', async () => {
    const { decodeZiplist } = await import('../../src/core/rdb-containers.js');
    // entries: "ab", 7 (immediate), -2 (int8), 300 (int16), 100000 (int24), 2^40 (int64), "x"*70 (14-bit length)
    const entries = [
      Buffer.from([0x00, 0x02, 0x61, 0x62]),
      Buffer.from([0x04, 0xf8]),
      Buffer.from([0x02, 0xfe, 0xfe]),
      Buffer.from([0x02, 0xc0, 0x2c, 0x01]),
      Buffer.from([0x04, 0xf0, 0xa0, 0x86, 0x01]),
      Buffer.concat([Buffer.from([0x05, 0xe0]), Buffer.from([0, 0, 0, 0, 0, 1, 0, 0])]),
      Buffer.concat([Buffer.from([0x0a, 0x40, 70]), Buffer.alloc(70, 'x')]),
    ];
    const body = Buffer.concat(entries);
    const zl = Buffer.alloc(10 + body.length + 1);
    zl.writeUInt32LE(zl.length, 0);
    zl.writeUInt16LE(entries.length, 8);
    body.copy(zl, 10);
    zl[zl.length - 1] = 0xff;
    expect(decodeZiplist(zl)).toEqual(['ab', '7', '-2', '300', '100000', String(2 ** 40), 'x'.repeat(70)]);
  });
});

describe('collection payloads', () => {
  const restoreBody = (body: number[] | Buffer) => {
    const w = new RdbWriter();
    w.bytes(Buffer.from(body));
    return restoreValue(finishDump(w), LIMITS);
  };
  it('refuse empty collections and duplicate members', () => {
    expect(restoreBody([2, 0])).toBe('format'); // SET of 0 members
    expect(restoreBody([2, 2, 1, 0x61, 1, 0x61])).toBe('format'); // SET a, a
    expect(restoreBody([5, 0])).toBe('format'); // ZSET_2 of 0 members
  });
  it('restore a set and a sorted set from element-wise payloads', () => {
    const set = restoreBody([2, 3, 1, 0x61, 0xc0, 5, 1, 0x62]) as unknown as { type: string; size: number; encoding(): string };
    expect([set.type, set.size, set.encoding()]).toEqual(['set', 3, 'hashtable']);
    const ints = restoreBody([2, 2, 0xc0, 5, 0xc1, 0xe8, 0x03]) as { encoding(): string };
    expect(ints.encoding()).toBe('intset');
    const w = new RdbWriter();
    w.byte(5);
    w.length(2);
    w.string('a');
    w.doubleLE(1.5);
    w.string('b');
    w.doubleLE(-Infinity);
    const z = restoreValue(finishDump(w), LIMITS) as unknown as { type: string; size: number; encoding(): string; score(m: string): number };
    expect([z.type, z.size, z.encoding(), z.score('a'), z.score('b')]).toEqual(['zset', 2, 'listpack', 1.5, -Infinity]);
  });
});

describe('stream payloads', () => {
  it('round-trip entries, tombstones, counters, groups, PELs and consumers', async () => {
    const { Stream, StreamId } = await import('../../src/core/types/stream.js');
    const { Nack } = await import('../../src/core/types/stream-group.js');
    const limits = { maxBytes: 4096, maxEntries: 3 };
    const s = new Stream();
    for (let i = 1; i <= 8; i++) s.append(i % 3 === 0 ? ['other', String(i)] : ['f', String(i), 'g', 'x'.repeat(i)], new StreamId(BigInt(i), 5n), true, 0, limits);
    s.delete(new StreamId(2n, 5n));
    s.maxDeletedId = new StreamId(2n, 5n);
    const g = s.createGroup('grp', new StreamId(4n, 5n), 4n)!;
    const alice = g.createConsumer('alice', 1_700_000_000_123)!;
    for (const ms of [1n, 3n]) {
      const nack = new Nack(alice, 1_700_000_000_000 + Number(ms), 2);
      g.pel.insertNew(new StreamId(ms, 5n), nack);
      alice.pel.insertNew(new StreamId(ms, 5n), nack);
    }
    s.createGroup('empty', new StreamId(0n, 0n), -1n);
    const back = restoreValue(dumpValue(s)!, LIMITS) as InstanceType<typeof Stream>;
    expect(back.type).toBe('stream');
    expect(back.length).toBe(s.length);
    expect(back.nodes.length).toBe(s.nodes.length);
    expect(back.range(new StreamId(0n, 0n), new StreamId(99n, 0n), 0, false).map((e) => `${e.id}:${e.fv.join(',')}`))
      .toEqual(s.range(new StreamId(0n, 0n), new StreamId(99n, 0n), 0, false).map((e) => `${e.id}:${e.fv.join(',')}`));
    expect([String(back.lastId), String(back.firstId), String(back.maxDeletedId), back.entriesAdded]).toEqual(['8-5', '1-5', '2-5', 8n]);
    const bg = back.group('grp')!;
    expect([String(bg.lastId), bg.entriesRead, bg.pel.size]).toEqual(['4-5', 4n, 2]);
    const ba = bg.consumers.get('alice')!;
    expect([ba.seenTime, ba.pel.size, bg.pel.get(new StreamId(3n, 5n))!.consumer]).toEqual([1_700_000_000_123, 2, ba]);
    expect(back.group('empty')!.entriesRead).toBe(-1n);
    // Saving the restored stream gives the same bytes.
    expect(dumpValue(back)!.equals(dumpValue(s)!)).toBe(true);
  });
});
