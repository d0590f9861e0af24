import { describe, expect, it } from 'vitest';
import { memoryServer, BLOCKED } from '../helpers/memory.js';
import { ExecReply, MapReply, OK, VerbatimReply } from '../../protocols/reply.js';
import { ClientFlag } from '../../src/commands/types.js';
import { infoText } from '../../src/commands/info.js';
import { text } from '../helpers/replies.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('CLIENT ID / SETNAME / GETNAME / SETINFO / INFO / LIST', () => {
  it('ID and names', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('CLIENT', 'ID')).toBe(c.id);
    expect(c.run('CLIENT', 'GETNAME')).toBe(null);
    expect(c.run('CLIENT', 'SETNAME', 'worker-1')).toBe(OK);
    expect(c.run('CLIENT', 'GETNAME')).toBe('worker-1');
    expect(text(c.run('CLIENT', 'SETNAME', 'a b'))).toBe('ERR Client names cannot contain spaces, newlines or special characters.');
    expect(text(c.run('CLIENT', 'SETNAME', 'a\nb'))).toBe('ERR Client names cannot contain spaces, newlines or special characters.');
    expect(c.run('CLIENT', 'SETNAME', '')).toBe(OK);
    expect(c.run('CLIENT', 'GETNAME')).toBe(null);
  });

  it('SETINFO validates the attribute and its value', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('CLIENT', 'SETINFO', 'lib-name', 'redis-py')).toBe(OK);
    expect(c.run('CLIENT', 'SETINFO', 'LIB-VER', '5.0.1')).toBe(OK);
    expect(text(c.run('CLIENT', 'SETINFO', 'lib-foo', 'x'))).toBe("ERR Unrecognized option 'lib-foo'");
    expect(text(c.run('CLIENT', 'SETINFO', 'lib-name', 'a b'))).toBe('ERR lib-name cannot contain spaces, newlines or special characters.');
    expect(text(c.run('CLIENT', 'SETINFO', 'lib-name'))).toBe("ERR wrong number of arguments for 'client|setinfo' command");
    expect(text(c.run('CLIENT', 'INFO'))).toMatch(/ lib-name=redis-py lib-ver=5\.0\.1 /);
  });

  it('INFO describes the caller with cmd=client|info and a trailing newline', () => {
    const { client } = memoryServer();
    const c = client();
    const r = c.run('CLIENT', 'INFO') as VerbatimReply;
    expect(r).toBeInstanceOf(VerbatimReply);
    expect(r.format).toBe('txt');
    expect(r.text).toMatch(new RegExp(`^id=${c.id} addr=127\\.0\\.0\\.1:50000 laddr=127\\.0\\.0\\.1:6379 .* flags=N db=0 .* cmd=client\\|info .*\\n$`));
  });

  it('LIST, LIST TYPE and LIST ID', () => {
    const { client } = memoryServer();
    const a = client(), b = client();
    b.run('SUBSCRIBE', 'ch');
    const all = text(a.run('CLIENT', 'LIST')) as string;
    expect(all.split('\n').filter(Boolean).length).toBe(2);
    const normal = text(a.run('CLIENT', 'LIST', 'TYPE', 'normal')) as string;
    expect(normal).toMatch(new RegExp(`^id=${a.id} `));
    expect(normal.split('\n').filter(Boolean).length).toBe(1);
    expect(text(a.run('CLIENT', 'LIST', 'TYPE', 'pubsub'))).toMatch(new RegExp(`^id=${b.id} .*flags=P`));
    expect(text(a.run('CLIENT', 'LIST', 'TYPE', 'replica'))).toBe('');
    expect(text(a.run('CLIENT', 'LIST', 'TYPE', 'bogus'))).toBe("ERR Unknown client type 'bogus'");
    expect(text(a.run('CLIENT', 'LIST', 'ID', String(b.id), '9999'))).toMatch(new RegExp(`^id=${b.id} [^\\n]*\\n$`));
    expect(text(a.run('CLIENT', 'LIST', 'ID', 'x'))).toBe('ERR Invalid client ID');
    expect(text(a.run('CLIENT', 'LIST', 'FOO'))).toBe('ERR syntax error');
  });

  it('unknown subcommands and HELP', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('CLIENT', 'FOO'))).toBe("ERR unknown subcommand 'FOO'. Try CLIENT HELP.");
    const help = c.wire('CLIENT', 'HELP');
    expect(help.startsWith('*')).toBe(true);
    expect(help).toContain('+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n');
    expect(help.endsWith('+HELP\r\n+    Prints this help.\r\n')).toBe(true);
  });
});

describe('CLIENT KILL', () => {
  it('old form by address: OK or No such client, may kill the caller', () => {
    const { client, broker } = memoryServer();
    const a = client(), b = client();
    expect(text(a.run('CLIENT', 'KILL', '1.2.3.4:5'))).toBe('ERR No such client');
    // Both sessions share one address: the old form kills both, the caller after its reply.
    expect(a.wire('CLIENT', 'KILL', '127.0.0.1:50000')).toBe('+OK\r\n');
    expect(broker.clients.has(b.id)).toBe(false);
    expect(a.flags & (ClientFlag.CLOSE_AFTER_REPLY | ClientFlag.CLOSED)).not.toBe(0);
  });

  it('filter form: ID, TYPE, USER, LADDR, SKIPME', () => {
    const { client, broker } = memoryServer();
    const a = client(), b = client(), c = client();
    expect(a.run('CLIENT', 'KILL', 'ID', String(b.id))).toBe(1);
    expect(broker.clients.has(b.id)).toBe(false);
    expect(a.run('CLIENT', 'KILL', 'ID', String(b.id))).toBe(0);
    c.run('SUBSCRIBE', 'x');
    expect(a.run('CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(1);
    const d = client();
    expect(a.run('CLIENT', 'KILL', 'USER', 'default', 'LADDR', '127.0.0.1:6379')).toBe(1);
    expect(broker.clients.has(d.id)).toBe(false);
    expect(broker.clients.has(a.id)).toBe(true);
    expect(a.run('CLIENT', 'KILL', 'ID', String(a.id), 'SKIPME', 'no')).toBe(1);
    expect(a.flags & ClientFlag.CLOSE_AFTER_REPLY).not.toBe(0);
  });

  it('MAXAGE kills clients at least that old', () => {
    const { client, broker, clock } = memoryServer();
    const old = client();
    clock.advance(10_000);
    const young = client();
    expect(young.run('CLIENT', 'KILL', 'MAXAGE', '5')).toBe(1);
    expect(broker.clients.has(old.id)).toBe(false);
  });

  it('argument errors', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('CLIENT', 'KILL'))).toBe("ERR wrong number of arguments for 'client|kill' command");
    expect(text(c.run('CLIENT', 'KILL', 'ID', '10', 'x'))).toBe('ERR syntax error');
    for (const id of ['str', '-1', '0']) expect(text(c.run('CLIENT', 'KILL', 'ID', id))).toBe('ERR client-id should be greater than 0');
    expect(text(c.run('CLIENT', 'KILL', 'TYPE', 'x'))).toBe("ERR Unknown client type 'x'");
    expect(text(c.run('CLIENT', 'KILL', 'USER', 'bob'))).toBe("ERR No such user 'bob'");
    expect(text(c.run('CLIENT', 'KILL', 'SKIPME', 'maybe'))).toBe('ERR syntax error');
    expect(text(c.run('CLIENT', 'KILL', 'FOO', 'bar'))).toBe('ERR syntax error');
  });
});

describe('CLIENT REPLY', () => {
  it('OFF silences replies until ON; SKIP silences exactly the next one', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.wire('CLIENT', 'REPLY', 'OFF')).toBe('');
    expect(c.wire('PING')).toBe('');
    expect(c.wire('CLIENT', 'REPLY', 'ON')).toBe('+OK\r\n');
    expect(c.wire('CLIENT', 'REPLY', 'SKIP')).toBe('');
    expect(c.wire('PING', 'a')).toBe('');
    expect(c.wire('PING', 'b')).toBe('$1\r\nb\r\n');
  });

  it('ON right after SKIP replies OK and cancels the skip', () => {
    const { client } = memoryServer();
    const c = client();
    c.wire('CLIENT', 'REPLY', 'SKIP');
    expect(c.wire('CLIENT', 'REPLY', 'ON')).toBe('+OK\r\n');
    expect(c.wire('PING')).toBe('+PONG\r\n');
  });

  it('pushes are not silenced', () => {
    const { client } = memoryServer();
    const c = client();
    c.wire('CLIENT', 'REPLY', 'OFF');
    expect(c.wire('SUBSCRIBE', 'ch')).toBe('*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n');
  });

  it('bad mode is a syntax error', () => {
    const { client } = memoryServer();
    expect(client().wire('CLIENT', 'REPLY', 'MAYBE')).toBe('-ERR syntax error\r\n');
  });
});

describe('CLIENT NO-EVICT / NO-TOUCH / TRACKINGINFO / GETREDIR', () => {
  it('set and clear their flags', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('CLIENT', 'NO-EVICT', 'on')).toBe(OK);
    expect(c.run('CLIENT', 'NO-TOUCH', 'ON')).toBe(OK);
    expect(c.flags & (ClientFlag.NO_EVICT | ClientFlag.NO_TOUCH)).toBe(ClientFlag.NO_EVICT | ClientFlag.NO_TOUCH);
    expect(text(c.run('CLIENT', 'INFO'))).toMatch(/ flags=eT /);
    expect(c.run('CLIENT', 'NO-EVICT', 'off')).toBe(OK);
    expect(c.run('CLIENT', 'NO-TOUCH', 'off')).toBe(OK);
    expect(c.flags & (ClientFlag.NO_EVICT | ClientFlag.NO_TOUCH)).toBe(0);
    expect(text(c.run('CLIENT', 'NO-EVICT', 'x'))).toBe('ERR syntax error');
  });

  it('report tracking as off', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('CLIENT', 'GETREDIR')).toBe(-1);
    const r = c.run('CLIENT', 'TRACKINGINFO') as MapReply;
    expect(c.wire('CLIENT', 'TRACKINGINFO')).toBe('*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n');
    expect(r).toBeInstanceOf(MapReply);
  });
});

describe('CLIENT UNBLOCK', () => {
  it('ends a blocking command by timeout or with an UNBLOCKED error', () => {
    const { client, broker } = memoryServer();
    const a = client(), b = client();
    if (broker.commands.get('blpop') === undefined) return; // lists family not there yet
    expect(a.run('BLPOP', 'l', '0')).toBe(BLOCKED);
    expect(b.run('CLIENT', 'UNBLOCK', String(a.id))).toBe(1);
    expect(a.sent.at(-1)).toEqual(expect.anything());
    expect(a.run('BLPOP', 'l', '0')).toBe(BLOCKED);
    expect(b.run('CLIENT', 'UNBLOCK', String(a.id), 'ERROR')).toBe(1);
    expect(text(a.sent.at(-1))).toBe('UNBLOCKED client unblocked via CLIENT UNBLOCK');
    expect(broker.stats.errors.get('UNBLOCKED')).toBe(1);
    expect(b.run('CLIENT', 'UNBLOCK', String(a.id))).toBe(0);
  });

  it('argument errors', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('CLIENT', 'UNBLOCK', '12345')).toBe(0);
    expect(text(c.run('CLIENT', 'UNBLOCK', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('CLIENT', 'UNBLOCK', '1', 'x'))).toBe('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
  });
});

describe('CLIENT PAUSE / UNPAUSE', () => {
  it('WRITE postpones write commands (and what follows them) but not reads', async () => {
    const { client, broker } = memoryServer();
    const admin = client(), w = client();
    expect(admin.run('CLIENT', 'PAUSE', '100000', 'WRITE')).toBe(OK);
    expect(w.wire('GET', 'k')).toBe('$-1\r\n');
    w.runBatch([['SET', 'k', 'v'], ['GET', 'k']]);
    expect(w.flags & ClientFlag.BLOCKED).toBe(ClientFlag.BLOCKED);
    expect(infoText(broker, ['clients'])).toMatch(/\r\nblocked_clients:1\r\n/);
    expect(text(w.describe())).toMatch(/ flags=b /);
    expect(admin.run('GET', 'k')).toBe(null);
    expect(admin.run('CLIENT', 'UNPAUSE')).toBe(OK);
    await tick();
    expect(w.sent.slice(-2)).toEqual([OK, 'v']);
    expect(w.flags & ClientFlag.BLOCKED).toBe(0);
  });

  it('EXEC of a transaction with writes is postponed under WRITE, a read-only one is not', async () => {
    const { client } = memoryServer();
    const admin = client(), w = client();
    w.run('MULTI');
    w.run('SET', 'k', 'v');
    admin.run('CLIENT', 'PAUSE', '100000', 'WRITE');
    expect(w.run('EXEC')).toBe(BLOCKED);
    const r = client();
    r.run('MULTI');
    r.run('GET', 'k');
    expect(r.run('EXEC')).toEqual([null]);
    admin.run('CLIENT', 'UNPAUSE');
    await tick();
    expect(w.sent.at(-1)).toEqual(new ExecReply(1, [OK]));
  });

  it('ALL postpones everything until the timeout', async () => {
    const { client, clock } = memoryServer();
    const admin = client(), c = client();
    admin.run('CLIENT', 'PAUSE', '50', 'ALL');
    expect(c.run('PING')).toBe(BLOCKED);
    clock.advance(60);
    await new Promise((r) => setTimeout(r, 80));
    await tick();
    expect(c.sent.at(-1)).toEqual(expect.objectContaining({ text: 'PONG' }));
  });

  it('never shortens or weakens a pause; argument errors', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('CLIENT', 'PAUSE', 'x'))).toBe('ERR timeout is not an integer or out of range');
    expect(text(c.run('CLIENT', 'PAUSE', '-1'))).toBe('ERR timeout is negative');
    expect(text(c.run('CLIENT', 'PAUSE', '10', 'SOME'))).toBe('ERR CLIENT PAUSE mode must be WRITE or ALL');
    expect(text(c.run('CLIENT', 'PAUSE', '10', 'ALL', 'x'))).toBe("ERR wrong number of arguments for 'client|pause' command");
    expect(c.run('CLIENT', 'UNPAUSE')).toBe(OK);
  });

  it('no key is expired while paused; expired keys read as missing and go after the pause', () => {
    const { client, broker, clock } = memoryServer();
    const admin = client();
    admin.run('SET', 'k', 'v', 'PX', '10');
    admin.run('CLIENT', 'PAUSE', '100000', 'WRITE');
    clock.advance(20);
    broker.cron();
    expect(admin.run('GET', 'k')).toBe(null);
    expect(admin.db.dict.has('k')).toBe(true);
    expect(broker.stats.expiredKeys).toBe(0);
    admin.run('CLIENT', 'UNPAUSE');
    expect(admin.run('GET', 'k')).toBe(null);
    expect(admin.db.dict.has('k')).toBe(false);
    expect(broker.stats.expiredKeys).toBe(1);
  });

  it('commands rejected before execution answer at once', () => {
    const { client } = memoryServer();
    const admin = client(), c = client();
    admin.run('CLIENT', 'PAUSE', '100000', 'WRITE');
    expect(text(c.run('SET', 'k'))).toBe("ERR wrong number of arguments for 'set' command");
    admin.run('CLIENT', 'UNPAUSE');
  });
});

describe('idle timeout and CLIENT PAUSE', () => {
  it('a client postponed by CLIENT PAUSE is not closed as idle (Redis skips every blocked client)', () => {
    const { client, clock, broker } = memoryServer({ timeout: '1' });
    const admin = client();
    const w = client();
    admin.run('CLIENT', 'PAUSE', '100000', 'WRITE');
    w.runBatch([['SET', 'k', 'v']]);
    expect(w.flags & ClientFlag.BLOCKED).not.toBe(0);
    clock.advance(5000);
    w.cronCheck(clock.now(), 1000);
    expect(broker.clients.has(w.id)).toBe(true);
    admin.run('CLIENT', 'UNPAUSE');
  });
});
