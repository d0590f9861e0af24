import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { OK } from '../../protocols/reply.js';
import { text } from '../helpers/replies.js';


describe('DEBUG protection', () => {
  it('is refused unless enable-debug-command allows it', () => {
    const { client } = memoryServer();
    expect(text(client().run('DEBUG', 'HELP'))).toMatch(/^ERR DEBUG command not allowed\. If the enable-debug-command option is set to "local"/);
    const local = memoryServer({ 'enable-debug-command': 'local' });
    expect(Array.isArray(local.client().run('DEBUG', 'HELP'))).toBe(true);
  });
});

describe('DEBUG subcommands', () => {
  const debugServer = () => memoryServer({ 'enable-debug-command': 'yes' });

  it('PROTOCOL answers every type in both protocols', () => {
    const { client } = debugServer();
    const c = client();
    expect(c.wire('DEBUG', 'PROTOCOL', 'string')).toBe('$11\r\nHello World\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'integer')).toBe(':12345\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'double')).toBe('$5\r\n3.141\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'bignum')).toBe('$37\r\n1234567999999999999999999999999999999\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'null')).toBe('$-1\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'map')).toBe('*6\r\n:0\r\n:0\r\n:1\r\n:1\r\n:2\r\n:0\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'attrib')).toBe('$39\r\nSome real reply following the attribute\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'push')).toBe('-ERR RESP2 is not supported by this command\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'true')).toBe(':1\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'verbatim')).toBe('$25\r\nThis is a verbatim\nstring\r\n');
    c.run('HELLO', '3');
    expect(c.wire('DEBUG', 'PROTOCOL', 'double')).toBe(',3.141\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'null')).toBe('_\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'set')).toBe('~3\r\n:0\r\n:1\r\n:2\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'map')).toBe('%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'bignum')).toBe('(1234567999999999999999999999999999999\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'false')).toBe('#f\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'verbatim')).toBe('=29\r\ntxt:This is a verbatim\nstring\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'attrib')).toBe(
      '|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$39\r\nSome real reply following the attribute\r\n');
    expect(c.wire('DEBUG', 'PROTOCOL', 'push')).toBe(
      '>2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n');
    expect(text(c.run('DEBUG', 'PROTOCOL', 'xml'))).toBe(
      'ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false');
  });

  it('SLEEP blocks the event loop for the given seconds', () => {
    const { client } = debugServer();
    const t0 = Date.now();
    expect(client().run('DEBUG', 'SLEEP', '0.05')).toBe(OK);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(client().run('DEBUG', 'SLEEP', 'abc')).toBe(OK);
  });

  it('SET-ACTIVE-EXPIRE 0 makes the cron leave expired keys alone', () => {
    const { client, broker, clock } = debugServer();
    const c = client();
    expect(c.run('DEBUG', 'SET-ACTIVE-EXPIRE', '0')).toBe(OK);
    c.run('SET', 'k', 'v', 'PX', '10');
    clock.advance(20);
    broker.cron();
    expect(c.db.dict.has('k')).toBe(true);
    expect(broker.stats.expiredKeys).toBe(0);
    c.run('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
    broker.cron();
    expect(c.db.dict.has('k')).toBe(false);
    expect(broker.stats.expiredKeys).toBe(1);
  });

  it('OBJECT describes a key; POPULATE creates keys', () => {
    const { client } = debugServer();
    const c = client();
    expect(text(c.run('DEBUG', 'OBJECT', 'nokey'))).toBe('ERR no such key');
    c.run('SET', 'n', '12345');
    c.run('SET', 's', 'hello');
    c.run('SET', 'r', 'x'.repeat(100));
    expect(text(c.run('DEBUG', 'OBJECT', 'n'))).toMatch(/^Value at:0x[0-9a-f]+ refcount:1 encoding:int serializedlength:5 lru:\d+ lru_seconds_idle:0$/);
    expect(text(c.run('DEBUG', 'OBJECT', 's'))).toMatch(/ encoding:embstr /);
    expect(text(c.run('DEBUG', 'OBJECT', 'r'))).toMatch(/ encoding:raw /);
    expect(c.run('DEBUG', 'POPULATE', '3')).toBe(OK);
    expect(c.run('GET', 'key:2')).toBe('value:2');
    expect(c.run('DEBUG', 'POPULATE', '2', 'p', '10')).toBe(OK);
    expect(c.run('GET', 'p:1')).toBe('value:1\0\0\0');
    expect(c.run('DEBUG', 'POPULATE', '1', 'q', '3')).toBe(OK);
    expect(c.run('GET', 'q:0')).toBe('val');
    expect(text(c.run('DEBUG', 'POPULATE', '-1'))).toBe('ERR value is out of range, must be positive');
  });

  it('ERROR, LOG, RELOAD, unknown subcommands', () => {
    const { client } = debugServer();
    const c = client();
    expect(c.wire('DEBUG', 'ERROR', 'MYERR something\nbad')).toBe('-MYERR something bad\r\n');
    expect(c.run('DEBUG', 'LOG', 'hello')).toBe(OK);
    expect(c.run('DEBUG', 'RELOAD')).toBe(OK);
    expect(text(c.run('DEBUG', 'JMAP'))).toBe("ERR unknown subcommand or wrong number of arguments for 'JMAP'. Try DEBUG HELP.");
    expect(text(c.run('DEBUG', 'SLEEP'))).toBe("ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.");
    expect(text(c.run('DEBUG'))).toBe("ERR wrong number of arguments for 'debug' command");
  });
});
