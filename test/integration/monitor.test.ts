// MONITOR over TCP compared with redis-server 7.0: what is shown (and what
// is not), argument quoting, the database, redaction, MULTI/EXEC order,
// blocked commands, the monitor's own commands, RESET ending it.
import { describe, expect, it } from 'vitest';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';
import { sleep } from '../helpers/wait.js';

/** Runs the scenario on one server; returns the monitor's bytes with times and the client's address normalised. */
async function scenario(port: number): Promise<string[]> {
  const m = await RawConnection.connect(port);
  const a = await RawConnection.connect(port);
  const b = await RawConnection.connect(port);
  const out: string[] = [];
  try {
    expect(await m.command('MONITOR')).toBe('+OK\r\n');
    const steps: Array<Array<string | Buffer>> = [
      ['SET', 'k', 'v'],
      ['GET', 'k'],
      ['SET', 'bin', Buffer.from([0, 0x22, 0x5c, 0x0a, 0x0d, 0x09, 0x07, 0x08, 0x7f, 0xff, 0x20, 0x41])],
      ['SELECT', '2'],
      ['SET', 'k2', 'v'],
      ['SELECT', '0'],
      ['MULTI'],
      ['SET', 'a', '1'],
      ['INCR', 'a'],
      ['EXEC'],
      ['MULTI'],
      ['NOSUCHCOMMAND'],
      ['EXEC'],
      ['AUTH', 'secret'],
      ['AUTH', 'user', 'secret'],
      ['AUTH', 'a', 'b', 'c'],
      ['HELLO', '2', 'AUTH', 'default', 'secret'],
      ['HELLO', '3', 'SETNAME', 'me'],
      ['HELLO', '2'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CLIENT', 'LIST'],
      ['CLIENT', 'ID'],
      ['GET'],
      ['PUBLISH', 'ch', 'msg'],
      ['ECHO', '"quoted" and \\back'],
      ['DEL', 'k', 'k2', 'a', 'bin'],
    ];
    for (const s of steps) await a.command(...s);
    // A blocked command is shown when it blocks, not when it is served.
    b.write(Buffer.from('*3\r\n$5\r\nBLPOP\r\n$2\r\nbl\r\n$1\r\n0\r\n'));
    await sleep(50);
    await a.command('RPUSH', 'bl', 'x');
    await b.readReply();
    // The monitor's own command: its reply first, then its line.
    m.write(Buffer.from('*1\r\n$4\r\nPING\r\n'));
    await sleep(50);
    await a.command('SELECT', '1');
    await sleep(50);
    const raw = (await m.readBytes(1, 2000)).toString('latin1');
    const addrA = `127.0.0.1:${a.socket.localPort}`;
    const addrB = `127.0.0.1:${b.socket.localPort}`;
    const addrM = `127.0.0.1:${m.socket.localPort}`;
    for (const line of raw.split('\r\n')) {
      if (line === '') continue;
      const mm = /^\+(\d+)\.(\d{6}) \[(\d+) ([^\]]+)\] (.*)$/.exec(line);
      if (mm === null) {
        out.push(line);
        continue;
      }
      expect(Math.abs(Number(mm[1]) - Date.now() / 1000)).toBeLessThan(60);
      const who = mm[4] === addrA ? 'A' : mm[4] === addrB ? 'B' : mm[4] === addrM ? 'M' : `?${mm[4]}`;
      out.push(`[${mm[3]} ${who}] ${mm[5]}`);
    }
    // RESET ends monitoring: nothing more arrives.
    expect(await m.command('RESET')).toBe('+RESET\r\n');
    await a.command('SET', 'after', 'reset');
    await sleep(50);
    const more = (await m.readBytes(0, 100)).toString('latin1');
    out.push(`after RESET: ${JSON.stringify(more)}`);
    await a.command('DEL', 'after', 'bl');
  } finally {
    m.close();
    a.close();
    b.close();
  }
  return out;
}

describe('MONITOR against redis-server 7.0', () => {
  const redis = useRedisServer();
  const rw = useTestServer();

  it('streams the same lines', async () => {
    const expected = await scenario(redis.port);
    const got = await scenario(rw.port);
    if (process.env.MONITOR_DUMP) console.log(got.join("\n"));
    expect(got).toEqual(expected);
    // Sanity: the scenario did produce lines (redaction and quoting included).
    expect(got).toContain('[0 A] "AUTH" "(redacted)"');
    expect(got).toContain('[0 A] "SET" "bin" "\\x00\\"\\\\\\n\\r\\t\\a\\b\\x7f\\xff A"');
    expect(got).toContain('[2 A] "SELECT" "2"');
    expect(got.indexOf('+PONG')).toBe(got.indexOf('[0 M] "PING"') - 1);
  });
});
