// GET, SET and its options, SETNX/SETEX/PSETEX, GETEX, GETDEL, GETSET,
// MGET/MSET/MSETNX: replies, errors and keyspace events as Redis 7.0.
import { describe, expect, it } from 'vitest';
import { OK } from '../../protocols/reply.js';
import { errText } from '../helpers/replies.js';
import { NOT_INT, stringsEnv, SYNTAX, WRONGTYPE } from './strings-helpers.js';

const NOW = 1_700_000_000_000;

describe('GET and plain SET', () => {
  it('round-trips binary values and counts hits and misses', () => {
    const { c, broker, take } = stringsEnv();
    expect(c.run('GET', 'k')).toBe(null);
    expect(c.run('SET', 'k', '\x00\xff\r\n')).toBe(OK);
    expect(c.run('GET', 'k')).toBe('\x00\xff\r\n');
    expect(c.wire('GET', 'k')).toBe('$4\r\n\x00\xff\r\n\r\n');
    expect(c.run('SET', 'k', '')).toBe(OK);
    expect(c.wire('GET', 'k')).toBe('$0\r\n\r\n');
    expect(broker.stats.keyspaceMisses).toBe(1);
    expect(broker.stats.keyspaceHits).toBe(3);
    expect(take()).toEqual(['new:k', 'set:k', 'set:k']);
  });

  it('GET on a non-string is WRONGTYPE; plain SET overwrites any type and drops the TTL', () => {
    const { c, putList, deadline, take } = stringsEnv();
    putList('l');
    expect(errText(c.run('GET', 'l'))).toBe(WRONGTYPE);
    expect(c.run('SET', 'l', 'v', 'EX', '10')).toBe(OK);
    expect(deadline('l')).toBe(NOW + 10_000);
    expect(c.run('SET', 'l', 'w')).toBe(OK);
    expect(deadline('l')).toBeUndefined();
    expect(take()).toEqual(['set:l', 'expire:l', 'set:l']);
  });
});

describe('SET options', () => {
  it('NX and XX', () => {
    const { c } = stringsEnv();
    expect(c.run('SET', 'k', '1', 'XX')).toBe(null);
    expect(c.run('SET', 'k', '1', 'nx')).toBe(OK);
    expect(c.run('SET', 'k', '2', 'NX')).toBe(null);
    expect(c.run('SET', 'k', '3', 'xx')).toBe(OK);
    expect(c.run('GET', 'k')).toBe('3');
    expect(c.run('SET', 'k', '4', 'NX', 'NX')).toBe(null); // repeating a flag is allowed
    expect(errText(c.run('SET', 'k', '4', 'NX', 'XX'))).toBe(SYNTAX);
    expect(errText(c.run('SET', 'k', '4', 'XX', 'NX'))).toBe(SYNTAX);
  });

  it('GET returns the old value, alone or with NX/XX', () => {
    const { c, putList, take } = stringsEnv();
    expect(c.run('SET', 'k', 'a', 'GET')).toBe(null);
    expect(c.run('SET', 'k', 'b', 'GET')).toBe('a');
    expect(c.run('SET', 'k', 'c', 'GET', 'NX')).toBe('b');
    expect(c.run('GET', 'k')).toBe('b');
    expect(c.run('SET', 'x', 'c', 'GET', 'XX')).toBe(null);
    expect(c.run('GET', 'x')).toBe(null);
    expect(c.run('SET', 'y', 'c', 'NX', 'GET')).toBe(null);
    expect(c.run('GET', 'y')).toBe('c');
    putList('l');
    expect(errText(c.run('SET', 'l', 'v', 'GET'))).toBe(WRONGTYPE);
    expect(take()).toEqual(['new:k', 'set:k', 'set:k', 'new:y', 'set:y']);
  });

  it('EX PX EXAT PXAT set absolute deadlines and fire expire', () => {
    const { c, deadline, take } = stringsEnv();
    expect(c.run('SET', 'a', 'v', 'EX', '10')).toBe(OK);
    expect(deadline('a')).toBe(NOW + 10_000);
    expect(c.run('SET', 'b', 'v', 'px', '1500')).toBe(OK);
    expect(deadline('b')).toBe(NOW + 1500);
    expect(c.run('SET', 'c', 'v', 'EXAT', String(NOW / 1000 + 5))).toBe(OK);
    expect(deadline('c')).toBe(NOW + 5000);
    expect(c.run('SET', 'd', 'v', 'PXAT', String(NOW + 7))).toBe(OK);
    expect(deadline('d')).toBe(NOW + 7);
    expect(c.run('SET', 'e', 'v', 'XX', 'PX', '10000')).toBe(null);
    expect(take()).toEqual(['new:a', 'set:a', 'expire:a', 'new:b', 'set:b', 'expire:b', 'new:c', 'set:c', 'expire:c', 'new:d', 'set:d', 'expire:d']);
  });

  it('a later EX/PX of the same kind replaces the earlier one; mixing kinds is a syntax error', () => {
    const { c, deadline } = stringsEnv();
    expect(c.run('SET', 'k', 'v', 'EX', '10', 'EX', '20')).toBe(OK);
    expect(deadline('k')).toBe(NOW + 20_000);
    expect(c.run('SET', 'k', 'v', 'EX', 'junk', 'EX', '30')).toBe(OK); // only the last value is read
    expect(deadline('k')).toBe(NOW + 30_000);
    for (const bad of [['EX', '1', 'PX', '1'], ['PX', '1', 'EXAT', '1'], ['EXAT', '1', 'PXAT', '1'], ['EX', '1', 'KEEPTTL'],
      ['KEEPTTL', 'EX', '1'], ['PERSIST'], ['EX'], ['PX'], ['GET', 'EX'], ['EXAT'], ['foo'], ['KEEPTTL', 'PXAT', '5']]) {
      expect(errText(c.run('SET', 'k', 'v', ...bad))).toBe(SYNTAX);
    }
  });

  it('KEEPTTL keeps the deadline; without it SET drops it', () => {
    const { c, deadline, take } = stringsEnv();
    c.run('SET', 'k', 'v', 'PX', '5000');
    expect(c.run('SET', 'k', 'w', 'KEEPTTL', 'KEEPTTL')).toBe(OK);
    expect(deadline('k')).toBe(NOW + 5000);
    expect(c.run('SET', 'k', 'x', 'GET')).toBe('w');
    expect(deadline('k')).toBeUndefined();
    expect(take()).toEqual(['new:k', 'set:k', 'expire:k', 'set:k', 'set:k']);
  });

  it('invalid expire times, checked before GET and NX/XX', () => {
    const { c, putList } = stringsEnv();
    putList('l');
    const invalid = "ERR invalid expire time in 'set' command";
    expect(errText(c.run('SET', 'k', 'v', 'EX', '0'))).toBe(invalid);
    expect(errText(c.run('SET', 'k', 'v', 'PX', '-1'))).toBe(invalid);
    expect(errText(c.run('SET', 'k', 'v', 'EXAT', '0'))).toBe(invalid);
    expect(errText(c.run('SET', 'k', 'v', 'EX', '9223372036854776'))).toBe(invalid); // * 1000 overflows
    expect(c.run('SET', 'k', 'v', 'EXAT', '9223372036854775')).toBe(OK);
    expect(errText(c.run('SET', 'k', 'v', 'PX', '9223372036854775807'))).toBe(invalid); // + now overflows
    expect(c.run('SET', 'k', 'v', 'PXAT', '9223372036854775807')).toBe(OK);
    expect(errText(c.run('SET', 'k', 'v', 'EX', '1.5'))).toBe(NOT_INT);
    expect(errText(c.run('SET', 'k', 'v', 'EX', '9223372036854775808'))).toBe(NOT_INT);
    expect(errText(c.run('SET', 'l', 'v', 'GET', 'EX', '0'))).toBe(invalid);
    expect(c.run('GET', 'k')).toBe('v');
  });

  it('a deadline already past is stored and the key expires on its next access', () => {
    const { c, take } = stringsEnv();
    expect(c.run('SET', 'k', 'v', 'PXAT', '1')).toBe(OK);
    expect(take()).toEqual(['new:k', 'set:k', 'expire:k']);
    expect(c.run('GET', 'k')).toBe(null);
    expect(take()).toEqual(['expired:k']);
  });
});

describe('SETNX, SETEX, PSETEX', () => {
  it('SETNX replies 1 or 0', () => {
    const { c, take, clock } = stringsEnv();
    expect(c.run('SETNX', 'k', 'a')).toBe(1);
    expect(c.run('SETNX', 'k', 'b')).toBe(0);
    expect(c.run('GET', 'k')).toBe('a');
    c.run('PSETEX', 'k', '10', 'c');
    clock.advance(11);
    expect(c.run('SETNX', 'k', 'd')).toBe(1); // the expired key counts as missing
    expect(take()).toEqual(['new:k', 'set:k', 'set:k', 'expire:k', 'expired:k', 'new:k', 'set:k']);
  });

  it('SETEX and PSETEX set value and TTL with their own error names', () => {
    const { c, deadline } = stringsEnv();
    expect(c.run('SETEX', 'k', '10', 'v')).toBe(OK);
    expect(deadline('k')).toBe(NOW + 10_000);
    expect(c.run('PSETEX', 'k', '10', 'w')).toBe(OK);
    expect(deadline('k')).toBe(NOW + 10);
    expect(c.run('GET', 'k')).toBe('w');
    expect(errText(c.run('SETEX', 'k', '0', 'v'))).toBe("ERR invalid expire time in 'setex' command");
    expect(errText(c.run('PSETEX', 'k', '-5', 'v'))).toBe("ERR invalid expire time in 'psetex' command");
    expect(errText(c.run('SETEX', 'k', 'x', 'v'))).toBe(NOT_INT);
    expect(errText(c.run('SETEX', 'k', '10'))).toBe("ERR wrong number of arguments for 'setex' command");
  });
});

describe('GETEX', () => {
  it('no option is a GET; missing key is nil even with a bad expire value', () => {
    const { c, take } = stringsEnv();
    expect(c.run('GETEX', 'k')).toBe(null);
    expect(c.run('GETEX', 'k', 'EX', 'junk')).toBe(null);
    c.run('SET', 'k', 'v');
    take();
    expect(c.run('GETEX', 'k')).toBe('v');
    expect(take()).toEqual([]);
    expect(errText(c.run('GETEX', 'k', 'EX', 'junk'))).toBe(NOT_INT);
    expect(errText(c.run('GETEX', 'k', 'PX', '0'))).toBe("ERR invalid expire time in 'getex' command");
  });

  it('EX/PX/EXAT/PXAT set the TTL, PERSIST removes it', () => {
    const { c, deadline, take } = stringsEnv();
    c.run('SET', 'k', 'v');
    take();
    expect(c.run('GETEX', 'k', 'EX', '10')).toBe('v');
    expect(deadline('k')).toBe(NOW + 10_000);
    expect(c.run('GETEX', 'k', 'px', '100')).toBe('v');
    expect(deadline('k')).toBe(NOW + 100);
    expect(c.run('GETEX', 'k', 'EXAT', String(NOW / 1000 + 100))).toBe('v');
    expect(deadline('k')).toBe(NOW + 100_000);
    expect(c.run('GETEX', 'k', 'PXAT', String(NOW + 50))).toBe('v');
    expect(deadline('k')).toBe(NOW + 50);
    expect(c.run('GETEX', 'k', 'PERSIST')).toBe('v');
    expect(deadline('k')).toBeUndefined();
    expect(c.run('GETEX', 'k', 'PERSIST')).toBe('v'); // nothing to remove: no event
    expect(take()).toEqual(['expire:k', 'expire:k', 'expire:k', 'expire:k', 'persist:k']);
  });

  it('an absolute time in the past deletes the key', () => {
    const { c, take } = stringsEnv();
    c.run('SET', 'k', 'v');
    take();
    expect(c.run('GETEX', 'k', 'PXAT', String(NOW))).toBe('v');
    expect(c.run('GET', 'k')).toBe(null);
    expect(take()).toEqual(['del:k']);
  });

  it('syntax errors and SET-only options', () => {
    const { c, putList } = stringsEnv();
    c.run('SET', 'k', 'v');
    for (const bad of [['NX'], ['XX'], ['GET'], ['KEEPTTL'], ['EX', '1', 'PERSIST'], ['PERSIST', 'EX', '1'], ['EX', '1', 'PX', '1'], ['EX'], ['foo']]) {
      expect(errText(c.run('GETEX', 'k', ...bad))).toBe(SYNTAX);
    }
    expect(errText(c.run('GETEX', 'missing', 'foo'))).toBe(SYNTAX); // options are parsed first
    putList('l');
    expect(errText(c.run('GETEX', 'l', 'EX', '1'))).toBe(WRONGTYPE);
    expect(errText(c.run('GETEX'))).toBe("ERR wrong number of arguments for 'getex' command");
  });
});

describe('GETDEL and GETSET', () => {
  it('GETDEL returns and deletes', () => {
    const { c, putList, take } = stringsEnv();
    c.run('SET', 'k', 'v');
    take();
    expect(c.run('GETDEL', 'k')).toBe('v');
    expect(c.run('GETDEL', 'k')).toBe(null);
    putList('l');
    expect(errText(c.run('GETDEL', 'l'))).toBe(WRONGTYPE);
    expect(take()).toEqual(['del:k']);
  });

  it('GETSET returns the old value and drops the TTL', () => {
    const { c, putList, deadline, take } = stringsEnv();
    expect(c.run('GETSET', 'k', 'a')).toBe(null);
    c.run('SET', 'k', 'a', 'EX', '100');
    expect(c.run('GETSET', 'k', 'b')).toBe('a');
    expect(deadline('k')).toBeUndefined();
    putList('l');
    expect(errText(c.run('GETSET', 'l', 'x'))).toBe(WRONGTYPE);
    expect(take().filter((e) => !e.startsWith('expire'))).toEqual(['new:k', 'set:k', 'set:k', 'set:k']);
  });
});

describe('MGET, MSET, MSETNX', () => {
  it('MGET answers nil for missing and non-string keys', () => {
    const { c, putList } = stringsEnv();
    c.run('MSET', 'a', '1', 'b', '2');
    putList('l');
    expect(c.run('MGET', 'a', 'x', 'b', 'l')).toEqual(['1', null, '2', null]);
    expect(c.wire('MGET', 'x')).toBe('*1\r\n$-1\r\n');
  });

  it('MSET sets every pair left to right; odd counts are an arity error', () => {
    const { c, take, deadline } = stringsEnv();
    c.run('SET', 'a', '0', 'EX', '100');
    take();
    expect(c.run('MSET', 'a', '1', 'b', '2', 'a', '3')).toBe(OK);
    expect(c.run('MGET', 'a', 'b')).toEqual(['3', '2']);
    expect(deadline('a')).toBeUndefined();
    expect(take()).toEqual(['set:a', 'new:b', 'set:b', 'set:a']);
    expect(errText(c.run('MSET', 'a', '1', 'b'))).toBe("ERR wrong number of arguments for 'mset' command");
    expect(errText(c.run('MSETNX', 'a', '1', 'b'))).toBe("ERR wrong number of arguments for 'msetnx' command");
    expect(errText(c.run('MSET', 'a'))).toBe("ERR wrong number of arguments for 'mset' command");
  });

  it('MSETNX sets nothing when any key exists', () => {
    const { c, take } = stringsEnv();
    c.run('SET', 'x', '1');
    take();
    expect(c.run('MSETNX', 'a', '1', 'x', '2')).toBe(0);
    expect(c.run('GET', 'a')).toBe(null);
    expect(c.run('MSETNX', 'a', '1', 'a', '2')).toBe(1);
    expect(c.run('GET', 'a')).toBe('2');
    expect(take()).toEqual(['new:a', 'set:a', 'set:a']);
  });
});
