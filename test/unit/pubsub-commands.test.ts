// Pub/Sub commands in memory: confirmation bytes in RESP2 and RESP3, counts,
// unsubscribe-all, PUBSUB introspection, the subscribed-mode gate, MULTI/EXEC,
// CLIENT REPLY OFF, RESET.
import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { NO_REPLY, StatusReply } from '../../protocols/reply.js';
import { Message } from '../../src/core/pubsub.js';
import { ClientFlag } from '../../src/commands/types.js';
import { text } from '../helpers/replies.js';

const bulk = (s: string) => `$${s.length}\r\n${s}\r\n`;
const conf2 = (kind: string, name: string | null, n: number) => `*3\r\n${bulk(kind)}${name === null ? '$-1\r\n' : bulk(name)}:${n}\r\n`;
const conf3 = (kind: string, name: string | null, n: number) => `>3\r\n${bulk(kind)}${name === null ? '_\r\n' : bulk(name)}:${n}\r\n`;

describe('SUBSCRIBE family: confirmations', () => {
  it('RESP2 arrays, one per argument, counting channels + patterns', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.wire('SUBSCRIBE', 'a', 'b', 'a')).toBe(conf2('subscribe', 'a', 1) + conf2('subscribe', 'b', 2) + conf2('subscribe', 'a', 2));
    expect(c.wire('PSUBSCRIBE', 'p*')).toBe(conf2('psubscribe', 'p*', 3));
    expect(c.wire('UNSUBSCRIBE', 'zz', 'a')).toBe(conf2('unsubscribe', 'zz', 3) + conf2('unsubscribe', 'a', 2));
    expect(c.wire('PUNSUBSCRIBE')).toBe(conf2('punsubscribe', 'p*', 1));
    // Nothing to drop: one confirmation with a nil name and the current count.
    expect(c.wire('PUNSUBSCRIBE')).toBe(conf2('punsubscribe', null, 1));
    expect(c.wire('UNSUBSCRIBE')).toBe(conf2('unsubscribe', 'b', 0));
    expect(c.wire('UNSUBSCRIBE')).toBe(conf2('unsubscribe', null, 0));
  });

  it('RESP3 push frames; nil is _', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('HELLO', '3');
    expect(c.wire('SUBSCRIBE', 'a')).toBe(conf3('subscribe', 'a', 1));
    expect(c.wire('PUNSUBSCRIBE')).toBe(conf3('punsubscribe', null, 1));
    expect(c.wire('SSUBSCRIBE', 's')).toBe(conf3('ssubscribe', 's', 1));
    expect(c.wire('SUNSUBSCRIBE', 's', 't')).toBe(conf3('sunsubscribe', 's', 0) + conf3('sunsubscribe', 't', 0));
    expect(c.wire('SUNSUBSCRIBE')).toBe(conf3('sunsubscribe', null, 0));
    // RESP3 has no subscribed-mode lockout.
    expect(c.wire('SET', 'k', 'v')).toBe('+OK\r\n');
    expect(c.wire('PING')).toBe('+PONG\r\n');
  });

  it('shard subscriptions are counted apart from channels and patterns (Redis 7.0)', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.wire('SSUBSCRIBE', 's1', 's2')).toBe(conf2('ssubscribe', 's1', 1) + conf2('ssubscribe', 's2', 2));
    expect(c.wire('SUBSCRIBE', 'c')).toBe(conf2('subscribe', 'c', 1));
    expect(c.wire('PSUBSCRIBE', 'p')).toBe(conf2('psubscribe', 'p', 2));
    expect(c.wire('UNSUBSCRIBE')).toBe(conf2('unsubscribe', 'c', 1));
    expect(c.wire('SUNSUBSCRIBE')).toBe(conf2('sunsubscribe', 's1', 1) + conf2('sunsubscribe', 's2', 0));
    // Still subscribed to a pattern: the RESP2 gate holds.
    expect(text(c.run('GET', 'k'))).toMatch(/^ERR Can't execute 'get'/);
  });

  it('the commands return NO_REPLY: confirmations are pushes', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('SUBSCRIBE', 'x')).toBe(NO_REPLY);
    expect(client().run('PUBLISH', 'x', 'm')).toBe(1);
  });

  it('CLIENT REPLY OFF does not silence confirmations, and SKIP is consumed by the subscribe', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('HELLO', '3');
    c.wire('CLIENT', 'REPLY', 'OFF');
    expect(c.wire('SUBSCRIBE', 'a')).toBe(conf3('subscribe', 'a', 1));
    expect(c.wire('PING')).toBe('');
    c.wire('CLIENT', 'REPLY', 'ON');
    c.wire('CLIENT', 'REPLY', 'SKIP');
    expect(c.wire('UNSUBSCRIBE', 'a')).toBe(conf3('unsubscribe', 'a', 0));
    expect(c.wire('PING')).toBe('+PONG\r\n');
  });
});

describe('RESP2 subscribed mode', () => {
  it('allows only (P|S)(UN)SUBSCRIBE, PING, QUIT, RESET; PING answers an array', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('SUBSCRIBE', 'a');
    expect(c.wire('PING')).toBe('*2\r\n$4\r\npong\r\n$0\r\n\r\n');
    expect(c.wire('PING', 'hi')).toBe('*2\r\n$4\r\npong\r\n$2\r\nhi\r\n');
    for (const [cmd, name] of [[['GET', 'k'], 'get'], [['CLIENT', 'LIST'], 'client|list'], [['MULTI'], 'multi'], [['PUBLISH', 'a', 'b'], 'publish']] as const) {
      expect(text(c.run(...cmd))).toBe(
        `ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`);
    }
    expect(c.wire('SSUBSCRIBE', 's')).toBe(conf2('ssubscribe', 's', 1));
    expect(c.wire('RESET')).toBe('+RESET\r\n');
    expect(c.channels.size + c.shardChannels.size).toBe(0);
    expect(c.wire('GET', 'k')).toBe('$-1\r\n');
  });

  it('unsubscribing from everything leaves subscribed mode', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('SUBSCRIBE', 'a');
    c.run('PSUBSCRIBE', 'b*');
    c.run('UNSUBSCRIBE');
    expect(text(c.run('GET', 'k'))).toMatch(/^ERR Can't/);
    c.run('PUNSUBSCRIBE');
    expect(c.wire('PING')).toBe('+PONG\r\n');
  });

  it('QUIT works while subscribed', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('SUBSCRIBE', 'a');
    expect(c.wire('QUIT')).toBe('+OK\r\n');
    expect(c.flags & ClientFlag.CLOSE_AFTER_REPLY).not.toBe(0);
  });
});

describe('MULTI/EXEC', () => {
  it('SUBSCRIBE inside MULTI confirms inside the EXEC array; SSUBSCRIBE is refused there', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('MULTI');
    c.run('SUBSCRIBE', 'a');
    c.run('SSUBSCRIBE', 'b');
    expect(c.wire('EXEC')).toBe(`*2\r\n${conf2('subscribe', 'a', 1)}-ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client\r\n`);
    expect(c.channels.has('a')).toBe(true);
    expect(c.shardChannels.size).toBe(0);
  });
});

describe('PUBLISH / SPUBLISH', () => {
  it('returns receivers and delivers one shared Message per kind', () => {
    const { client } = memoryServer();
    const [a, b, p] = [client(), client(), client()];
    a.run('SUBSCRIBE', 'news');
    b.run('SUBSCRIBE', 'news');
    b.run('PSUBSCRIBE', 'n*');
    a.run('SSUBSCRIBE', 'news');
    expect(p.run('PUBLISH', 'news', 'x')).toBe(3);
    expect(p.run('SPUBLISH', 'news', 'y')).toBe(1);
    expect(p.run('PUBLISH', 'nothing', 'x')).toBe(1);
    expect(p.run('PUBLISH', 'zzz', 'x')).toBe(0);
    const msgs = (s: typeof a) => s.sent.filter((m): m is Message => m instanceof Message).map((m) => [m.kind, m.pattern, m.channel, m.data]);
    expect(msgs(a)).toEqual([['message', null, 'news', 'x'], ['smessage', null, 'news', 'y']]);
    expect(msgs(b)).toEqual([['message', null, 'news', 'x'], ['pmessage', 'n*', 'news', 'x'], ['pmessage', 'n*', 'nothing', 'x']]);
  });

  it('binary channels and payloads pass through untouched', () => {
    const { client } = memoryServer();
    const [a, p] = [client(), client()];
    const ch = 'c\x00\xff\r\n';
    a.run('SUBSCRIBE', ch);
    expect(p.run('PUBLISH', ch, '\x00\x80\xff')).toBe(1);
    const m = a.sent.find((x) => x instanceof Message) as Message;
    expect([m.channel, m.data]).toEqual([ch, '\x00\x80\xff']);
  });
});

describe('PUBSUB', () => {
  it('CHANNELS, NUMSUB, NUMPAT, SHARDCHANNELS, SHARDNUMSUB', () => {
    const { client } = memoryServer();
    const [a, b, q] = [client(), client(), client()];
    a.run('SUBSCRIBE', 'news.1', 'news.2', 'other');
    b.run('SUBSCRIBE', 'news.1');
    a.run('PSUBSCRIBE', 'x*', 'y*');
    b.run('PSUBSCRIBE', 'x*');
    a.run('SSUBSCRIBE', 's1');
    b.run('SSUBSCRIBE', 's1', 's2');
    expect((q.run('PUBSUB', 'CHANNELS') as string[]).sort()).toEqual(['news.1', 'news.2', 'other']);
    expect((q.run('PUBSUB', 'channels', 'news.*') as string[]).sort()).toEqual(['news.1', 'news.2']);
    expect(q.run('PUBSUB', 'NUMSUB', 'news.1', 'other', 'none')).toEqual(['news.1', 2, 'other', 1, 'none', 0]);
    expect(q.run('PUBSUB', 'NUMSUB')).toEqual([]);
    expect(q.run('PUBSUB', 'NUMPAT')).toBe(2);
    expect((q.run('PUBSUB', 'SHARDCHANNELS') as string[]).sort()).toEqual(['s1', 's2']);
    expect(q.run('PUBSUB', 'SHARDCHANNELS', '*2')).toEqual(['s2']);
    expect(q.run('PUBSUB', 'SHARDNUMSUB', 's1', 's2', 'news.1')).toEqual(['s1', 2, 's2', 1, 'news.1', 0]);
    // RESP3 keeps NUMSUB a flat array, as Redis 7.0 does.
    q.run('HELLO', '3');
    expect(q.wire('PUBSUB', 'NUMSUB', 'other')).toBe('*2\r\n$5\r\nother\r\n:1\r\n');
  });

  it('errors and HELP as Redis 7.0', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('PUBSUB', 'CHANNELS', 'a', 'b'))).toBe("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.");
    expect(text(c.run('pubsub', 'shardchannels', 'a', 'b'))).toBe("ERR unknown subcommand or wrong number of arguments for 'shardchannels'. Try PUBSUB HELP.");
    expect(text(c.run('PUBSUB', 'NUMPAT', 'x'))).toBe("ERR wrong number of arguments for 'pubsub|numpat' command");
    expect(text(c.run('PUBSUB', 'nope'))).toBe("ERR unknown subcommand 'nope'. Try PUBSUB HELP.");
    expect(text(c.run('PUBSUB'))).toBe("ERR wrong number of arguments for 'pubsub' command");
    expect(text(c.run('SUBSCRIBE'))).toBe("ERR wrong number of arguments for 'subscribe' command");
    expect(text(c.run('PUBLISH', 'a'))).toBe("ERR wrong number of arguments for 'publish' command");
    const help = (c.run('PUBSUB', 'HELP') as StatusReply[]).map((s) => s.text);
    expect(help[0]).toBe('PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    expect(help.slice(-2)).toEqual(['HELP', '    Prints this help.']);
    expect(help.length).toBe(14);
  });

  it('disconnecting removes every subscription', () => {
    const { client, broker } = memoryServer();
    const c = client();
    c.run('SUBSCRIBE', 'a');
    c.run('PSUBSCRIBE', 'b*');
    c.run('SSUBSCRIBE', 'c');
    c.kill('test');
    expect(broker.pubsub.channels.size + broker.pubsub.patterns.size + broker.pubsub.shardChannels.size).toBe(0);
    expect(client().run('PUBLISH', 'a', 'x')).toBe(0);
  });
});
