// MONITOR in memory: line format, quoting, redaction, what is left out, order
// relative to the monitor's own replies, RESET.
import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { OK, StatusReply } from '../../protocols/reply.js';
import { ClientFlag } from '../../src/commands/types.js';
import { formatMonitorLine, redactArgs } from '../../src/broker/monitor.js';
import { repr } from '../../protocols/format.js';
import { text } from '../helpers/replies.js';

const lines = (m: { sent: unknown[] }) => m.sent.filter((r): r is StatusReply => r instanceof StatusReply && /^\d+\.\d{6} \[/.test(r.text)).map((r) => r.text);

describe('MONITOR lines', () => {
  it('repr quotes like sdscatrepr', () => {
    expect(repr('a b')).toBe('"a b"');
    expect(repr('"\\\n\r\t\x07\x08')).toBe('"\\"\\\\\\n\\r\\t\\a\\b"');
    expect(repr('\x00\x1f\x7f\x80\xff~ ')).toBe('"\\x00\\x1f\\x7f\\x80\\xff~ "');
  });

  it('format: seconds.micros [db addr] args', () => {
    const { client } = memoryServer();
    const c = client();
    expect(formatMonitorLine(1_700_000_000_123_456, c, ['set', 'k', 'v'])).toBe('1700000000.123456 [0 127.0.0.1:50000] "set" "k" "v"');
    expect(formatMonitorLine(1_700_000_000_000_007, c, ['x'])).toBe('1700000000.000007 [0 127.0.0.1:50000] "x"');
  });

  it('redacts AUTH and HELLO AUTH as Redis 7.0 does', () => {
    expect(redactArgs(['auth', 'pw'])).toEqual(['auth', '(redacted)']);
    expect(redactArgs(['AUTH', 'u', 'pw'])).toEqual(['AUTH', '(redacted)', '(redacted)']);
    expect(redactArgs(['auth', 'a', 'b', 'c'])).toEqual(['auth', 'a', 'b', 'c']); // syntax error first
    expect(redactArgs(['hello', '3', 'AUTH', 'u', 'p', 'SETNAME', 'n'])).toEqual(['hello', '3', 'AUTH', '(redacted)', '(redacted)', 'SETNAME', 'n']);
    expect(redactArgs(['hello', '3', 'SETNAME', 'n', 'auth', 'u', 'p'])).toEqual(['hello', '3', 'SETNAME', 'n', 'auth', '(redacted)', '(redacted)']);
    expect(redactArgs(['hello', '4', 'AUTH', 'u', 'p'])).toEqual(['hello', '4', 'AUTH', 'u', 'p']); // NOPROTO first
    expect(redactArgs(['hello', '3', 'bogus', 'AUTH', 'u', 'p'])).toEqual(['hello', '3', 'bogus', 'AUTH', 'u', 'p']);
    expect(redactArgs(['hello', '3', 'SETNAME', 'a b', 'AUTH', 'u', 'p'])).toEqual(['hello', '3', 'SETNAME', 'a b', 'AUTH', 'u', 'p']);
    const argv = ['get', 'k'];
    expect(redactArgs(argv)).toBe(argv);
  });
});

describe('MONITOR command', () => {
  it('streams executed commands with the database they ran in', () => {
    const { client, clock } = memoryServer();
    const m = client();
    const c = client();
    expect(m.run('MONITOR')).toBe(OK);
    expect(m.flags & ClientFlag.MONITOR).not.toBe(0);
    c.run('SET', 'k', 'v\n');
    c.run('SELECT', '5');
    c.run('AUTH', 'secret');
    const t = `${Math.floor(clock.now() / 1000)}.${String((clock.now() % 1000) * 1000).padStart(6, '0')}`;
    expect(lines(m)).toEqual([
      `${t} [0 127.0.0.1:50000] "SET" "k" "v\\n"`,
      `${t} [5 127.0.0.1:50000] "SELECT" "5"`, // fed after it ran
      `${t} [5 127.0.0.1:50000] "AUTH" "(redacted)"`,
    ]);
  });

  it('leaves out admin commands, rejected commands and MONITOR itself', () => {
    const { client } = memoryServer();
    const m = client();
    const c = client();
    m.run('MONITOR');
    c.run('CONFIG', 'GET', 'maxmemory'); // admin subcommand
    c.run('CLIENT', 'LIST');
    c.run('DEBUG', 'SLEEP', '0');
    c.run('NOSUCHCOMMAND');
    c.run('GET'); // arity
    c.run('MONITOR');
    c.run('GET', 'x', 'y'); // arity again
    c.run('PING');
    expect(lines(m).map((l) => l.replace(/^.*\] /, ''))).toEqual(['"PING"']);
  });

  it('MULTI, the queued commands and EXEC appear in execution order', () => {
    const { client } = memoryServer();
    const m = client();
    const c = client();
    m.run('MONITOR');
    c.run('MULTI');
    c.run('SET', 'a', '1');
    c.run('INCR', 'a');
    c.run('EXEC');
    expect(lines(m).map((l) => l.replace(/^.*\] /, ''))).toEqual(['"MULTI"', '"SET" "a" "1"', '"INCR" "a"', '"EXEC"']);
  });

  it('a monitor sees its own reply before its own line; a second MONITOR is silent', () => {
    const { client } = memoryServer();
    const m = client();
    expect(m.wire('MONITOR')).toBe('+OK\r\n');
    expect(m.wire('MONITOR')).toBe('');
    const out = m.wire('PING');
    expect(out).toMatch(/^\+PONG\r\n\+\d+\.\d{6} \[0 127\.0\.0\.1:50000\] "PING"\r\n$/);
  });

  it('no lines while the monitor has replies off; none after RESET', () => {
    const { client } = memoryServer();
    const m = client();
    const c = client();
    m.run('MONITOR');
    m.wire('CLIENT', 'REPLY', 'OFF');
    c.run('PING');
    m.wire('CLIENT', 'REPLY', 'ON');
    c.run('ECHO', 'x');
    // CLIENT REPLY ON is shown: like Redis, the line is built after the command turned replies back on.
    expect(lines(m).map((l) => l.replace(/^.*\] /, ''))).toEqual(['"CLIENT" "REPLY" "ON"', '"ECHO" "x"']);
    expect(m.wire('RESET')).toBe('+RESET\r\n');
    expect(m.flags & ClientFlag.MONITOR).toBe(0);
    c.run('PING');
    expect(lines(m).length).toBe(2);
  });

  it('refused inside EXEC', () => {
    const { client, broker } = memoryServer();
    const c = client();
    c.run('MULTI');
    c.run('MONITOR');
    expect((c.run('EXEC') as unknown[]).map(text)).toEqual(["ERR MONITOR isn't allowed for DENY BLOCKING client"]);
    expect(broker.monitors.size).toBe(0);
  });

  it('a disconnected monitor is forgotten', () => {
    const { client, broker } = memoryServer();
    const m = client();
    m.run('MONITOR');
    m.kill('bye');
    expect(broker.monitors.size).toBe(0);
  });
});
