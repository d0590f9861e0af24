// Stream commands: the table. Handlers live in streams-*.ts by theme.
import { defineCommand } from './define.js';
import { Flag, type ArgDoc, type CommandSpec } from './types.js';
import { streamAddHandlers as add } from './streams-add.js';
import { streamReadHandlers as read } from './streams-read.js';
import { streamGroupHandlers as groups } from './streams-groups.js';
import { streamClaimHandlers as claim } from './streams-claim.js';
import { streamInfoHandlers as info } from './streams-info.js';

const F = Flag;
const S = ['stream'];
const key: ArgDoc = { name: 'key', type: 'key' };
const group: ArgDoc = { name: 'group', type: 'string' };
const consumer: ArgDoc = { name: 'consumer', type: 'string' };
const id: ArgDoc = { name: 'id', type: 'string' };
const count: ArgDoc = { name: 'count', type: 'integer', token: 'COUNT', optional: true };
const trim: ArgDoc = {
  name: 'trim', type: 'block', optional: true, arguments: [
    { name: 'strategy', type: 'oneof', arguments: [{ name: 'maxlen', type: 'pure-token', token: 'MAXLEN' }, { name: 'minid', type: 'pure-token', token: 'MINID' }] },
    { name: 'operator', type: 'oneof', optional: true, arguments: [{ name: 'equal', type: 'pure-token', token: '=' }, { name: 'approximately', type: 'pure-token', token: '~' }] },
    { name: 'threshold', type: 'string' },
    { name: 'count', type: 'integer', token: 'LIMIT', optional: true },
  ],
};
const streams: ArgDoc = {
  name: 'streams', type: 'block', token: 'STREAMS', arguments: [
    { name: 'key', type: 'key', multiple: true },
    { name: 'id', type: 'string', multiple: true },
  ],
};
const block: ArgDoc = { name: 'milliseconds', type: 'integer', token: 'BLOCK', optional: true };

export const streamsCommands: CommandSpec[] = [
  defineCommand({
    name: 'xadd', arity: -5, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Appends a new message to a stream. Creates the key if it doesn\'t exist.',
    complexity: 'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.',
    args: [key, { name: 'nomkstream', type: 'pure-token', token: 'NOMKSTREAM', optional: true }, trim,
      { name: 'id-selector', type: 'oneof', arguments: [{ name: 'auto-id', type: 'pure-token', token: '*' }, id] },
      { name: 'data', type: 'block', multiple: true, arguments: [{ name: 'field', type: 'string' }, { name: 'value', type: 'string' }] }],
    run: add.xadd,
  }),
  defineCommand({
    name: 'xtrim', arity: -4, flags: F.WRITE, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Deletes messages from the beginning of a stream.',
    complexity: 'O(N), with N being the number of evicted entries.',
    args: [key, { ...trim, optional: false }], run: add.xtrim,
  }),
  defineCommand({
    name: 'xdel', arity: -3, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Returns the number of messages after removing them from a stream.',
    complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.',
    args: [key, { ...id, multiple: true }], run: add.xdel,
  }),
  defineCommand({
    name: 'xlen', arity: 2, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Return the number of messages in a stream.', complexity: 'O(1)', args: [key], run: add.xlen,
  }),
  defineCommand({
    name: 'xrange', arity: -4, flags: F.READONLY, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Returns the messages from a stream within a range of IDs.',
    complexity: 'O(N) with N being the number of elements being returned.',
    args: [key, { name: 'start', type: 'string' }, { name: 'end', type: 'string' }, count], run: add.xrange,
  }),
  defineCommand({
    name: 'xrevrange', arity: -4, flags: F.READONLY, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Returns the messages from a stream within a range of IDs in reverse order.',
    complexity: 'O(N) with N being the number of elements returned.',
    args: [key, { name: 'end', type: 'string' }, { name: 'start', type: 'string' }, count], run: add.xrevrange,
  }),
  defineCommand({
    name: 'xsetid', arity: -3, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'An internal command for replicating stream values.', complexity: 'O(1)',
    args: [key, { name: 'last-id', type: 'string' }, { name: 'entries-added', type: 'integer', token: 'ENTRIESADDED', optional: true },
      { name: 'max-deleted-id', type: 'string', token: 'MAXDELETEDID', optional: true }],
    run: add.xsetid,
  }),
  defineCommand({
    name: 'xread', arity: -4, flags: F.READONLY | F.BLOCKING | F.MOVABLE_KEYS, acl: S, group: 'stream', since: '5.0.0',
    summary: 'Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.',
    complexity: 'For each stream mentioned: O(N) with N being the number of elements being returned.',
    args: [count, block, streams], run: read.xread,
  }),
  defineCommand({
    name: 'xreadgroup', arity: -7, flags: F.WRITE | F.BLOCKING | F.MOVABLE_KEYS, acl: S, group: 'stream', since: '5.0.0',
    summary: 'Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.',
    complexity: 'For each stream mentioned: O(M) with M being the number of elements returned.',
    args: [{ name: 'group-block', type: 'block', token: 'GROUP', arguments: [group, consumer] }, count, block,
      { name: 'noack', type: 'pure-token', token: 'NOACK', optional: true }, streams],
    run: read.xreadgroup,
  }),
  defineCommand({
    name: 'xack', arity: -4, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.',
    complexity: 'O(1) for each message ID processed.', args: [key, group, { ...id, multiple: true }], run: groups.xack,
  }),
  defineCommand({
    name: 'xpending', arity: -3, flags: F.READONLY, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Returns the information and entries from a stream consumer group\'s pending entries list.',
    complexity: 'O(N) with N being the number of elements returned.',
    args: [key, group, { name: 'filters', type: 'block', optional: true, arguments: [
      { name: 'min-idle-time', type: 'integer', token: 'IDLE', optional: true }, { name: 'start', type: 'string' },
      { name: 'end', type: 'string' }, { name: 'count', type: 'integer' }, { ...consumer, optional: true }] }],
    run: groups.xpending,
  }),
  defineCommand({
    name: 'xclaim', arity: -6, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: S, group: 'stream', since: '5.0.0',
    summary: 'Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.',
    complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.',
    args: [key, group, consumer, { name: 'min-idle-time', type: 'string' }, { ...id, multiple: true },
      { name: 'ms', type: 'integer', token: 'IDLE', optional: true }, { name: 'unix-time-milliseconds', type: 'unix-time', token: 'TIME', optional: true },
      { name: 'count', type: 'integer', token: 'RETRYCOUNT', optional: true }, { name: 'force', type: 'pure-token', token: 'FORCE', optional: true },
      { name: 'justid', type: 'pure-token', token: 'JUSTID', optional: true }, { name: 'lastid', type: 'string', token: 'LASTID', optional: true }],
    run: claim.xclaim,
  }),
  defineCommand({
    name: 'xautoclaim', arity: -6, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: S, group: 'stream', since: '6.2.0',
    summary: 'Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.',
    complexity: 'O(1) if COUNT is small.',
    args: [key, group, consumer, { name: 'min-idle-time', type: 'string' }, { name: 'start', type: 'string' }, count,
      { name: 'justid', type: 'pure-token', token: 'JUSTID', optional: true }],
    run: claim.xautoclaim,
  }),
  defineCommand({
    name: 'xgroup', arity: -2, group: 'stream', since: '5.0.0', summary: 'A container for consumer groups commands.',
    complexity: 'Depends on subcommand.',
    subcommands: [
      { name: 'create', arity: -5, flags: F.WRITE | F.DENYOOM, keys: [2, 2, 1], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Creates a consumer group.',
        args: [key, group, { name: 'id-selector', type: 'oneof', arguments: [id, { name: 'new-id', type: 'pure-token', token: '$' }] },
          { name: 'mkstream', type: 'pure-token', token: 'MKSTREAM', optional: true },
          { name: 'entries-read', type: 'integer', token: 'ENTRIESREAD', optional: true }],
        run: groups.xgroup },
      { name: 'setid', arity: -5, flags: F.WRITE, keys: [2, 2, 1], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Sets the last-delivered ID of a consumer group.',
        args: [key, group, { name: 'id-selector', type: 'oneof', arguments: [id, { name: 'new-id', type: 'pure-token', token: '$' }] },
          { name: 'entriesread', type: 'integer', token: 'ENTRIESREAD', optional: true }],
        run: groups.xgroup },
      { name: 'destroy', arity: 4, flags: F.WRITE, keys: [2, 2, 1], acl: S, since: '5.0.0',
        complexity: 'O(N) where N is the number of entries in the group\'s pending entries list (PEL).',
        summary: 'Destroys a consumer group.', args: [key, group], run: groups.xgroup },
      { name: 'createconsumer', arity: 5, flags: F.WRITE | F.DENYOOM, keys: [2, 2, 1], acl: S, since: '6.2.0', complexity: 'O(1)',
        summary: 'Creates a consumer in a consumer group.', args: [key, group, consumer], run: groups.xgroup },
      { name: 'delconsumer', arity: 5, flags: F.WRITE, keys: [2, 2, 1], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Deletes a consumer from a consumer group.', args: [key, group, consumer], run: groups.xgroup },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: groups.xgroup },
    ],
  }),
  defineCommand({
    name: 'xinfo', arity: -2, group: 'stream', since: '5.0.0', summary: 'A container for stream introspection commands.',
    complexity: 'Depends on subcommand.',
    subcommands: [
      { name: 'consumers', arity: 4, flags: F.READONLY, keys: [2, 2, 1], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns a list of the consumers in a consumer group.', args: [key, group], run: info.xinfo },
      { name: 'groups', arity: 3, flags: F.READONLY, keys: [2, 2, 1], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns a list of the consumer groups of a stream.', args: [key], run: info.xinfo },
      { name: 'stream', arity: -3, flags: F.READONLY, keys: [2, 2, 1], acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns information about a stream.',
        args: [key, { name: 'full-block', type: 'block', token: 'FULL', optional: true, arguments: [count] }], run: info.xinfo },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, acl: S, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: info.xinfo },
    ],
  }),
];
