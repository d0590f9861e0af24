// INCR DECR INCRBY DECRBY (exact int64) and INCRBYFLOAT (long double).
import { describe, expect, it } from 'vitest';
import { errText, text } from '../helpers/replies.js';
import { NOT_INT, stringsEnv, WRONGTYPE } from './strings-helpers.js';
import { hashIncrArgError, hashIncrByFloat, incrByFloat } from '../../src/commands/strings-counters.js';

const OVERFLOW = 'ERR increment or decrement would overflow';
const NOT_FLOAT = 'ERR value is not a valid float';
const NAN_INF = 'ERR increment would produce NaN or Infinity';

describe('INCR family', () => {
  it('creates, increments, keeps the TTL and fires incrby', () => {
    const { c, take, deadline } = stringsEnv();
    expect(c.run('INCR', 'n')).toBe(1);
    expect(c.run('GET', 'n')).toBe('1');
    expect(c.run('DECR', 'n')).toBe(0);
    expect(c.run('INCRBY', 'n', '-5')).toBe(-5);
    expect(c.run('DECRBY', 'n', '-7')).toBe(2);
    c.run('SET', 'n', '10', 'EX', '100');
    const d = deadline('n');
    expect(c.run('INCR', 'n')).toBe(11);
    expect(deadline('n')).toBe(d);
    expect(take()).toEqual(['new:n', 'incrby:n', 'incrby:n', 'incrby:n', 'incrby:n', 'set:n', 'expire:n', 'incrby:n']);
  });

  it('is exact across the whole int64 range', () => {
    const { c } = stringsEnv();
    c.run('SET', 'n', '9007199254740991');
    expect(c.run('INCR', 'n')).toBe(9007199254740992n);
    expect(c.run('INCR', 'n')).toBe(9007199254740993n);
    expect(c.run('GET', 'n')).toBe('9007199254740993');
    expect(c.run('DECRBY', 'n', '2')).toBe(9007199254740991);
    c.run('SET', 'n', '9223372036854775806');
    expect(c.run('INCR', 'n')).toBe(9223372036854775807n);
    expect(c.wire('GET', 'n')).toBe('$19\r\n9223372036854775807\r\n');
    expect(errText(c.run('INCR', 'n'))).toBe(OVERFLOW);
    expect(c.run('GET', 'n')).toBe('9223372036854775807');
    c.run('SET', 'n', '-9223372036854775807');
    expect(c.run('DECR', 'n')).toBe(-9223372036854775808n);
    expect(errText(c.run('DECR', 'n'))).toBe(OVERFLOW);
    expect(errText(c.run('INCRBY', 'n', '-1'))).toBe(OVERFLOW);
    expect(c.run('INCRBY', 'n', '9223372036854775807')).toBe(-1);
    c.run('SET', 'n', '0');
    expect(errText(c.run('DECRBY', 'n', '-9223372036854775808'))).toBe('ERR decrement would overflow');
    expect(c.run('INCRBY', 'n', '-9223372036854775808')).toBe(-9223372036854775808n);
    expect(c.wire('INCRBY', 'n', '9223372036854775807')).toBe(':-1\r\n');
  });

  it('refuses values that are not canonical int64 text', () => {
    const { c, putList } = stringsEnv();
    for (const v of ['    11', '11    ', ' 11 ', '+1', '01', '1.0', '', '9223372036854775808', '0x10', '1e3', '-0']) {
      c.run('SET', 'n', v);
      expect(errText(c.run('INCR', 'n'))).toBe(NOT_INT);
    }
    expect(errText(c.run('INCRBY', 'n', 'x'))).toBe(NOT_INT);
    expect(errText(c.run('INCRBY', 'n', '1.5'))).toBe(NOT_INT);
    putList('l');
    expect(errText(c.run('INCR', 'l'))).toBe(WRONGTYPE);
    expect(errText(c.run('INCRBY', 'l', 'x'))).toBe(NOT_INT); // the increment is parsed first
  });
});

describe('INCRBYFLOAT', () => {
  it('prints like Redis and fires incrbyfloat', () => {
    const { c, take } = stringsEnv();
    expect(c.run('INCRBYFLOAT', 'f', '0.1')).toBe('0.1');
    expect(c.run('INCRBYFLOAT', 'f', '0.2')).toBe('0.3');
    expect(c.run('INCRBYFLOAT', 'f', '-0.3')).toBe('0');
    expect(c.wire('INCRBYFLOAT', 'f', '5.0e3')).toBe('$4\r\n5000\r\n');
    c.run('SET', 'f', '17179869184');
    expect(c.run('INCRBYFLOAT', 'f', '1.5')).toBe('17179869185.5');
    expect(take()).toEqual(['new:f', 'incrbyfloat:f', 'incrbyfloat:f', 'incrbyfloat:f', 'incrbyfloat:f', 'set:f', 'incrbyfloat:f']);
  });

  it('no negative zero', () => {
    const { c } = stringsEnv();
    c.run('INCRBYFLOAT', 'f', String(1 / 41));
    expect(c.run('INCRBYFLOAT', 'f', String(-1 / 41))).toBe('0');
  });

  it('errors: not a float, NaN or Infinity, wrong type; the key is left alone', () => {
    const { c, putList, take } = stringsEnv();
    c.run('SET', 'f', '1');
    take();
    expect(errText(c.run('INCRBYFLOAT', 'f', '+inf'))).toBe(NAN_INF);
    expect(errText(c.run('INCRBYFLOAT', 'f', 'nan'))).toBe(NOT_FLOAT);
    expect(errText(c.run('INCRBYFLOAT', 'f', 'abc'))).toBe(NOT_FLOAT);
    expect(errText(c.run('INCRBYFLOAT', 'f', '1e5000'))).toBe(NOT_FLOAT);
    expect(c.run('GET', 'f')).toBe('1');
    c.run('SET', 'g', ' 11 ');
    expect(errText(c.run('INCRBYFLOAT', 'g', '1'))).toBe(NOT_FLOAT);
    c.run('SET', 'g', '1\x002');
    expect(errText(c.run('INCRBYFLOAT', 'g', '1'))).toBe(NOT_FLOAT);
    putList('l');
    expect(errText(c.run('INCRBYFLOAT', 'l', 'abc'))).toBe(WRONGTYPE); // type checked before the increment
    expect(errText(c.run('INCRBYFLOAT', 'missing', 'inf'))).toBe(NAN_INF);
    expect(c.run('GET', 'missing')).toBe(null);
    expect(take()).toEqual(['new:g', 'set:g', 'set:g']);
  });

  it('exports helpers for HINCRBYFLOAT with its own error texts', () => {
    expect(incrByFloat(undefined, '1.5')).toBe('1.5');
    expect(hashIncrByFloat('10.5', '0.1')).toBe('10.6');
    expect(hashIncrByFloat(undefined, '2')).toBe('2');
    expect(text(hashIncrByFloat('x', '1'))).toBe('ERR hash value is not a float');
    expect(text(hashIncrByFloat('1', 'x'))).toBe(NOT_FLOAT);
    expect(text(hashIncrByFloat('1', 'inf'))).toBe('ERR value is NaN or Infinity');
    expect(text(hashIncrByFloat('inf', '1'))).toBe(NAN_INF);
    expect(text(hashIncrArgError('-inf'))).toBe('ERR value is NaN or Infinity');
    expect(text(hashIncrArgError('x'))).toBe(NOT_FLOAT);
    expect(hashIncrArgError('1e3')).toBe(null);
  });
});
