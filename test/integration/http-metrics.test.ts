// /healthz, /metrics (checked line by line against the Prometheus text
// format's rules) and /stats.json, with figures that follow real traffic.
import { beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { get, useHttpServer } from './http-helpers.js';
import { until } from '../helpers/wait.js';
import { Exposition, escapeLabel } from '../../src/net/http-metrics.js';

const s = useHttpServer();
let url: string;

beforeAll(() => {
  url = s.httpUrl;
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the text format strictly: every sample belongs to a family declared
 * by HELP then TYPE before it, families are not interleaved, counters end in
 * _total, label values are properly escaped, values are numbers.
 */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples: Sample[] = [];
  let current = '';
  const seen = new Set<string>();
  for (const line of text.slice(0, -1).split('\n')) {
    let m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (m !== null) {
      expect(helped.has(m[1]), `HELP twice for ${m[1]}`).toBe(false);
      helped.add(m[1]);
      current = m[1];
      continue;
    }
    m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)$/.exec(line);
    if (m !== null) {
      expect(m[1]).toBe(current);
      types.set(m[1], m[2]);
      if (m[2] === 'counter') expect(m[1]).toMatch(/_total$/);
      continue;
    }
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/.exec(line);
    expect(m, `bad line: ${line}`).not.toBeNull();
    const [, name, labelText, value] = m!;
    expect(name, `sample ${name} outside its family`).toBe(current);
    expect(types.has(name)).toBe(true);
    const labels: Record<string, string> = {};
    if (labelText !== undefined) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|\})/gy;
      re.lastIndex = 1;
      let end = false;
      while (!end) {
        const lm = re.exec(labelText);
        expect(lm, `bad labels: ${labelText}`).not.toBeNull();
        labels[lm![1]] = lm![2].replace(/\\(["\\n])/g, (_x, c: string) => (c === 'n' ? '\n' : c));
        end = lm![3] === '}';
      }
      expect(re.lastIndex).toBe(labelText.length);
    }
    const key = name + JSON.stringify(labels);
    expect(seen.has(key), `duplicate sample ${key}`).toBe(false);
    seen.add(key);
    expect(value).toMatch(/^(-?\d+(\.\d+)?(e[+-]?\d+)?|NaN|[+-]Inf)$/);
    samples.push({ name, labels, value: Number(value) });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;
}

describe('/healthz', () => {
  it('answers 200 with a small JSON document', async () => {
    const r = await get(url, '/healthz');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    const h = r.json() as Record<string, unknown>;
    expect(h.status).toBe('ok');
    expect(typeof h.uptime).toBe('number');
    expect(typeof h.version).toBe('string');
  });
});

describe('/metrics', () => {
  it('is valid text exposition format with the documented families', async () => {
    const r = await get(url, '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { types } = parseExposition(r.text);
    for (const [name, type] of [
      ['redwire_connected_clients', 'gauge'], ['redwire_commands_processed_total', 'counter'], ['redwire_command_calls_total', 'counter'],
      ['redwire_command_duration_seconds_total', 'counter'], ['redwire_pubsub_channels', 'gauge'], ['redwire_pubsub_patterns', 'gauge'],
      ['redwire_pubsub_messages_published_total', 'counter'], ['redwire_pubsub_messages_delivered_total', 'counter'],
      ['redwire_slow_consumers_disconnected_total', 'counter'], ['redwire_memory_used_bytes', 'gauge'], ['process_resident_memory_bytes', 'gauge'],
      ['redwire_db_keys', 'gauge'], ['redwire_expired_keys_total', 'counter'], ['redwire_evicted_keys_total', 'counter'],
      ['redwire_event_loop_lag_seconds', 'gauge'], ['redwire_event_loop_lag_p99_seconds', 'gauge'], ['redwire_uptime_seconds', 'gauge'],
    ]) expect([name, types.get(name)]).toEqual([name, type]);
  });

  it('follows traffic: clients by transport, commands, pub/sub, keys, expiry, memory', async () => {
    const sub = new Redis({ port: s.port });
    await sub.subscribe('m1', 'm2');
    await sub.psubscribe('p*');
    const sse = await fetch(`${url}/sse?channel=m1`);
    const reader = sse.body!.getReader();
    await reader.read();
    await s.redis.set('k1', 'v');
    await s.redis.select(2);
    await s.redis.set('k2', 'v', 'PX', 1);
    await s.redis.select(0);
    await new Promise((r) => setTimeout(r, 5));
    await s.redis.exists('k2'); // db0: no such key; the expired key goes through active or lazy expiry below
    await s.redis.select(2);
    await s.redis.get('k2');
    await s.redis.select(0);
    expect(await s.redis.publish('m1', 'x')).toBe(2);
    await until(async () => (await get(url, '/stats.json')).text.includes('"sse":1'));
    await until(async () => {
      const samples = parseExposition((await get(url, '/metrics')).text).samples;
      return value(samples, 'redwire_connected_clients', { transport: 'sse' }) === 1 && (value(samples, 'redwire_expired_keys_total') ?? 0) >= 1;
    });
    const { samples } = parseExposition((await get(url, '/metrics')).text);
    expect(value(samples, 'redwire_connected_clients', { transport: 'tcp' })).toBe(2);
    expect(value(samples, 'redwire_connected_clients', { transport: 'ws' })).toBe(0);
    expect(value(samples, 'redwire_connected_clients', { transport: 'http' })).toBe(0);
    expect(value(samples, 'redwire_pubsub_clients')).toBe(2);
    expect(value(samples, 'redwire_pubsub_channels')).toBe(2);
    expect(value(samples, 'redwire_pubsub_patterns')).toBe(1);
    expect(value(samples, 'redwire_pubsub_messages_published_total')).toBeGreaterThanOrEqual(1);
    expect(value(samples, 'redwire_pubsub_messages_delivered_total')).toBeGreaterThanOrEqual(2);
    expect(value(samples, 'redwire_command_calls_total', { command: 'set' })).toBe(2);
    expect(value(samples, 'redwire_command_calls_total', { command: 'publish' })).toBe(1);
    expect(value(samples, 'redwire_command_duration_seconds_total', { command: 'set' })).toBeGreaterThan(0);
    expect(value(samples, 'redwire_commands_processed_total')).toBeGreaterThanOrEqual(10);
    expect(value(samples, 'redwire_db_keys', { db: '0' })).toBe(1);
    expect(value(samples, 'redwire_db_keys', { db: '2' })).toBe(0);
    expect(value(samples, 'redwire_expired_keys_total')).toBe(1);
    // The INFO figure, read a moment later (client buffers may differ by a little).
    const infoUsed = Number(/used_memory:(\d+)/.exec(await s.redis.info('memory'))![1]);
    expect(Math.abs(value(samples, 'redwire_memory_used_bytes')! - infoUsed)).toBeLessThan(infoUsed / 10);
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(value(samples, 'redwire_event_loop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(samples, 'redwire_errors_total', { code: 'ERR' }) ?? 0).toBe(0);
    await s.redis.call('NOSUCHCOMMAND').catch(() => {});
    const after = parseExposition((await get(url, '/metrics')).text).samples;
    expect(value(after, 'redwire_errors_total', { code: 'ERR' })).toBe(1);
    await reader.cancel();
    sub.disconnect();
  });

  it('escapes label values and HELP text', () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const x = new Exposition().family('t_total', 'counter', 'help with \\ and\nnewline').sample('t_total', 1, [['l', 'q"\\\n']]);
    expect(x.toString()).toBe('# HELP t_total help with \\\\ and\\nnewline\n# TYPE t_total counter\nt_total{l="q\\"\\\\\\n"} 1\n');
    expect(parseExposition(x.toString()).samples[0].labels.l).toBe('q"\\\n');
    expect(new Exposition().one('g', 'gauge', 'h', NaN).toString()).toContain('g NaN\n');
  });
});

describe('/stats.json', () => {
  it('reports clients, totals, memory and the busiest channels', async () => {
    const subs = [new Redis({ port: s.port }), new Redis({ port: s.port })];
    await subs[0].subscribe('busy', 'quiet');
    await subs[1].subscribe('busy');
    await until(async () => (await get(url, '/stats.json')).text.includes('"tcp":3,'));
    const r = await get(url, '/stats.json');
    expect(r.headers.get('content-type')).toBe('application/json');
    const st = r.json() as {
      clients: Record<string, number>; channels: Array<{ name: string; subscribers: number }>; channelCount: number;
      commands: number; memory: { used: number; rss: number }; keys: number; loopLagMs: { p99: number };
    };
    expect(st.clients.tcp).toBe(3);
    expect(st.clients.total).toBe(3);
    expect(st.channelCount).toBe(2);
    expect(st.channels).toEqual([{ name: 'busy', subscribers: 2 }, { name: 'quiet', subscribers: 1 }]);
    expect(st.commands).toBeGreaterThan(0);
    expect(st.memory.used).toBeGreaterThan(0);
    expect(st.memory.rss).toBeGreaterThan(0);
    expect(typeof st.keys).toBe('number');
    expect(typeof st.loopLagMs.p99).toBe('number');
    for (const c of subs) c.disconnect();
  });
});
