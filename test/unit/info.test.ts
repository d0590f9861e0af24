import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { VerbatimReply } from '../../protocols/reply.js';
import { infoText } from '../../src/commands/info.js';
import { REDIS_COMPAT_VERSION, VERSION } from '../../src/version.js';

/** INFO text -> { field: value } and the list of section titles. */
function parse(info: string): { fields: Record<string, string>; sections: string[] } {
  const fields: Record<string, string> = {};
  const sections: string[] = [];
  for (const line of info.split('\r\n')) {
    if (line.startsWith('# ')) sections.push(line.slice(2));
    else if (line.includes(':')) fields[line.slice(0, line.indexOf(':'))] = line.slice(line.indexOf(':') + 1);
  }
  return { fields, sections };
}

const DEFAULT = ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules', 'Errorstats', 'Cluster', 'Keyspace'];

describe('INFO section selection', () => {
  it('default, all, everything and multiple sections', () => {
    const { broker } = memoryServer();
    expect(parse(infoText(broker, [])).sections).toEqual(DEFAULT);
    expect(parse(infoText(broker, ['default'])).sections).toEqual(DEFAULT);
    const all = parse(infoText(broker, ['all'])).sections;
    expect(all).toEqual(['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules',
      'Commandstats', 'Errorstats', 'Latencystats', 'Cluster', 'Keyspace']);
    expect(parse(infoText(broker, ['everything'])).sections).toEqual(all);
    expect(parse(infoText(broker, ['cpu'])).sections).toEqual(['CPU']);
    expect(parse(infoText(broker, ['CommandSTATS'])).sections).toEqual(['Commandstats']);
    expect(parse(infoText(broker, ['cpu', 'sentinel'])).sections).toEqual(['CPU']);
    expect(parse(infoText(broker, ['keyspace', 'cpu', 'cpu'])).sections).toEqual(['CPU', 'Keyspace']);
    expect(parse(infoText(broker, ['cpu', 'all'])).sections).toEqual(all);
    expect(parse(infoText(broker, ['modules'])).sections).toEqual(['Modules']);
    expect(infoText(broker, ['nosuchsection'])).toBe('');
  });

  it('sections are separated by one blank line and lines end with CRLF', () => {
    const { broker } = memoryServer();
    const t = infoText(broker, ['server', 'cluster']);
    expect(t).toMatch(/^# Server\r\n(?:[a-z_0-9]+:[^\r\n]*\r\n)+\r\n# Cluster\r\ncluster_enabled:0\r\n$/);
  });

  it('the reply is a verbatim txt string', () => {
    const { client } = memoryServer();
    const r = client().run('INFO', 'cluster') as VerbatimReply;
    expect(r).toBeInstanceOf(VerbatimReply);
    expect(r.format).toBe('txt');
  });
});

describe('INFO figures', () => {
  it('server: versions, uptime from the clock', () => {
    const { broker, clock } = memoryServer();
    clock.advance(3 * 86400_000 + 5000);
    const f = parse(infoText(broker, ['server'])).fields;
    expect(f.redis_version).toBe(REDIS_COMPAT_VERSION);
    expect(f.redwire_version).toBe(VERSION);
    expect(f.redis_mode).toBe('standalone');
    expect(f.uptime_in_seconds).toBe(String(3 * 86400 + 5));
    expect(f.uptime_in_days).toBe('3');
    expect(f.run_id).toMatch(/^[0-9a-f]{40}$/);
    expect(f.process_id).toBe(String(process.pid));
  });

  it('clients: connected, pubsub, watching, blocked, by transport', () => {
    const { broker, client } = memoryServer();
    const a = client(), b = client(), c = client();
    b.run('SUBSCRIBE', 'x');
    c.run('WATCH', 'k');
    if (broker.commands.get('blpop') !== undefined) a.run('BLPOP', 'l', '0');
    const f = parse(infoText(broker, ['clients'])).fields;
    expect(f.connected_clients).toBe('3');
    expect(f.pubsub_clients).toBe('1');
    expect(f.watching_clients).toBe('1');
    expect(f.maxclients).toBe('10000');
    expect(f.connected_clients_tcp).toBe('3');
    if (broker.commands.get('blpop') !== undefined) expect(f.blocked_clients).toBe('1');
  });

  it('memory: used_memory from the process, human forms', () => {
    const { broker } = memoryServer();
    const f = parse(infoText(broker, ['memory'])).fields;
    expect(Number(f.used_memory)).toBeGreaterThan(1_000_000);
    expect(f.used_memory_human).toMatch(/^\d+\.\d\dM$/);
    expect(Number(f.used_memory_rss)).toBeGreaterThan(Number(f.used_memory) / 10);
    expect(Number(f.used_memory_peak)).toBeGreaterThanOrEqual(Number(f.used_memory));
    expect(f.maxmemory).toBe('0');
    expect(f.maxmemory_human).toBe('0B');
    expect(f.maxmemory_policy).toBe('noeviction');
  });

  it('stats: counters from the server', () => {
    const { broker, client } = memoryServer();
    const c = client();
    c.run('SET', 'k', 'v');
    c.run('GET', 'k');
    c.run('GET', 'nope');
    c.run('SUBSCRIBE', 'a');
    c.run('PSUBSCRIBE', 'p*');
    c.run('NOSUCH');
    const psub = broker.commands.get('psubscribe') !== undefined;
    const f = parse(infoText(broker, ['stats'])).fields;
    expect(f.total_connections_received).toBe('1');
    expect(Number(f.total_commands_processed)).toBeGreaterThanOrEqual(4);
    expect(f.keyspace_hits).toBe('1');
    expect(f.keyspace_misses).toBe('1');
    expect(f.pubsub_channels).toBe('1');
    if (psub) expect(f.pubsub_patterns).toBe('1');
    expect(f.total_error_replies).toBe(psub ? '1' : '2');
    expect(f.instantaneous_ops_per_sec).toBe('0');
    expect(f.client_output_buffer_limit_disconnections).toBe('0');
  });

  it('instantaneous_ops_per_sec comes from cron samples', () => {
    const { broker, client, clock } = memoryServer();
    const c = client();
    broker.cron();
    for (let s = 0; s < 20; s++) {
      for (let i = 0; i < 50; i++) c.run('PING');
      clock.advance(100);
      broker.cron();
    }
    const f = parse(infoText(broker, ['stats'])).fields;
    expect(f.instantaneous_ops_per_sec).toBe('500');
  });

  it('commandstats and errorstats, with subcommands as parent|sub', () => {
    const { broker, client } = memoryServer();
    const c = client();
    // Command specs (and their stats) are shared by every Broker in the process: start from zero.
    c.run('CONFIG', 'RESETSTAT');
    c.run('SET', 'k', 'v');
    c.run('SET', 'k');
    c.run('CONFIG', 'GET', 'maxmemory');
    c.run('SELECT', '99');
    const t = infoText(broker, ['commandstats', 'errorstats']);
    expect(t).toMatch(/\r\ncmdstat_set:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=1,failed_calls=0\r\n/);
    expect(t).toMatch(/\r\ncmdstat_config\|get:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0\r\n/);
    expect(t).toMatch(/\r\ncmdstat_select:calls=1,.*,rejected_calls=0,failed_calls=1\r\n/);
    expect(t).not.toMatch(/cmdstat_get:/);
    expect(t).toMatch(/# Errorstats\r\nerrorstat_ERR:count=2\r\n$/);
  });

  it('keyspace: keys, expires, avg_ttl per non-empty db', () => {
    const { broker, client } = memoryServer();
    const c = client();
    c.run('SET', 'a', '1');
    c.run('SET', 'b', '1', 'PX', '10000');
    c.run('SELECT', '3');
    c.run('SET', 'c', '1');
    expect(infoText(broker, ['keyspace'])).toBe('# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=10000\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n');
  });

  it('cpu figures are seconds with six decimals', () => {
    const { broker } = memoryServer();
    const f = parse(infoText(broker, ['cpu'])).fields;
    for (const k of ['used_cpu_sys', 'used_cpu_user', 'used_cpu_sys_children', 'used_cpu_user_children']) {
      expect(f[k]).toMatch(/^\d+\.\d{6}$/);
    }
  });
});
