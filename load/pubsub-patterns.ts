// Micro benchmark of pattern matching on PUBLISH: ns per publish() with
// 10,000 subscribed patterns of which one matches, for several pattern
// shapes, against a linear scan that tests every pattern (what Redis does,
// and what a cache-less registry would do). Also PUBLISH under pattern
// churn (a PSUBSCRIBE + PUNSUBSCRIBE before every publish), which defeats
// any cache that is cleared when the pattern set changes.
//
// usage (after npm run build): node dist/load/pubsub-patterns.js [--patterns 10000] [--publishes 200000]
import { globMatch } from '../src/core/glob.js';
import { PubSub, type Message, type Subscriber } from '../src/core/pubsub.js';
import { option, printTable } from './lib/table.js';

const PATTERNS = Number(option('patterns', 'PATTERNS', '10000'));
const PUBLISHES = Number(option('publishes', 'PUBLISHES', '200000'));

class Sink implements Subscriber {
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
  got = 0;
  deliver(_msg: Message): void {
    this.got++;
  }
}

interface Shape {
  name: string;
  /** The i-th pattern; pattern(hit) matches `channel`, no other does. */
  pattern(i: number): string;
  channel: string;
  hit: number;
}

const SHAPES: Shape[] = [
  { name: 'prefix  sensor:<i>:*', pattern: (i) => `sensor:${i}:*`, channel: 'sensor:4242:temp', hit: 4242 },
  { name: 'suffix  *:<i>:temp', pattern: (i) => `*:${i}:temp`, channel: 'room:4242:temp', hit: 4242 },
  { name: 'literal user.<i>', pattern: (i) => `user.${i}`, channel: 'user.4242', hit: 4242 },
  { name: 'class+suffix  *[.]<i>', pattern: (i) => `*[.]${i}`, channel: 'x.4242', hit: 4242 },
  // No literal prefix or suffix: nothing to index; every pattern is tested once per channel,
  // then the channel's matches are cached until an unanchored pattern comes or goes.
  { name: 'unanchored  *:<i>:* (cached)', pattern: (i) => `*:${i}:*`, channel: 'a:4242:b', hit: 4242 },
];

function timeNs(iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(iterations, 2000); i++) fn(); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - t0) / iterations;
}

function fmt(ns: number): string {
  return ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
}

const rows: string[][] = [['pattern shape', 'indexed publish', 'linear scan', 'speed-up', 'indexed under churn']];
for (const shape of SHAPES) {
  const ps = new PubSub();
  const subs: Sink[] = [];
  const all: string[] = [];
  for (let i = 0; i < PATTERNS; i++) {
    const s = new Sink();
    subs.push(s);
    const p = shape.pattern(i);
    all.push(p);
    ps.psubscribe(s, p);
  }
  // Check the premise: exactly one pattern matches.
  const matching = all.filter((p) => globMatch(p, shape.channel));
  if (matching.length !== 1 || ps.publish(shape.channel, 'x') !== 1) throw new Error(`${shape.name}: ${matching.length} patterns match`);
  const indexed = timeNs(PUBLISHES, () => void ps.publish(shape.channel, 'payload'));
  // The linear scan the index replaces: test every pattern, deliver to the matches.
  const scanIters = Math.max(200, Math.floor(PUBLISHES / 200));
  const linear = timeNs(scanIters, () => {
    for (let i = 0; i < all.length; i++) if (globMatch(all[i], shape.channel)) subs[i].got++;
  });
  // Churn: every publish comes right after a pattern was added and removed.
  const churner = new Sink();
  let k = 0;
  const churn = timeNs(Math.floor(PUBLISHES / 4), () => {
    const p = `churn:${k++ & 1023}:*`;
    ps.psubscribe(churner, p);
    ps.punsubscribe(churner, p);
    ps.publish(shape.channel, 'payload');
  });
  if (subs[shape.hit].got === 0) throw new Error('no delivery');
  rows.push([shape.name, fmt(indexed), fmt(linear), `${(linear / indexed).toFixed(0)}x`, fmt(churn)]);
}
console.log(`PUBLISH with ${PATTERNS} subscribed patterns, one matching (${PUBLISHES} publishes per row; churn = PSUBSCRIBE+PUNSUBSCRIBE+PUBLISH)`);
printTable(rows);
