import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { ErrorReply, NULL_ARRAY, OK, QUEUED, type Reply } from '../../protocols/reply.js';
import { ClientFlag } from '../../src/commands/types.js';

const text = (r: unknown) => (r instanceof ErrorReply ? r.text : r);

describe('MULTI / EXEC / DISCARD', () => {
  it('queues commands and runs them in order at EXEC', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('MULTI')).toBe(OK);
    expect(c.run('SET', 'k', 'v')).toBe(QUEUED);
    expect(c.run('GET', 'k')).toBe(QUEUED);
    expect(c.run('PING')).toBe(QUEUED);
    expect(c.wire('EXEC')).toBe('*3\r\n+OK\r\n$1\r\nv\r\n+PONG\r\n');
    expect(c.flags & ClientFlag.MULTI).toBe(0);
    expect(c.multiQueue).toBe(null);
  });

  it('nested MULTI, EXEC and DISCARD without MULTI are errors', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('EXEC'))).toBe('ERR EXEC without MULTI');
    expect(text(c.run('DISCARD'))).toBe('ERR DISCARD without MULTI');
    c.run('MULTI');
    expect(text(c.run('MULTI'))).toBe('ERR MULTI calls can not be nested');
    // A failed nested MULTI does not poison the transaction.
    c.run('SET', 'a', '1');
    expect(c.run('EXEC')).toEqual([OK]);
  });

  it('DISCARD drops the queue', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('MULTI');
    c.run('SET', 'k', 'v');
    expect(c.run('DISCARD')).toBe(OK);
    expect(c.run('GET', 'k')).toBe(null);
  });

  it('a command rejected while queueing aborts EXEC with EXECABORT and leaves MULTI', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('MULTI');
    c.run('SET', 'k', 'v');
    expect(text(c.run('NOSUCHCMD'))).toMatch(/^ERR unknown command 'NOSUCHCMD'/);
    expect(text(c.run('GET'))).toBe("ERR wrong number of arguments for 'get' command");
    expect(text(c.run('EXEC'))).toBe('EXECABORT Transaction discarded because of previous errors.');
    expect(c.run('GET', 'k')).toBe(null);
    expect(c.run('PING')).not.toBe(QUEUED);
  });

  it('runtime errors inside EXEC are elements of the reply', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('SET', 's', 'x');
    c.run('MULTI');
    c.run('SELECT', '99');
    c.run('SET', 'k', 'v');
    expect(c.wire('EXEC')).toBe('*2\r\n-ERR DB index is out of range\r\n+OK\r\n');
  });

  it('NO_MULTI commands are refused inside MULTI and abort the transaction', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('MULTI');
    expect(text(c.run('SHUTDOWN'))).toBe('ERR Command not allowed inside a transaction');
    expect(text(c.run('EXEC'))).toMatch(/^EXECABORT/);
  });

  it('QUIT and RESET are not queued', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('MULTI');
    expect(text(c.run('RESET'))).toEqual(expect.objectContaining({ text: 'RESET' }));
    expect(c.flags & ClientFlag.MULTI).toBe(0);
  });

  it('EXEC sets IN_EXEC while the queue runs and clears it after', () => {
    const { client, broker } = memoryServer();
    const c = client();
    let seen = 0;
    const spec = broker.commands.get('echo')!;
    const run = spec.run!;
    spec.run = (cl, argv) => {
      seen = cl.flags & ClientFlag.IN_EXEC;
      return run(cl, argv);
    };
    try {
      c.run('MULTI');
      c.run('ECHO', 'x');
      expect(c.run('EXEC')).toEqual(['x']);
      expect(seen).toBe(ClientFlag.IN_EXEC);
      expect(c.flags & ClientFlag.IN_EXEC).toBe(0);
    } finally {
      spec.run = run;
    }
  });

  it('counts the queued commands in commandstats when EXEC runs them, not when queued', () => {
    const { client, broker } = memoryServer();
    const c = client();
    const set = broker.commands.get('set')!.stats;
    const before = set.calls;
    c.run('MULTI');
    c.run('SET', 'a', '1');
    c.run('SET', 'b', '2');
    expect(set.calls).toBe(before);
    c.run('EXEC');
    expect(set.calls).toBe(before + 2);
  });

  it('pushes made by queued commands are folded into the EXEC array', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('MULTI');
    c.run('SUBSCRIBE', 'ch');
    c.run('PING');
    const out = c.wire('EXEC');
    expect(out).toBe('*2\r\n*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n*2\r\n$4\r\npong\r\n$0\r\n\r\n');
  });
});

describe('WATCH', () => {
  it('EXEC returns a null array when a watched key changed, and unwatches', () => {
    const { client } = memoryServer();
    const a = client(), b = client();
    a.run('SET', 'x', '1');
    expect(a.run('WATCH', 'x')).toBe(OK);
    b.run('SET', 'x', '2');
    a.run('MULTI');
    a.run('SET', 'x', '3');
    expect(a.run('EXEC')).toBe(NULL_ARRAY);
    expect(a.wire('GET', 'x')).toBe('$1\r\n2\r\n');
    // No longer watched: the next transaction runs.
    b.run('SET', 'x', '4');
    a.run('MULTI');
    a.run('PING');
    expect(a.run('EXEC')).not.toBe(NULL_ARRAY);
  });

  it('EXEC runs when the watched key is untouched; UNWATCH forgets', () => {
    const { client } = memoryServer();
    const a = client(), b = client();
    a.run('WATCH', 'x', 'y');
    b.run('SET', 'z', '1');
    a.run('MULTI');
    a.run('PING');
    expect((a.run('EXEC') as Reply[]).length).toBe(1);
    a.run('WATCH', 'x');
    b.run('SET', 'x', '1');
    expect(a.run('UNWATCH')).toBe(OK);
    a.run('MULTI');
    a.run('PING');
    expect((a.run('EXEC') as Reply[]).length).toBe(1);
  });

  it('WATCH inside MULTI is an error that does not abort the transaction', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('MULTI');
    expect(text(c.run('WATCH', 'x'))).toBe('ERR WATCH inside MULTI is not allowed');
    c.run('PING');
    expect((c.run('EXEC') as Reply[]).length).toBe(1);
  });

  it('remembers the database of the watched key', () => {
    const { client } = memoryServer();
    const a = client(), b = client();
    a.run('SELECT', '5');
    a.run('WATCH', 'x');
    b.run('SELECT', '1');
    b.run('SET', 'x', '10');
    a.run('MULTI');
    a.run('PING');
    expect(a.run('EXEC')).not.toBe(NULL_ARRAY);
    b.run('SELECT', '5');
    b.run('SET', 'x', '10');
    a.run('WATCH', 'x');
    a.run('MULTI');
    a.run('PING');
    expect(a.run('EXEC')).not.toBe(NULL_ARRAY);
  });

  it('a key that expires after WATCH fails EXEC even if not yet deleted', () => {
    const { client, clock, broker } = memoryServer();
    broker.activeExpire = false;
    const c = client();
    c.run('SET', 'k', '1', 'PX', '100');
    c.run('WATCH', 'k');
    clock.advance(101);
    c.run('MULTI');
    c.run('PING');
    expect(c.run('EXEC')).toBe(NULL_ARRAY);
  });

  it('a key already expired when watched does not fail EXEC, even when lazily deleted or flushed', () => {
    const { client, clock, broker } = memoryServer();
    broker.activeExpire = false;
    const c = client();
    for (const mutate of [() => undefined, () => c.run('EXISTS', 'x'), () => c.run('FLUSHDB')]) {
      c.run('SET', 'x', 'foo', 'PX', '1');
      clock.advance(2);
      c.run('WATCH', 'x');
      if (broker.commands.get('exists') !== undefined && broker.commands.get('flushdb') !== undefined) mutate();
      c.run('MULTI');
      c.run('PING');
      expect(c.run('EXEC')).not.toBe(NULL_ARRAY);
    }
  });

  it('DISCARD clears the dirty flag and the watches', () => {
    const { client } = memoryServer();
    const a = client(), b = client();
    a.run('WATCH', 'x');
    b.run('SET', 'x', '10');
    a.run('MULTI');
    a.run('DISCARD');
    a.run('MULTI');
    a.run('GET', 'x');
    expect(a.run('EXEC')).toEqual(['10']);
  });
});
