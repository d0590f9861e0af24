// The pub/sub registry: pattern index against a brute-force globMatch oracle,
// delivery order, counts, group (weighted) subscribers, churn.
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/core/glob.js';
import { Message, PubSub, type Subscriber } from '../../src/core/pubsub.js';
import { PatternIndex } from '../../src/core/pattern-index.js';

class Sub implements Subscriber {
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
  readonly got: Message[] = [];
  constructor(public weight?: number) {}
  deliver(msg: Message): void {
    this.got.push(msg);
  }
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'b', 'c', '.', ':', '*', '?', '[', ']', '^', '-', '\\', '\xff', '\x00'];

function randomString(r: () => number, max: number, alphabet: string[]): string {
  const n = Math.floor(r() * (max + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

describe('PatternIndex', () => {
  it('finds exactly the patterns globMatch accepts (random patterns and channels)', () => {
    const r = rng(42);
    const index = new PatternIndex<number>();
    const patterns = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const p = randomString(r, 7, ALPHABET);
      patterns.add(p);
      index.add(p, new Set([i]));
    }
    // Some structured shapes too.
    for (const p of ['*', '**', '', 'a*', 'ab*', 'ab**', '*b', '**b', '?b', '*a?b', 'a\\*', '[ab]*', '*[a]', 'ab', 'a*b', 'a[', '*a[',
      '\\', 'a\\', '\\a*', '*\\*', '*[.]b', '*[ab', '*[a\\]b', '*[a-c]b', '*[^a]b', '?[]]a', '*\\[ab']) {
      patterns.add(p);
      index.add(p, new Set([0]));
    }
    expect(index.size).toBe(patterns.size);
    const channels = ['', 'a', 'b', 'ab', 'abb', 'ba', 'a*', 'a.b', 'aab', 'ab:c', '\xff', 'a[', 'a\\'];
    for (let i = 0; i < 3000; i++) channels.push(randomString(r, 8, ALPHABET.filter((c) => c !== '*')));
    for (const ch of channels) {
      const out: Array<{ pattern: string }> = [];
      index.match(ch, out as never);
      const got = out.map((e) => e.pattern).sort();
      const want = [...patterns].filter((p) => globMatch(p, ch)).sort();
      expect(got, `channel ${JSON.stringify(ch)}`).toEqual(want);
    }
  });

  it('removing patterns prunes the tries and keeps the others matching', () => {
    const r = rng(7);
    const index = new PatternIndex<number>();
    const live = new Set<string>();
    for (let round = 0; round < 4000; round++) {
      const p = randomString(r, 5, ['a', 'b', '*', '?', '[', ']']);
      if (live.has(p)) {
        expect(index.delete(p)).toBe(true);
        live.delete(p);
      } else {
        index.add(p, new Set());
        live.add(p);
      }
      if (round % 100 === 0) {
        for (const ch of ['', 'a', 'ab', 'ba', 'aab', 'bbba']) {
          const out: Array<{ pattern: string }> = [];
          index.match(ch, out as never);
          expect(out.map((e) => e.pattern).sort()).toEqual([...live].filter((q) => globMatch(q, ch)).sort());
        }
      }
    }
    for (const p of [...live]) index.delete(p);
    expect(index.size).toBe(0);
    expect(index.delete('zz')).toBe(false);
    // Nothing left behind in the tries.
    const inner = index as unknown as { prefixes: { children: Map<number, unknown> | null }; suffixes: { children: Map<number, unknown> | null } };
    expect(inner.prefixes.children?.size ?? 0).toBe(0);
    expect(inner.suffixes.children?.size ?? 0).toBe(0);
  });
});

describe('PubSub', () => {
  it('channel subscribers first, in subscription order, then patterns; counts receivers', () => {
    const ps = new PubSub();
    const [a, b, c] = [new Sub(), new Sub(), new Sub()];
    ps.subscribe(b, 'news');
    ps.subscribe(a, 'news');
    ps.psubscribe(c, 'n*');
    ps.psubscribe(a, 'ne?s');
    expect(ps.publish('news', 'hi')).toBe(4);
    expect(b.got.map((m) => m.kind)).toEqual(['message']);
    expect(a.got.map((m) => [m.kind, m.pattern])).toEqual([['message', null], ['pmessage', 'ne?s']]);
    expect(c.got[0]).toMatchObject({ kind: 'pmessage', pattern: 'n*', channel: 'news', data: 'hi' });
    // One Message object per (kind, pattern): every recipient shares it.
    expect(a.got[0]).toBe(b.got[0]);
    expect(ps.publish('other', 'x')).toBe(0);
    expect(ps.published).toBe(2);
    expect(ps.delivered).toBe(4);
  });

  it('duplicate subscriptions are no-ops; removeSubscriber drops everything', () => {
    const ps = new PubSub();
    const a = new Sub();
    expect(ps.subscribe(a, 'x')).toBe(true);
    expect(ps.subscribe(a, 'x')).toBe(false);
    expect(ps.psubscribe(a, 'x*')).toBe(true);
    expect(ps.psubscribe(a, 'x*')).toBe(false);
    expect(ps.ssubscribe(a, 'x')).toBe(true);
    expect(ps.unsubscribe(a, 'nope')).toBe(false);
    expect(ps.publish('x', 'm')).toBe(2);
    expect(ps.spublish('x', 'm')).toBe(1);
    ps.removeSubscriber(a);
    expect(ps.channels.size + ps.patterns.size + ps.shardChannels.size).toBe(0);
    expect(a.channels.size + a.patterns.size + a.shardChannels.size).toBe(0);
    expect(ps.publish('x', 'm')).toBe(0);
    expect(ps.matchingPatterns('x')).toEqual([]);
  });

  it('shard channels and channels are separate namespaces; patterns ignore shard messages', () => {
    const ps = new PubSub();
    const a = new Sub();
    const b = new Sub();
    ps.ssubscribe(a, 'ch');
    ps.subscribe(b, 'ch');
    ps.psubscribe(b, '*');
    expect(ps.spublish('ch', 'm')).toBe(1);
    expect(a.got.map((m) => m.kind)).toEqual(['smessage']);
    expect(b.got).toEqual([]);
    expect(ps.publish('ch', 'm')).toBe(2);
    expect(a.got.length).toBe(1);
  });

  it('a pattern re-subscribed after its last subscriber left matches again (index follows the set)', () => {
    const ps = new PubSub();
    const a = new Sub();
    const b = new Sub();
    ps.psubscribe(a, 'p.*');
    ps.punsubscribe(a, 'p.*');
    ps.psubscribe(b, 'p.*');
    expect(ps.publish('p.1', 'x')).toBe(1);
    expect(b.got.length).toBe(1);
    expect(a.got.length).toBe(0);
  });

  it('group subscribers count as their weight in PUBLISH, SPUBLISH, NUMSUB, SHARDNUMSUB', () => {
    const ps = new PubSub();
    const plain = new Sub();
    const group = new Sub(250);
    ps.subscribe(plain, 'room');
    ps.subscribe(group, 'room');
    ps.psubscribe(group, 'ro*');
    ps.ssubscribe(group, 'room');
    expect(ps.publish('room', 'hi')).toBe(1 + 250 + 250);
    expect(group.got.length).toBe(2); // one delivery per message for the whole group
    expect(ps.spublish('room', 'hi')).toBe(250);
    expect(ps.numsub('room')).toBe(251);
    expect(ps.shardNumsub('room')).toBe(250);
    group.weight = 3; // the value may change while subscribed
    expect(ps.numsub('room')).toBe(4);
    expect(ps.publish('room', 'x')).toBe(1 + 3 + 3);
    ps.removeSubscriber(group);
    // Back to plain counting.
    expect((ps as unknown as { weighted: number }).weighted).toBe(0);
    expect(ps.numsub('room')).toBe(1);
    expect(ps.delivered).toBe(501 + 250 + 7);
  });

  it('survives subscriptions changing during delivery', () => {
    const ps = new PubSub();
    const victim = new Sub();
    const killer: Subscriber = {
      channels: new Set(), patterns: new Set(), shardChannels: new Set(),
      deliver: () => {
        ps.removeSubscriber(victim);
        ps.publish('nested', 'n'); // re-entrant publish uses its own match list
      },
    };
    ps.psubscribe(killer, 'a*');
    ps.psubscribe(victim, 'ab*');
    ps.psubscribe(victim, 'nest*');
    ps.publish('abc', 'x');
    expect(ps.patterns.has('ab*')).toBe(false);
  });

  it('10,000 patterns: a publish tests only its candidates', () => {
    const ps = new PubSub();
    const subs: Sub[] = [];
    for (let i = 0; i < 10_000; i++) {
      const s = new Sub();
      subs.push(s);
      ps.psubscribe(s, `sensor.${i}.*`);
    }
    const index = (ps as unknown as { patternIndex: PatternIndex<Subscriber> }).patternIndex;
    expect(index.size).toBe(10_000);
    expect(ps.publish('sensor.4242.temp', '21')).toBe(1);
    expect(subs[4242].got.length).toBe(1);
    expect(ps.publish('sensor.x', '21')).toBe(0);
  });
});
