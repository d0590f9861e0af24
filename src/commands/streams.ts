// Stream commands: the table. Handlers live in streams-*.ts by theme.
import { defineCommand } from './define.js';
import { Flag, type CommandSpec } from './types.js';
import { STREAM_ARGS } from './streams-docs.js';
import { streamAddHandlers as add } from './streams-add.js';
import { streamReadHandlers as read } from './streams-read.js';
import { streamGroupHandlers as groups } from './streams-groups.js';
import { streamClaimHandlers as claim } from './streams-claim.js';
import { streamInfoHandlers as info } from './streams-info.js';

const F = Flag;
const S = ['stream'];
const A = STREAM_ARGS;

export const streamsCommands: CommandSpec[] = [
  defineCommand({
    name: 'xadd', arity: -5, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], keyFlags: ['RW', 'update'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Appends a new entry to a stream',
    complexity: 'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.',
    args: A['xadd'],
    run: add.xadd,
  }),
  defineCommand({
    name: 'xtrim', arity: -4, flags: F.WRITE, keys: [1, 1, 1], keyFlags: ['RW', 'delete'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Trims the stream to (approximately if \'~\' is passed) a certain size',
    complexity: 'O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.',
    args: A['xtrim'], run: add.xtrim,
  }),
  defineCommand({
    name: 'xdel', arity: -3, flags: F.WRITE | F.FAST, keys: [1, 1, 1], keyFlags: ['RW', 'delete'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.',
    complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.',
    args: A['xdel'], run: add.xdel,
  }),
  defineCommand({
    name: 'xlen', arity: 2, flags: F.READONLY | F.FAST, keys: [1, 1, 1], keyFlags: ['RO'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Return the number of entries in a stream', complexity: 'O(1)', args: A['xlen'], run: add.xlen,
  }),
  defineCommand({
    name: 'xrange', arity: -4, flags: F.READONLY, keys: [1, 1, 1], keyFlags: ['RO', 'access'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval',
    complexity: 'O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    args: A['xrange'], run: add.xrange,
  }),
  defineCommand({
    name: 'xrevrange', arity: -4, flags: F.READONLY, keys: [1, 1, 1], keyFlags: ['RO', 'access'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE',
    complexity: 'O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    args: A['xrevrange'], run: add.xrevrange,
  }),
  defineCommand({
    name: 'xsetid', arity: -3, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], keyFlags: ['RW', 'update'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'An internal command for replicating stream values', complexity: 'O(1)',
    args: A['xsetid'],
    run: add.xsetid,
  }),
  defineCommand({
    name: 'xread', arity: -4, flags: F.READONLY | F.BLOCKING | F.MOVABLE_KEYS, acl: S, group: 'stream', since: '5.0.0',
    summary: 'Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.',
    complexity: 'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.',
    args: A['xread'], run: read.xread,
  }),
  defineCommand({
    name: 'xreadgroup', arity: -7, flags: F.WRITE | F.BLOCKING | F.MOVABLE_KEYS, acl: S, group: 'stream', since: '5.0.0',
    summary: 'Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.',
    complexity: 'For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.',
    args: A['xreadgroup'],
    run: read.xreadgroup,
  }),
  defineCommand({
    name: 'xack', arity: -4, flags: F.WRITE | F.FAST, keys: [1, 1, 1], keyFlags: ['RW', 'update'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.',
    complexity: 'O(1) for each message ID processed.', args: A['xack'], run: groups.xack,
  }),
  defineCommand({
    name: 'xpending', arity: -3, flags: F.READONLY, keys: [1, 1, 1], keyFlags: ['RO', 'access'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.',
    complexity: 'O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.',
    args: A['xpending'],
    run: groups.xpending,
  }),
  defineCommand({
    name: 'xclaim', arity: -6, flags: F.WRITE | F.FAST, keys: [1, 1, 1], keyFlags: ['RW', 'update'], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.',
    complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.',
    args: A['xclaim'],
    run: claim.xclaim,
  }),
  defineCommand({
    name: 'xautoclaim', arity: -6, flags: F.WRITE | F.FAST, keys: [1, 1, 1], keyFlags: ['RW', 'delete'], acl: S, group: 'stream', since: '6.2.0',
    summary: 'Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.',
    complexity: 'O(1) if COUNT is small.',
    args: A['xautoclaim'],
    run: claim.xautoclaim,
  }),
  defineCommand({
    name: 'xgroup', arity: -2, group: 'stream', since: '5.0.0', summary: 'A container for consumer groups commands',
    complexity: 'Depends on subcommand.',
    // In the order Redis lists them (COMMAND INFO / DOCS).
    subcommands: [
      { name: 'delconsumer', arity: 5, flags: F.WRITE, keys: [2, 2, 1], keyFlags: ['RW', 'delete'], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Delete a consumer from a consumer group.', args: A['xgroup|delconsumer'], run: groups.xgroup },
      { name: 'createconsumer', arity: 5, flags: F.WRITE | F.DENYOOM, keys: [2, 2, 1], keyFlags: ['RW', 'insert'], acl: S, since: '6.2.0', complexity: 'O(1)',
        summary: 'Create a consumer in a consumer group.', args: A['xgroup|createconsumer'], run: groups.xgroup },
      { name: 'create', arity: -5, flags: F.WRITE | F.DENYOOM, keys: [2, 2, 1], keyFlags: ['RW', 'insert'], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Create a consumer group.',
        args: A['xgroup|create'],
        run: groups.xgroup },
      { name: 'destroy', arity: 4, flags: F.WRITE, keys: [2, 2, 1], keyFlags: ['RW', 'delete'], acl: S, since: '5.0.0',
        complexity: 'O(N) where N is the number of entries in the group\'s pending entries list (PEL).',
        summary: 'Destroy a consumer group.', args: A['xgroup|destroy'], run: groups.xgroup },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Show helpful text about the different subcommands', run: groups.xgroup },
      { name: 'setid', arity: -5, flags: F.WRITE, keys: [2, 2, 1], keyFlags: ['RW', 'update'], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Set a consumer group to an arbitrary last delivered ID value.',
        args: A['xgroup|setid'],
        run: groups.xgroup },
    ],
  }),
  defineCommand({
    name: 'xinfo', arity: -2, group: 'stream', since: '5.0.0', summary: 'A container for stream introspection commands',
    complexity: 'Depends on subcommand.',
    subcommands: [
      { name: 'groups', arity: 3, flags: F.READONLY, keys: [2, 2, 1], keyFlags: ['RO', 'access'], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'List the consumer groups of a stream', args: A['xinfo|groups'], run: info.xinfo },
      { name: 'consumers', arity: 4, flags: F.READONLY, keys: [2, 2, 1], keyFlags: ['RO', 'access'], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'List the consumers in a consumer group', args: A['xinfo|consumers'], run: info.xinfo },
      { name: 'stream', arity: -3, flags: F.READONLY, keys: [2, 2, 1], keyFlags: ['RO', 'access'], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Get information about a stream',
        args: A['xinfo|stream'], run: info.xinfo },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Show helpful text about the different subcommands', run: info.xinfo },
    ],
  }),
];
