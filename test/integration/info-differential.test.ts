// INFO against redis-server 7.0: the same sections for every selector and the
// same fields in each section (Redwire adds a few of its own at known places,
// and leaves out only the fields listed below).
import { describe, expect, it } from 'vitest';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';

/** Redis 7.0 fields Redwire does not report: C build details and I/O counters it does not keep. */
const LEFT_OUT = new Set(['atomicvar_api', 'gcc_version', 'total_reads_processed', 'total_writes_processed']);
/** Redwire's own fields. */
const ADDED = new Set([
  'redwire_version', 'node_version', 'pubsub_clients', 'watching_clients', 'connected_clients_tcp', 'connected_clients_ws',
  'connected_clients_http', 'v8_heap_total', 'v8_heap_used', 'v8_external', 'pubsub_messages_published',
  'pubsub_messages_delivered', 'client_output_buffer_limit_disconnections',
]);
/** Sections whose lines depend on what ran (commands, errors, keys). */
const VARIABLE = new Set(['Commandstats', 'Errorstats', 'Latencystats', 'Keyspace']);

type Sections = Map<string, string[]>;

async function info(port: number, ...args: string[]): Promise<Sections> {
  const c = await RawConnection.connect(port);
  const raw = await c.command('INFO', ...args);
  c.close();
  const body = raw.slice(raw.indexOf('\r\n') + 2);
  const out: Sections = new Map();
  let cur: string[] = [];
  for (const line of body.split('\r\n')) {
    if (line.startsWith('# ')) out.set(line.slice(2), (cur = []));
    else if (line.includes(':')) cur.push(line.slice(0, line.indexOf(':')));
  }
  return out;
}

describe('INFO vs redis-server', () => {
  const redis = useRedisServer();
  const redwire = useTestServer();

  for (const args of [[], ['default'], ['all'], ['everything'], ['cpu', 'sentinel'], ['cpu', 'all'], ['cpu', 'default'], ['commandSTATS'], ['modules'], ['bogus']]) {
    it(`INFO ${args.join(' ')}: same sections`, async () => {
      const [a, b] = await Promise.all([info(redis.port, ...args), info(redwire.port, ...args)]);
      expect([...b.keys()]).toEqual([...a.keys()]);
    });
  }

  it('same fields in the same order, except the documented ones', async () => {
    const [a, b] = await Promise.all([info(redis.port, 'everything'), info(redwire.port, 'everything')]);
    for (const [section, theirs] of a) {
      if (VARIABLE.has(section)) continue;
      const ours = b.get(section)!.filter((f) => !ADDED.has(f));
      expect({ section, fields: ours }).toEqual({ section, fields: theirs.filter((f) => !LEFT_OUT.has(f)) });
    }
  });
});
