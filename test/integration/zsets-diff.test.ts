// Byte-for-byte comparison of set and sorted-set replies with a real
// redis-server 7.0: the same
// command scripts run on both servers, in RESP2 and in RESP3.
import { describe, expect, it } from 'vitest';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer, type TestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';
import { BLOCKING_SCRIPT, SET_SCRIPT, ZSET_SCRIPT } from './zsets-diff-script.js';

/** Splits a script line into arguments: spaces separate, {..} groups, {} is empty. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') { i++; continue; }
    if (line[i] === '{') {
      const end = line.indexOf('}', i);
      out.push(line.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < line.length && line[j] !== ' ') j++;
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

/** A parsed reply: [type char, header, children or payload]. */
type Node = { t: string; h: string; k: Node[]; raw: string };

function parse(raw: string, pos = 0): [Node, number] {
  const nl = raw.indexOf('\r\n', pos);
  const t = raw[pos];
  const h = raw.slice(pos + 1, nl);
  let p = nl + 2;
  const k: Node[] = [];
  if (t === '$' || t === '=' || t === '!') {
    const n = Number(h);
    if (n >= 0) p += n + 2;
  } else if ('*~>%'.includes(t) && Number(h) >= 0) {
    const n = Number(h) * (t === '%' ? 2 : 1);
    for (let i = 0; i < n; i++) {
      const [c, q] = parse(raw, p);
      k.push(c);
      p = q;
    }
  }
  return [{ t, h, k, raw: raw.slice(pos, p) }, p];
}

function normalize(raw: string, mode: string): string {
  const [n] = parse(raw);
  if (mode === '#') return `${n.t}${n.h}`;
  if (mode === '~') return `${n.t}${n.h}|${n.k.map((c) => c.raw).sort().join('|')}`;
  return raw;
}

async function runScript(port: number, script: string, resp3: boolean, db: number): Promise<string[]> {
  const c = await RawConnection.connect(port);
  const out: string[] = [];
  try {
    if (resp3) await c.command('HELLO', '3');
    await c.command('SELECT', String(db));
    for (const line of script.split('\n')) {
      if (line.trim() === '') continue;
      const mode = '~#!'.includes(line[0]) ? line[0] : '';
      const argv = splitLine(mode ? line.slice(1) : line);
      const reply = await c.command(...argv);
      if (mode !== '!') out.push(`${line} => ${JSON.stringify(normalize(reply, mode))}`);
    }
  } finally {
    c.close();
  }
  return out;
}

/** Runs the script while a second connection records every keyspace event of the database, in order. */
async function runEvents(port: number, script: string, db: number): Promise<string[]> {
  const sub = await RawConnection.connect(port);
  const setup = await RawConnection.connect(port);
  await setup.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm');
  setup.close();
  await sub.command('PSUBSCRIBE', `__key*@${db}__:*`);
  await sub.command('SUBSCRIBE', 'zsets-diff-done');
  await runScript(port, script, false, db);
  const pub = await RawConnection.connect(port);
  await pub.command('PUBLISH', 'zsets-diff-done', 'x');
  pub.close();
  const seen: string[] = [];
  for (;;) {
    const [msg] = parse(await sub.readReply());
    const parts = msg.k.map((k) => k.raw.split('\r\n')[1]);
    if (parts[1] === 'zsets-diff-done') break;
    seen.push(parts.slice(2).join(' '));
  }
  sub.close();
  return seen;
}

/** The same recording on Redwire, through an in-process pattern subscriber (PSUBSCRIBE may be absent). */
async function runEventsInProcess(server: TestServer, script: string, db: number): Promise<string[]> {
  const setup = await RawConnection.connect(server.port);
  await setup.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm');
  setup.close();
  const seen: string[] = [];
  const sub = {
    channels: new Set<string>(), patterns: new Set<string>(), shardChannels: new Set<string>(),
    deliver(m: { channel: string; data: string }) {
      seen.push(`${m.channel} ${m.data}`);
    },
  };
  const pubsub = server.broker.pubsub as unknown as { psubscribe(s: unknown, p: string): boolean; removeSubscriber(s: unknown): void };
  pubsub.psubscribe(sub, `__key*@${db}__:*`);
  await runScript(server.port, script, false, db);
  pubsub.removeSubscriber(sub);
  return seen;
}

describe('set and sorted-set replies match redis-server byte for byte', () => {
  const redis = useRedisServer();
  const server = useTestServer();

  const cases: Array<[string, string, boolean, number]> = [
    ['sets RESP2', SET_SCRIPT, false, 1],
    ['sets RESP3', SET_SCRIPT, true, 2],
    ['zsets RESP2', ZSET_SCRIPT, false, 3],
    ['zsets RESP3', ZSET_SCRIPT, true, 4],
    ['blocking RESP2', BLOCKING_SCRIPT, false, 5],
    ['blocking RESP3', BLOCKING_SCRIPT, true, 6],
  ];
  it('keyspace events', async () => {
    const script = SET_SCRIPT + ZSET_SCRIPT + BLOCKING_SCRIPT;
    const expected = await runEvents(redis.port, script, 7);
    const actual = await runEventsInProcess(server, script, 7);
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.some((e) => e.includes('keymiss'))).toBe(true);
    expect(actual).toEqual(expected);
  });

  for (const [name, script, resp3, db] of cases) {
    it(name, async () => {
      const expected = await runScript(redis.port, script, resp3, db);
      const actual = await runScript(server.port, script, resp3, db);
      expect(actual).toEqual(expected);
    });
  }
});
