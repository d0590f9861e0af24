import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { MapReply, OK, PONG } from '../../protocols/reply.js';
import { ClientFlag } from '../../src/commands/types.js';
import { REDIS_COMPAT_VERSION } from '../../src/version.js';
import { text } from '../helpers/replies.js';


describe('PING ECHO SELECT QUIT', () => {
  it('PING with and without a message, arity', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('PING')).toBe(PONG);
    expect(c.run('PING', 'hi')).toBe('hi');
    expect(text(c.run('PING', 'a', 'b'))).toBe("ERR wrong number of arguments for 'ping' command");
    expect(c.run('ECHO', 'x\0y')).toBe('x\0y');
  });

  it('SELECT range and integer errors', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('SELECT', '15')).toBe(OK);
    expect(c.db.index).toBe(15);
    expect(text(c.run('SELECT', '16'))).toBe('ERR DB index is out of range');
    expect(text(c.run('SELECT', '-1'))).toBe('ERR DB index is out of range');
    expect(text(c.run('SELECT', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('SELECT', '4294967296'))).toBe('ERR value is out of range, value must between -2147483648 and 2147483647');
  });

  it('QUIT replies OK and closes after the reply', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.wire('QUIT')).toBe('+OK\r\n');
    expect(c.flags & (ClientFlag.CLOSE_AFTER_REPLY | ClientFlag.CLOSED)).not.toBe(0);
  });
});

describe('HELLO', () => {
  it('answers the server map and switches protocol', () => {
    const { client } = memoryServer();
    const c = client();
    const r = c.run('HELLO', '3') as MapReply;
    expect(r).toBeInstanceOf(MapReply);
    expect(r.entries).toEqual(['server', 'redis', 'version', REDIS_COMPAT_VERSION, 'proto', 3, 'id', c.id,
      'mode', 'standalone', 'role', 'master', 'modules', []]);
    expect(c.resp).toBe(3);
    expect(c.wire('HELLO', '2').startsWith('*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n')).toBe(true);
    expect(c.resp).toBe(2);
    // No version: reports the current protocol and keeps it.
    expect((c.run('HELLO') as MapReply).entries[5]).toBe(2);
  });

  it('the HELLO 3 reply is a RESP3 map', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.wire('HELLO', '3').startsWith('%7\r\n$6\r\nserver\r\n')).toBe(true);
  });

  it('errors: version, options, SETNAME', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('HELLO', '4'))).toBe('NOPROTO unsupported protocol version');
    expect(text(c.run('HELLO', '1'))).toBe('NOPROTO unsupported protocol version');
    expect(text(c.run('HELLO', 'x'))).toBe('ERR Protocol version is not an integer or out of range');
    expect(text(c.run('HELLO', '3', 'FOO'))).toBe("ERR Syntax error in HELLO option 'FOO'");
    expect(text(c.run('HELLO', '3', 'AUTH', 'default'))).toBe("ERR Syntax error in HELLO option 'AUTH'");
    expect(text(c.run('HELLO', '2', 'SETNAME', 'a b'))).toBe('ERR Client names cannot contain spaces, newlines or special characters.');
    expect(c.resp).toBe(2);
    c.run('HELLO', '3', 'SETNAME', 'app');
    expect(c.name).toBe('app');
  });

  it('AUTH inside HELLO, and NOAUTH without it', () => {
    const { client } = memoryServer({ requirepass: 'secret' });
    const c = client();
    expect(text(c.run('HELLO', '3'))).toMatch(/^NOAUTH HELLO must be called with the client already authenticated/);
    expect(c.resp).toBe(2);
    expect(text(c.run('HELLO', '3', 'AUTH', 'default', 'wrong'))).toBe('WRONGPASS invalid username-password pair or user is disabled.');
    expect(c.run('HELLO', '3', 'AUTH', 'default', 'secret')).toBeInstanceOf(MapReply);
    expect(c.authenticated).toBe(true);
    expect(c.resp).toBe(3);
  });
});

describe('AUTH', () => {
  it('without requirepass: the one-argument form is an error, default user takes any password', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('AUTH', 'x'))).toBe(
      'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
    expect(c.run('AUTH', 'default', 'anything')).toBe(OK);
    expect(text(c.run('AUTH', 'alice', 'x'))).toBe('WRONGPASS invalid username-password pair or user is disabled.');
    expect(text(c.run('AUTH', 'a', 'b', 'c'))).toBe('ERR syntax error');
  });

  it('with requirepass: NOAUTH until the right password', () => {
    const { client } = memoryServer({ requirepass: 'pw' });
    const c = client();
    expect(text(c.run('GET', 'k'))).toBe('NOAUTH Authentication required.');
    expect(text(c.run('AUTH', 'nope'))).toBe('WRONGPASS invalid username-password pair or user is disabled.');
    expect(c.authenticated).toBe(false);
    expect(c.run('AUTH', 'pw')).toBe(OK);
    expect(c.run('GET', 'k')).toBe(null);
    const d = client();
    expect(c.run('PING')).toBe(PONG);
    expect(d.run('AUTH', 'default', 'pw')).toBe(OK);
  });
});

describe('RESET', () => {
  it('returns the connection to its initial state', () => {
    const { client, broker } = memoryServer();
    const c = client();
    c.run('SELECT', '3');
    c.run('CLIENT', 'SETNAME', 'n');
    c.run('HELLO', '3');
    c.run('WATCH', 'w');
    c.run('SUBSCRIBE', 'ch');
    c.run('MULTI');
    c.flags |= ClientFlag.MONITOR | ClientFlag.NO_TOUCH | ClientFlag.NO_EVICT;
    broker.monitors.add(c);
    expect(text(c.run('RESET'))).toBe('RESET');
    expect(c.db.index).toBe(0);
    expect(c.name).toBe('');
    expect(c.resp).toBe(2);
    expect(c.watching).toBe(null);
    expect(c.multiQueue).toBe(null);
    expect(c.channels.size).toBe(0);
    expect(broker.pubsub.channels.size).toBe(0);
    expect(broker.monitors.has(c)).toBe(false);
    expect(c.flags & (ClientFlag.MULTI | ClientFlag.MONITOR | ClientFlag.NO_TOUCH)).toBe(0);
    // NO-EVICT survives RESET in Redis 7.0.
    expect(c.flags & ClientFlag.NO_EVICT).toBe(ClientFlag.NO_EVICT);
  });

  it('is allowed in RESP2 subscribed mode and replies +RESET', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('SUBSCRIBE', 'ch');
    expect(c.wire('RESET')).toBe('+RESET\r\n');
    expect(c.wire('GET', 'x')).toBe('$-1\r\n');
  });

  it('clears CLIENT REPLY OFF', () => {
    const { client } = memoryServer();
    const c = client();
    c.wire('CLIENT', 'REPLY', 'OFF');
    expect(c.wire('RESET')).toBe('+RESET\r\n');
    expect(c.wire('PING')).toBe('+PONG\r\n');
  });

  it('re-authenticates as the default user', () => {
    const { client } = memoryServer({ requirepass: 'pw' });
    const c = client();
    c.run('AUTH', 'pw');
    c.run('RESET');
    expect(c.authenticated).toBe(false);
    expect(text(c.run('PING'))).toBe('NOAUTH Authentication required.');
  });
});
