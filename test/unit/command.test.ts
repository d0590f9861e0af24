import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { MapReply, SetReply, StatusReply, type Reply } from '../../protocols/reply.js';
import { aclCategories } from '../../src/commands/introspection.js';
import { defineCommand } from '../../src/commands/define.js';
import { Flag } from '../../src/commands/types.js';
import { text } from '../helpers/replies.js';

const names = (s: unknown) => (s as SetReply).items.map((i) => (i as StatusReply).text);

describe('COMMAND INFO / COUNT / LIST', () => {
  it('INFO get has the Redis shape', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.wire('COMMAND', 'INFO', 'get')).toBe(
      '*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n' +
      '*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n' +
      '*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n' +
      '$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n');
  });

  it('INFO of unknown names and invalid subcommands is nil; containers list their subcommands', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('COMMAND', 'INFO', 'nosuch', 'get|key', 'config|get|key')).toEqual([null, null, null]);
    const [info] = c.run('COMMAND', 'INFO', 'config') as Reply[][];
    expect(info[0]).toBe('config');
    const subs = (info[9] as Reply[][]).map((s) => s[0]);
    expect(subs).toEqual(expect.arrayContaining(['config|get', 'config|set', 'config|resetstat', 'config|rewrite', 'config|help']));
    const [sub] = c.run('COMMAND', 'INFO', 'CONFIG|GET') as Reply[][];
    expect(sub[0]).toBe('config|get');
    expect(names(sub[2])).toEqual(['admin', 'noscript', 'loading', 'stale']);
    expect(names(sub[6])).toEqual(['@admin', '@slow', '@dangerous']);
  });

  it('flags hide Redwire-only and hidden Redis flags; movablekeys is shown', () => {
    const { client } = memoryServer();
    const c = client();
    const [ping] = c.run('COMMAND', 'INFO', 'ping') as Reply[][];
    expect(names(ping[2])).toEqual(['fast']);
    const [debug] = c.run('COMMAND', 'INFO', 'debug') as Reply[][];
    expect(names(debug[2])).not.toContain('protected');
    const [multi] = c.run('COMMAND', 'INFO', 'multi') as Reply[][];
    expect(names(multi[6])).toEqual(['@fast', '@transaction']);
  });

  it('COUNT matches the table; COMMAND lists every command', () => {
    const { client, broker } = memoryServer();
    const c = client();
    expect(c.run('COMMAND', 'COUNT')).toBe(broker.commands.size);
    expect((c.run('COMMAND') as Reply[]).length).toBe(broker.commands.size);
    expect((c.run('COMMAND', 'INFO') as Reply[]).length).toBe(broker.commands.size);
  });

  it('LIST with and without filters', () => {
    const { client } = memoryServer();
    const c = client();
    const all = c.run('COMMAND', 'LIST') as string[];
    expect(all).toContain('set');
    expect(all).toContain('client|list');
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'set')).toEqual(['set']);
    const cfg = c.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'config|*re*') as string[];
    expect(cfg.sort()).toEqual(['config|resetstat', 'config|rewrite']);
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'CLIENT|L*')).toEqual(['client|list']);
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nosuch')).toEqual([]);
    const tx = c.run('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'transaction') as string[];
    expect(tx.sort()).toEqual(['discard', 'exec', 'multi', 'unwatch', 'watch']);
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x')).toEqual([]);
    expect(text(c.run('COMMAND', 'LIST', 'bad'))).toBe('ERR syntax error');
    expect(text(c.run('COMMAND', 'LIST', 'FILTERBY', 'bad', 'x'))).toBe('ERR syntax error');
    expect(text(c.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN'))).toBe('ERR syntax error');
  });
});

describe('COMMAND DOCS', () => {
  it('documents a command with its arguments and a container with its subcommands', () => {
    const { client } = memoryServer();
    const c = client();
    const r = c.run('COMMAND', 'DOCS', 'ping', 'nosuch', 'client') as MapReply;
    expect(r.entries[0]).toBe('ping');
    const ping = (r.entries[1] as MapReply).entries;
    expect(ping.slice(0, 6)).toEqual(['summary', expect.any(String), 'since', '1.0.0', 'group', 'connection']);
    expect(ping).toContain('arguments');
    expect(r.entries[2]).toBe('client');
    const client_ = (r.entries[3] as MapReply).entries;
    const subs = client_[client_.indexOf('subcommands') + 1] as MapReply;
    expect(subs.entries).toContain('client|kill');
    expect(r.entries.length).toBe(4);
  });

  it('argument maps: key_spec_index, token, flags', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.wire('COMMAND', 'DOCS', 'watch')).toContain(
      '$9\r\narguments\r\n*1\r\n*8\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n$5\r\nflags\r\n*1\r\n+multiple\r\n');
  });
});

describe('COMMAND GETKEYS / GETKEYSANDFLAGS', () => {
  it('fixed positions and flags', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('COMMAND', 'GETKEYS', 'get', 'key')).toEqual(['key']);
    expect(c.run('COMMAND', 'GETKEYS', 'MEMORY', 'USAGE', 'key')).toEqual(['key']);
    expect(c.wire('COMMAND', 'GETKEYSANDFLAGS', 'set', 'k1', 'v1')).toBe('*1\r\n*2\r\n$2\r\nk1\r\n*2\r\n+OW\r\n+update\r\n');
    expect(c.wire('COMMAND', 'GETKEYSANDFLAGS', 'set', 'k1', 'v1', 'GET')).toBe('*1\r\n*2\r\n$2\r\nk1\r\n*3\r\n+RW\r\n+access\r\n+update\r\n');
    expect(c.run('COMMAND', 'GETKEYS', 'watch', 'a', 'b', 'c')).toEqual(['a', 'b', 'c']);
  });

  it('movable keys from the fallback table', () => {
    const { client, broker } = memoryServer();
    const c = client();
    if (broker.commands.get('zunionstore') !== undefined) {
      const keys = Array.from({ length: 260 }, (_, i) => `key${i + 1}`);
      expect(c.run('COMMAND', 'GETKEYS', 'ZUNIONSTORE', 'target', '260', ...keys)).toEqual(['target', ...keys]);
      expect(text(c.run('COMMAND', 'GETKEYS', 'ZUNIONSTORE', 'target', '5', 'a'))).toBe('ERR Invalid arguments specified for command');
    }
    if (broker.commands.get('xread') !== undefined) {
      expect(c.run('COMMAND', 'GETKEYS', 'XREAD', 'COUNT', '2', 'STREAMS', 's1', 's2', '0', '0')).toEqual(['s1', 's2']);
    }
  });

  it('a spec\'s own getKeys and keyFlags win', () => {
    const spec = defineCommand({
      name: 'x', arity: -2, flags: Flag.WRITE | Flag.MOVABLE_KEYS, group: 'generic', since: '1.0.0', summary: '',
      getKeys: (argv) => [{ pos: argv.length - 1, flags: ['RW', 'insert'] }],
    });
    expect(spec.getKeys!(['x', 'a', 'b'])).toEqual([{ pos: 2, flags: ['RW', 'insert'] }]);
  });

  it('errors', () => {
    const { client } = memoryServer();
    const c = client();
    expect(text(c.run('COMMAND', 'GETKEYS', 'nosuch', 'k'))).toBe('ERR Invalid command specified');
    expect(text(c.run('COMMAND', 'GETKEYS', 'ping', 'x'))).toBe('ERR The command has no key arguments');
    expect(text(c.run('COMMAND', 'GETKEYS', 'get', 'a', 'b'))).toBe('ERR Invalid number of arguments specified for command');
    expect(text(c.run('COMMAND', 'GETKEYS', 'get'))).toBe("ERR wrong number of arguments for 'command|getkeys' command");
    expect(text(c.run('COMMAND', 'GETKEYS', 'config', 'nosuch', 'x'))).toBe('ERR Invalid command specified');
  });
});

describe('ACL categories', () => {
  it('are derived from flags like Redis', () => {
    const d = (flags: number, acl: string[] = []) =>
      aclCategories(defineCommand({ name: 'x', arity: 1, flags, acl, group: 'generic', since: '1.0.0', summary: '' }));
    expect(d(Flag.WRITE | Flag.DENYOOM, ['string'])).toEqual(['write', 'string', 'slow']);
    expect(d(Flag.READONLY | Flag.FAST, ['hash'])).toEqual(['read', 'hash', 'fast']);
    expect(d(Flag.ADMIN)).toEqual(['admin', 'slow', 'dangerous']);
    expect(d(Flag.READONLY, ['scripting'])).toEqual(['slow', 'scripting']);
    expect(d(Flag.WRITE | Flag.BLOCKING, ['list'])).toEqual(['write', 'list', 'slow', 'blocking']);
    expect(d(Flag.PUBSUB | Flag.FAST)).toEqual(['pubsub', 'fast']);
    expect(d(0, ['keyspace'])).toEqual(['keyspace', 'slow']);
  });
});
