// XINFO STREAM [FULL [COUNT n]] / GROUPS / CONSUMERS / HELP.
import { ERR_NO_SUCH_KEY, MapReply, type Reply } from '../../protocols/reply.js';
import type { Stream } from '../core/types/stream.js';
import { MAX_ID, MIN_ID } from '../core/types/stream-id.js';
import type { ConsumerGroup } from '../core/types/stream-group.js';
import { intArg, is, isErr } from './args.js';
import { entriesReply, entryReply, lookupStream, noGroupForKeyError } from './streams-common.js';
import { helpReply, subcommandSyntaxError } from './help.js';
import type { Client } from './types.js';
import { narrowInt64 } from '../core/int64.js';

const XINFO_HELP = helpReply('xinfo', [
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
]);

/** entries-read as shown: nil when unknown. */
function entriesRead(g: ConsumerGroup): Reply {
  return g.entriesRead === -1n ? null : narrowInt64(g.entriesRead);
}

function lag(s: Stream, g: ConsumerGroup): Reply {
  const l = s.lag(g);
  return l === null ? null : narrowInt64(l);
}

/** XINFO <subcommand> ... */
function xinfo(c: Client, argv: string[]): Reply {
  const sub = argv[1];
  if (is(sub, 'HELP')) return argv.length === 2 ? XINFO_HELP : subcommandSyntaxError(argv);
  if (argv.length < 3) return subcommandSyntaxError(argv);
  const key = argv[2];
  const s = lookupStream(c, key, true);
  if (s === undefined) return ERR_NO_SUCH_KEY;
  if (isErr(s)) return s;
  if (is(sub, 'CONSUMERS') && argv.length === 4) {
    const g = s.group(argv[3]);
    if (g === undefined) return noGroupForKeyError(argv[3], key);
    const now = c.server.clock.now();
    return g.sortedConsumers().map((consumer) => {
      const idle = now - consumer.seenTime;
      return new MapReply(['name', consumer.name, 'pending', consumer.pel.size, 'idle', idle < 0 ? 0 : idle]);
    });
  }
  if (is(sub, 'GROUPS') && argv.length === 3) {
    return s.sortedGroups().map((g) => new MapReply([
      'name', g.name,
      'consumers', g.consumers.size,
      'pending', g.pel.size,
      'last-delivered-id', g.lastId.toString(),
      'entries-read', entriesRead(g),
      'lag', lag(s, g),
    ]));
  }
  if (is(sub, 'STREAM')) return streamInfo(argv, s);
  return subcommandSyntaxError(argv);
}

function streamInfo(argv: string[], s: Stream): Reply {
  const opts = argv.length - 3;
  let full = false;
  let count = 10;
  if (opts !== 0) {
    if ((opts !== 1 && opts !== 3) || !is(argv[3], 'FULL')) return subcommandSyntaxError(argv);
    full = true;
    if (opts === 3) {
      if (!is(argv[4], 'COUNT')) return subcommandSyntaxError(argv);
      const n = intArg(argv[5]);
      if (isErr(n)) return n;
      count = n < 0 ? 10 : n;
    }
  }
  const head: Reply[] = [
    'length', s.length,
    'radix-tree-keys', s.radixTreeKeys,
    'radix-tree-nodes', s.radixTreeNodes(),
    'last-generated-id', s.lastId.toString(),
    'max-deleted-entry-id', s.maxDeletedId.toString(),
    'entries-added', narrowInt64(s.entriesAdded),
    'recorded-first-entry-id', s.firstId.toString(),
  ];
  if (!full) {
    const first = s.range(MIN_ID, MAX_ID, 1, false);
    const last = s.range(MIN_ID, MAX_ID, 1, true);
    head.push(
      'groups', s.groups === null ? 0 : s.groups.size,
      'first-entry', first.length === 0 ? null : entryReply(first[0]),
      'last-entry', last.length === 0 ? null : entryReply(last[0]),
    );
    return new MapReply(head);
  }
  head.push('entries', entriesReply(s.range(MIN_ID, MAX_ID, count, false)));
  head.push('groups', s.sortedGroups().map((g) => groupFull(s, g, count)));
  return new MapReply(head);
}

function groupFull(s: Stream, g: ConsumerGroup, count: number): Reply {
  const pending: Reply[] = [];
  g.pel.forEachFrom(null, (id, nack) => {
    if (count !== 0 && pending.length >= count) return false;
    pending.push([id.toString(), nack.consumer!.name, nack.deliveryTime, nack.deliveryCount]);
    return true;
  });
  const consumers = g.sortedConsumers().map((consumer) => {
    const own: Reply[] = [];
    consumer.pel.forEachFrom(null, (id, nack) => {
      if (count !== 0 && own.length >= count) return false;
      own.push([id.toString(), nack.deliveryTime, nack.deliveryCount]);
      return true;
    });
    return new MapReply(['name', consumer.name, 'seen-time', consumer.seenTime, 'pel-count', consumer.pel.size, 'pending', own]);
  });
  return new MapReply([
    'name', g.name,
    'last-delivered-id', g.lastId.toString(),
    'entries-read', entriesRead(g),
    'lag', lag(s, g),
    'pel-count', g.pel.size,
    'pending', pending,
    'consumers', consumers,
  ]);
}

export const streamInfoHandlers = { xinfo };
