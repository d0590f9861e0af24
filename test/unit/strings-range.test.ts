// APPEND STRLEN GETRANGE SUBSTR SETRANGE LCS, and the size limits.
import { describe, expect, it } from 'vitest';
import { MapReply } from '../../protocols/reply.js';
import { errText } from '../helpers/replies.js';
import { NOT_INT, stringsEnv, SYNTAX, WRONGTYPE } from './strings-helpers.js';

const TOO_BIG = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)';

describe('APPEND and STRLEN', () => {
  it('creates, appends, keeps the TTL, fires append', () => {
    const { c, take, deadline, putList } = stringsEnv();
    expect(c.run('STRLEN', 'k')).toBe(0);
    expect(c.run('APPEND', 'k', 'foo')).toBe(3);
    expect(c.run('APPEND', 'k', '\x00bar')).toBe(7);
    expect(c.run('APPEND', 'k', '')).toBe(7);
    expect(c.run('GET', 'k')).toBe('foo\x00bar');
    expect(c.run('STRLEN', 'k')).toBe(7);
    c.run('PSETEX', 'k', '1000', 'x');
    c.run('APPEND', 'k', 'y');
    expect(deadline('k')).toBeDefined();
    putList('l');
    expect(errText(c.run('APPEND', 'l', 'x'))).toBe(WRONGTYPE);
    expect(errText(c.run('STRLEN', 'l'))).toBe(WRONGTYPE);
    expect(take()).toEqual(['new:k', 'append:k', 'append:k', 'append:k', 'set:k', 'expire:k', 'append:k']);
  });

  it('refuses to grow past proto-max-bulk-len', () => {
    const { c } = stringsEnv({ 'proto-max-bulk-len': '1048576' });
    const mb = 'x'.repeat(1048576);
    expect(c.run('APPEND', 'k', mb)).toBe(1048576); // creation is not checked, as in Redis
    expect(errText(c.run('APPEND', 'k', 'y'))).toBe(TOO_BIG);
    expect(c.run('APPEND', 'k', '')).toBe(1048576);
    expect(c.run('STRLEN', 'k')).toBe(1048576);
  });
});

describe('GETRANGE and SUBSTR', () => {
  it('follows Redis index rules', () => {
    const { c } = stringsEnv();
    c.run('SET', 'k', 'Hello World');
    expect(c.run('GETRANGE', 'k', '0', '3')).toBe('Hell');
    expect(c.run('GETRANGE', 'k', '0', '-1')).toBe('Hello World');
    expect(c.run('GETRANGE', 'k', '-4', '-1')).toBe('orld');
    expect(c.run('GETRANGE', 'k', '5', '3')).toBe('');
    expect(c.run('GETRANGE', 'k', '5', '5000')).toBe(' World');
    expect(c.run('GETRANGE', 'k', '-5000', '10000')).toBe('Hello World');
    expect(c.run('GETRANGE', 'k', '-1', '-5')).toBe('');
    expect(c.run('GETRANGE', 'k', '0', '4294967297')).toBe('Hello World');
    expect(c.run('GETRANGE', 'k', '-9223372036854775808', '9223372036854775807')).toBe('Hello World');
    expect(c.run('GETRANGE', 'k', '-9223372036854775807', '-9223372036854775808')).toBe(''); // exact compare
    expect(c.run('GETRANGE', 'k', '-100', '-50')).toBe('H');
    expect(c.run('SUBSTR', 'k', '6', '-1')).toBe('World');
    expect(c.wire('GETRANGE', 'missing', '0', '-1')).toBe('$0\r\n\r\n');
    c.run('SET', 'e', '');
    expect(c.run('GETRANGE', 'e', '0', '-1')).toBe('');
  });

  it('parses indexes before reading the key', () => {
    const { c, putList } = stringsEnv();
    putList('l');
    expect(errText(c.run('GETRANGE', 'l', 'a', '1'))).toBe(NOT_INT);
    expect(errText(c.run('GETRANGE', 'missing', '0', 'x'))).toBe(NOT_INT);
    expect(errText(c.run('GETRANGE', 'l', '0', '1'))).toBe(WRONGTYPE);
  });
});

describe('SETRANGE', () => {
  it('pads with zero bytes, keeps the TTL, fires setrange', () => {
    const { c, take, deadline } = stringsEnv();
    expect(c.run('SETRANGE', 'k', '0', '')).toBe(0);
    expect(c.run('GET', 'k')).toBe(null);
    expect(c.run('SETRANGE', 'k', '1', 'foo')).toBe(4);
    expect(c.run('GET', 'k')).toBe('\x00foo');
    c.run('SET', 'k', 'foo', 'EX', '10');
    expect(c.run('SETRANGE', 'k', '0', 'b')).toBe(3);
    expect(c.run('SETRANGE', 'k', '1', 'b')).toBe(3);
    expect(c.run('GET', 'k')).toBe('bbo');
    expect(c.run('SETRANGE', 'k', '2', 'xyz')).toBe(5);
    expect(c.run('SETRANGE', 'k', '7', 'q')).toBe(8);
    expect(c.run('GET', 'k')).toBe('bbxyz\x00\x00q');
    expect(c.run('SETRANGE', 'k', '1', '')).toBe(8);
    expect(deadline('k')).toBeDefined();
    expect(take()).toEqual(['new:k', 'setrange:k', 'set:k', 'expire:k', 'setrange:k', 'setrange:k', 'setrange:k', 'setrange:k']);
  });

  it('errors: offset, type, size', () => {
    const { c, putList } = stringsEnv();
    putList('l');
    expect(errText(c.run('SETRANGE', 'l', '0', 'x'))).toBe(WRONGTYPE);
    expect(errText(c.run('SETRANGE', 'k', '-1', 'x'))).toBe('ERR offset is out of range');
    expect(errText(c.run('SETRANGE', 'k', 'x', 'x'))).toBe(NOT_INT);
    expect(errText(c.run('SETRANGE', 'k', String(512 * 1024 * 1024 - 4), 'world'))).toBe(TOO_BIG);
    expect(errText(c.run('SETRANGE', 'k', '9223372036854775807', 'A'))).toBe(TOO_BIG);
    expect(c.run('SETRANGE', 'k', '9223372036854775807', '')).toBe(0);
    c.run('SET', 'k', 'hello');
    expect(errText(c.run('SETRANGE', 'k', '-1', 'world'))).toBe('ERR offset is out of range');
    expect(errText(c.run('SETRANGE', 'k', String(512 * 1024 * 1024 - 4), 'world'))).toBe(TOO_BIG);
    expect(c.run('SETRANGE', 'k', String(512 * 1024 * 1024), '')).toBe(5);
  });

  it('refuses what V8 cannot hold even when proto-max-bulk-len allows it', () => {
    const { c } = stringsEnv({ 'proto-max-bulk-len': '1gb' });
    expect(errText(c.run('SETRANGE', 'k', String(0x1fffffe8), 'x'))).toBe(TOO_BIG);
  });
});

describe('LCS', () => {
  const a = 'ohmytext';
  const b = 'mynewtext';
  it('string, LEN, IDX with MINMATCHLEN and WITHMATCHLEN', () => {
    const { c } = stringsEnv();
    c.run('MSET', 'a', a, 'b', b);
    expect(c.run('LCS', 'a', 'b')).toBe('mytext');
    expect(c.run('LCS', 'a', 'b', 'LEN')).toBe(6);
    const idx = c.run('LCS', 'a', 'b', 'IDX') as MapReply;
    expect(idx).toBeInstanceOf(MapReply);
    expect(idx.entries).toEqual(['matches', [[[4, 7], [5, 8]], [[2, 3], [0, 1]]], 'len', 6]);
    expect((c.run('LCS', 'a', 'b', 'idx', 'minmatchlen', '4', 'withmatchlen') as MapReply).entries)
      .toEqual(['matches', [[[4, 7], [5, 8], 4]], 'len', 6]);
    expect((c.run('LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '-3', 'WITHMATCHLEN') as MapReply).entries)
      .toEqual(['matches', [[[4, 7], [5, 8], 4], [[2, 3], [0, 1], 2]], 'len', 6]);
    expect(c.wire('LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4')).toBe(
      '*4\r\n$7\r\nmatches\r\n*1\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:6\r\n');
    expect(c.run('LCS', 'a', 'missing')).toBe('');
    expect(c.run('LCS', 'missing', 'missing', 'LEN')).toBe(0);
  });

  it('errors', () => {
    const { c, putList } = stringsEnv();
    c.run('MSET', 'a', a, 'b', b);
    putList('l');
    expect(errText(c.run('LCS', 'a', 'l'))).toBe('ERR The specified keys must contain string values');
    expect(errText(c.run('LCS', 'l', 'a', 'junk'))).toBe('ERR The specified keys must contain string values');
    expect(errText(c.run('LCS', 'a', 'b', 'LEN', 'IDX'))).toBe('ERR If you want both the length and indexes, please just use IDX.');
    expect(errText(c.run('LCS', 'a', 'b', 'junk'))).toBe(SYNTAX);
    expect(errText(c.run('LCS', 'a', 'b', 'MINMATCHLEN'))).toBe(SYNTAX);
    expect(errText(c.run('LCS', 'a', 'b', 'MINMATCHLEN', 'x'))).toBe(NOT_INT);
  });

  it('refuses a table larger than proto-max-bulk-len', () => {
    const { c } = stringsEnv({ 'proto-max-bulk-len': '1048576' });
    c.run('MSET', 'a', 'x'.repeat(600), 'b', 'y'.repeat(600));
    expect(errText(c.run('LCS', 'a', 'b'))).toBe('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
  });
});

describe('OBJECT ENCODING after in-place edits (as redis-server 7.0.15 reports)', () => {
  it('APPEND to an existing key and SETRANGE make raw strings; a created APPEND key keeps its natural encoding', () => {
    const { c } = stringsEnv();
    c.run('SET', 'a', '1');
    c.run('APPEND', 'a', '2');
    expect(c.run('OBJECT', 'ENCODING', 'a')).toBe('raw');
    c.run('APPEND', 'n', '12');
    expect(c.run('OBJECT', 'ENCODING', 'n')).toBe('int');
    c.run('SETRANGE', 'r', '0', '12');
    expect(c.run('OBJECT', 'ENCODING', 'r')).toBe('raw');
    c.run('SET', 's', '12');
    c.run('SETRANGE', 's', '0', '');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('int');
    c.run('SETRANGE', 's', '0', '3');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('raw');
    c.run('SET', 's', '12');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('int');
  });
});
