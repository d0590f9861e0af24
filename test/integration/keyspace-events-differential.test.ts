// Keyspace notifications compared with redis-server 7.0: a script of write
// commands from every family (keyspace-events-script.ts) runs on both
// servers while a PSUBSCRIBE '*' connection records every event; a marker
// PUBLISH after each step attributes events to steps. Runs with KEA, with
// the extra m (keymiss) and n (new) classes, and with each class alone.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitInlineArgs } from '../../protocols/resp/inline.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';
import { FAMILIES } from './keyspace-events-script.js';
import { sleep } from '../helpers/wait.js';

/** Decodes the bulk strings of a RESP array reply (one level). */
function parseArray(raw: string): string[] {
  const out: string[] = [];
  let p = raw.indexOf('\r\n') + 2;
  while (p < raw.length) {
    const nl = raw.indexOf('\r\n', p);
    if (raw[p] !== '$') {
      out.push(raw.slice(p, nl));
      p = nl + 2;
      continue;
    }
    const n = Number(raw.slice(p + 1, nl));
    out.push(raw.slice(nl + 2, nl + 2 + n));
    p = nl + 2 + n + 2;
  }
  return out;
}

function argv(line: string): string[] {
  const b = Buffer.from(line, 'latin1');
  const a = splitInlineArgs(b, 0, b.length);
  if (a === null) throw new Error(`bad line ${line}`);
  return a;
}

/** Runs the script on one server with the given flags; returns "step => events" lines. */
async function record(port: number, script: string, flags: string): Promise<string[]> {
  const a = await RawConnection.connect(port);
  const b = await RawConnection.connect(port);
  const sub = await RawConnection.connect(port);
  const out: string[] = [];
  try {
    await a.command('FLUSHALL');
    // Active expiry only where the script asks for it: its timing is not comparable.
    await a.command('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    await a.command('CONFIG', 'SET', 'notify-keyspace-events', flags);
    await sub.command('PSUBSCRIBE', '*');
    let marker = 0;
    let inMulti = false;
    const lines = script.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    for (const line of lines) {
      let reply = '';
      if (line.startsWith('@B<')) reply = await b.readReply(5000);
      else if (line.startsWith('@B ')) b.write(encode(argv(line.slice(3))));
      else if (line.startsWith('SLEEP ')) await sleep(Number(line.slice(6)));
      else if (line.startsWith('WAITDBSIZE ')) {
        const want = `:${line.slice(11)}\r\n`;
        const deadline = Date.now() + 5000;
        while ((await a.command('DBSIZE')) !== want && Date.now() < deadline) await sleep(10);
      } else if (line.startsWith('DUMPRESTORE ')) {
        const [, src, dst] = line.split(' ');
        const dump = parseArray(`*1\r\n${await a.command('DUMP', src)}`)[0];
        reply = await a.command('RESTORE', dst, '0', Buffer.from(dump, 'latin1'));
      } else reply = await a.command(...argv(line));
      // Inside MULTI the marker would be queued: events of queued commands go to EXEC's step.
      const word = line.split(' ')[0].toUpperCase();
      if (word === 'MULTI') inMulti = true;
      if (word === 'EXEC' || word === 'DISCARD') inMulti = false;
      if (inMulti) {
        out.push(`${line} => (queued)`);
        continue;
      }
      // Everything the step caused is published before the marker.
      const tag = String(++marker);
      await a.command('PUBLISH', '__marker__', tag);
      const events: string[] = [];
      for (;;) {
        const [, , channel, data] = parseArray(await sub.readReply(5000));
        if (channel === '__marker__' && data === tag) break;
        events.push(`${channel} ${data}`);
      }
      const shown = reply.startsWith('-') ? ` (error ${reply.slice(1, 40).trim()})` : '';
      out.push(`${line}${shown} => ${events.length === 0 ? '-' : events.join(' | ')}`);
    }
    await a.command('CONFIG', 'SET', 'notify-keyspace-events', '');
    await a.command('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
  } finally {
    a.close();
    b.close();
    sub.close();
  }
  return out;
}

function encode(args: string[]): Buffer {
  return Buffer.concat([Buffer.from(`*${args.length}\r\n`), ...args.map((x) => Buffer.from(`$${Buffer.byteLength(x, 'latin1')}\r\n${x}\r\n`, 'latin1'))]);
}

/** Lines that differ, side by side (readable test failures). */
function mismatches(redis: string[], redwire: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(redis.length, redwire.length); i++) {
    if (redis[i] !== redwire[i]) out.push(`redis:   ${redis[i]}\nredwire: ${redwire[i]}`);
  }
  return out;
}

const CLASSES = ['g', '$', 'l', 's', 'h', 'z', 'x', 'e', 't', 'm', 'n', 'd', 'A'];

describe('keyspace events against redis-server 7.0', () => {
  const redis = useRedisServer(['--enable-debug-command', 'yes']);
  const rw = useTestServer({ 'enable-debug-command': 'yes' });

  for (const [family, script] of Object.entries(FAMILIES)) {
    for (const flags of ['KEA', 'KEAmn']) {
      it(`${family} with ${flags}`, async () => {
        const a = await record(redis.port, script, flags);
        const b = await record(rw.port, script, flags);
        if (process.env.KS_DUMP) writeFileSync(`${process.env.KS_DUMP}/${family.replace(/\W+/g, '_')}-${flags}.txt`, `${a.join('\n')}\n\n${b.join('\n')}\n`);
        expect(mismatches(a, b).join('\n\n')).toBe('');
      }, 30_000);
    }
  }

  // Each class alone (keyspace channel only, then keyevent only) over the whole script.
  const all = Object.values(FAMILIES).join('\n');
  for (const c of CLASSES) {
    it(`class ${c} alone`, async () => {
      const flags = c === 'd' || c === 'n' ? `E${c}` : `K${c}`;
      const a = await record(redis.port, all, flags);
      const b = await record(rw.port, all, flags);
      expect(mismatches(a, b).join('\n\n')).toBe('');
    }, 60_000);
  }
});
