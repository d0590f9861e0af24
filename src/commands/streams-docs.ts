// COMMAND DOCS arguments of the stream commands, as redis-server 7.0 describes them
// (names, types, tokens, optional/multiple; ArgDoc has no since/display fields).
import type { ArgDoc } from './types.js';

/** Arguments by command full name ("xgroup|create"). */
export const STREAM_ARGS: Record<string, ArgDoc[]> = {
  'xadd': [
    { name: 'key', type: 'key' },
    { name: 'nomkstream', type: 'pure-token', token: 'NOMKSTREAM', optional: true },
    { name: 'trim', type: 'block', optional: true, arguments: [{ name: 'strategy', type: 'oneof', arguments: [{ name: 'maxlen', type: 'pure-token', token: 'MAXLEN' }, { name: 'minid', type: 'pure-token', token: 'MINID' }] }, { name: 'operator', type: 'oneof', optional: true, arguments: [{ name: 'equal', type: 'pure-token', token: '=' }, { name: 'approximately', type: 'pure-token', token: '~' }] }, { name: 'threshold', type: 'string' }, { name: 'count', type: 'integer', token: 'LIMIT', optional: true }] },
    { name: 'id_or_auto', type: 'oneof', arguments: [{ name: 'auto_id', type: 'pure-token', token: '*' }, { name: 'id', type: 'string' }] },
    { name: 'field_value', type: 'block', multiple: true, arguments: [{ name: 'field', type: 'string' }, { name: 'value', type: 'string' }] },
  ],
  'xtrim': [
    { name: 'key', type: 'key' },
    { name: 'trim', type: 'block', arguments: [{ name: 'strategy', type: 'oneof', arguments: [{ name: 'maxlen', type: 'pure-token', token: 'MAXLEN' }, { name: 'minid', type: 'pure-token', token: 'MINID' }] }, { name: 'operator', type: 'oneof', optional: true, arguments: [{ name: 'equal', type: 'pure-token', token: '=' }, { name: 'approximately', type: 'pure-token', token: '~' }] }, { name: 'threshold', type: 'string' }, { name: 'count', type: 'integer', token: 'LIMIT', optional: true }] },
  ],
  'xdel': [
    { name: 'key', type: 'key' },
    { name: 'id', type: 'string', multiple: true },
  ],
  'xlen': [
    { name: 'key', type: 'key' },
  ],
  'xrange': [
    { name: 'key', type: 'key' },
    { name: 'start', type: 'string' },
    { name: 'end', type: 'string' },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
  ],
  'xrevrange': [
    { name: 'key', type: 'key' },
    { name: 'end', type: 'string' },
    { name: 'start', type: 'string' },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
  ],
  'xsetid': [
    { name: 'key', type: 'key' },
    { name: 'last-id', type: 'string' },
    { name: 'entries_added', type: 'integer', token: 'ENTRIESADDED', optional: true },
    { name: 'max_deleted_entry_id', type: 'string', token: 'MAXDELETEDID', optional: true },
  ],
  'xread': [
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'milliseconds', type: 'integer', token: 'BLOCK', optional: true },
    { name: 'streams', type: 'block', token: 'STREAMS', arguments: [{ name: 'key', type: 'key', multiple: true }, { name: 'id', type: 'string', multiple: true }] },
  ],
  'xreadgroup': [
    { name: 'group_consumer', type: 'block', token: 'GROUP', arguments: [{ name: 'group', type: 'string' }, { name: 'consumer', type: 'string' }] },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'milliseconds', type: 'integer', token: 'BLOCK', optional: true },
    { name: 'noack', type: 'pure-token', token: 'NOACK', optional: true },
    { name: 'streams', type: 'block', token: 'STREAMS', arguments: [{ name: 'key', type: 'key', multiple: true }, { name: 'id', type: 'string', multiple: true }] },
  ],
  'xack': [
    { name: 'key', type: 'key' },
    { name: 'group', type: 'string' },
    { name: 'id', type: 'string', multiple: true },
  ],
  'xpending': [
    { name: 'key', type: 'key' },
    { name: 'group', type: 'string' },
    { name: 'filters', type: 'block', optional: true, arguments: [{ name: 'min-idle-time', type: 'integer', token: 'IDLE', optional: true }, { name: 'start', type: 'string' }, { name: 'end', type: 'string' }, { name: 'count', type: 'integer' }, { name: 'consumer', type: 'string', optional: true }] },
  ],
  'xclaim': [
    { name: 'key', type: 'key' },
    { name: 'group', type: 'string' },
    { name: 'consumer', type: 'string' },
    { name: 'min-idle-time', type: 'string' },
    { name: 'id', type: 'string', multiple: true },
    { name: 'ms', type: 'integer', token: 'IDLE', optional: true },
    { name: 'unix-time-milliseconds', type: 'unix-time', token: 'TIME', optional: true },
    { name: 'count', type: 'integer', token: 'RETRYCOUNT', optional: true },
    { name: 'force', type: 'pure-token', token: 'FORCE', optional: true },
    { name: 'justid', type: 'pure-token', token: 'JUSTID', optional: true },
    { name: 'id', type: 'string', token: 'LASTID', optional: true },
  ],
  'xautoclaim': [
    { name: 'key', type: 'key' },
    { name: 'group', type: 'string' },
    { name: 'consumer', type: 'string' },
    { name: 'min-idle-time', type: 'string' },
    { name: 'start', type: 'string' },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'justid', type: 'pure-token', token: 'JUSTID', optional: true },
  ],
  'xgroup|create': [
    { name: 'key', type: 'key' },
    { name: 'groupname', type: 'string' },
    { name: 'id', type: 'oneof', arguments: [{ name: 'id', type: 'string' }, { name: 'new_id', type: 'pure-token', token: '$' }] },
    { name: 'mkstream', type: 'pure-token', token: 'MKSTREAM', optional: true },
    { name: 'entries_read', type: 'integer', token: 'ENTRIESREAD', optional: true },
  ],
  'xgroup|setid': [
    { name: 'key', type: 'key' },
    { name: 'groupname', type: 'string' },
    { name: 'id', type: 'oneof', arguments: [{ name: 'id', type: 'string' }, { name: 'new_id', type: 'pure-token', token: '$' }] },
    { name: 'entries_read', type: 'integer', token: 'ENTRIESREAD', optional: true },
  ],
  'xgroup|destroy': [
    { name: 'key', type: 'key' },
    { name: 'groupname', type: 'string' },
  ],
  'xgroup|createconsumer': [
    { name: 'key', type: 'key' },
    { name: 'groupname', type: 'string' },
    { name: 'consumername', type: 'string' },
  ],
  'xgroup|delconsumer': [
    { name: 'key', type: 'key' },
    { name: 'groupname', type: 'string' },
    { name: 'consumername', type: 'string' },
  ],
  'xinfo|consumers': [
    { name: 'key', type: 'key' },
    { name: 'groupname', type: 'string' },
  ],
  'xinfo|groups': [
    { name: 'key', type: 'key' },
  ],
  'xinfo|stream': [
    { name: 'key', type: 'key' },
    { name: 'full', type: 'block', token: 'FULL', optional: true, arguments: [{ name: 'count', type: 'integer', token: 'COUNT', optional: true }] },
  ],
};
