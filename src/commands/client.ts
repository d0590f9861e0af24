// CLIENT: connection introspection and control (ID SETNAME GETNAME SETINFO
// LIST INFO KILL REPLY NO-EVICT NO-TOUCH UNBLOCK PAUSE UNPAUSE GETREDIR
// TRACKINGINFO HELP). Lines of LIST/INFO come from Client.describe().
import { ERR_NOT_INTEGER, ERR_SYNTAX, MapReply, OK, SetReply, VerbatimReply, err, type Reply } from '../../protocols/reply.js';
import { defineCommand } from './define.js';
import { countError } from './dispatch.js';
import { setClientName, validClientAttr } from './connection.js';
import { clientPause, clientUnpause } from './client-pause.js';
import { helpReply } from './help.js';
import { ClientFlag, Flag, type BlockState, type Client, type CommandSpec } from './types.js';
import { arityError, is, parseInt64 } from './args.js';
import { isSubscriber } from '../core/pubsub.js';

const F = Flag;
const SUB = F.NOSCRIPT | F.LOADING | F.STALE;

type ClientType = 'normal' | 'replica' | 'pubsub' | 'master';

/** CLIENT LIST/KILL TYPE names (Redis getClientTypeByName). */
function typeByName(name: string): ClientType | null {
  switch (name.toLowerCase()) {
    case 'normal': return 'normal';
    case 'slave': case 'replica': return 'replica';
    case 'pubsub': return 'pubsub';
    case 'master': return 'master';
    default: return null;
  }
}

/** The class a client belongs to: pubsub while subscribed (MONITOR clients count as normal). */
export function clientType(c: Client): ClientType {
  return isSubscriber(c) ? 'pubsub' : 'normal';
}

function list(c: Client, argv: string[]): Reply {
  const clients = c.server.clients;
  let out = '';
  if (argv.length === 4 && is(argv[2], 'TYPE')) {
    const type = typeByName(argv[3]);
    if (type === null) return err(`ERR Unknown client type '${argv[3]}'`);
    for (const cl of clients.values()) if (clientType(cl) === type) out += cl.describe() + '\n';
  } else if (argv.length > 3 && is(argv[2], 'ID')) {
    for (let j = 3; j < argv.length; j++) {
      const id = parseInt64(argv[j]);
      if (id === null) return err('ERR Invalid client ID');
      const cl = clients.get(Number(id));
      if (cl !== undefined) out += cl.describe() + '\n';
    }
  } else if (argv.length !== 2) {
    return ERR_SYNTAX;
  } else {
    for (const cl of clients.values()) out += cl.describe() + '\n';
  }
  return new VerbatimReply('txt', out);
}

/** CLIENT KILL addr | CLIENT KILL <filter> <value> ... */
function kill(c: Client, argv: string[]): Reply {
  let addr: string | null = null;
  let laddr: string | null = null;
  let user: string | null = null;
  let type: ClientType | null = null;
  let id = 0;
  let maxAge = 0;
  let skipMe = true;
  if (argv.length === 3) {
    addr = argv[2];
    skipMe = false; // the old form may kill the caller
  } else {
    for (let i = 2; i < argv.length; i += 2) {
      const opt = argv[i];
      if (i + 1 >= argv.length) return ERR_SYNTAX;
      const val = argv[i + 1];
      if (is(opt, 'ID')) {
        const n = parseInt64(val);
        if (n === null || n < 1) return err('ERR client-id should be greater than 0');
        id = Number(n);
      } else if (is(opt, 'TYPE')) {
        type = typeByName(val);
        if (type === null) return err(`ERR Unknown client type '${val}'`);
      } else if (is(opt, 'ADDR')) {
        addr = val;
      } else if (is(opt, 'LADDR')) {
        laddr = val;
      } else if (is(opt, 'USER')) {
        if (val !== 'default') return err(`ERR No such user '${val}'`);
        user = val;
      } else if (is(opt, 'SKIPME')) {
        if (is(val, 'YES')) skipMe = true;
        else if (is(val, 'NO')) skipMe = false;
        else return ERR_SYNTAX;
      } else if (is(opt, 'MAXAGE')) {
        const n = parseInt64(val);
        if (n === null) return ERR_NOT_INTEGER;
        maxAge = Number(n);
      } else {
        return ERR_SYNTAX;
      }
    }
  }
  const now = c.server.clock.now();
  let killed = 0;
  let killSelf = false;
  for (const cl of [...c.server.clients.values()]) {
    if (addr !== null && cl.address !== addr) continue;
    if (laddr !== null && cl.localAddress !== laddr) continue;
    if (type !== null && clientType(cl) !== type) continue;
    if (id !== 0 && cl.id !== id) continue;
    if (user !== null && cl.user !== user) continue;
    if (maxAge > 0 && Math.floor((now - cl.createdAt) / 1000) < maxAge) continue;
    if (cl === c) {
      if (skipMe) continue;
      killSelf = true;
    } else {
      cl.kill('killed by CLIENT KILL');
    }
    killed++;
  }
  // The caller gets its reply first, then the connection closes.
  if (killSelf) c.closeAfterReply();
  if (argv.length === 3) return killed === 0 ? err('ERR No such client') : OK;
  return killed;
}

/** CLIENT REPLY ON|OFF|SKIP: OFF and SKIP answer nothing (Session.reply drops it). */
function reply(c: Client, argv: string[]): Reply {
  const mode = argv[2];
  if (is(mode, 'ON')) {
    c.flags &= ~(ClientFlag.REPLY_SKIP | ClientFlag.REPLY_OFF);
    return OK;
  }
  if (is(mode, 'OFF')) {
    c.flags |= ClientFlag.REPLY_OFF;
    return OK;
  }
  if (is(mode, 'SKIP')) {
    if ((c.flags & ClientFlag.REPLY_OFF) === 0) c.flags |= ClientFlag.REPLY_SKIP_NEXT;
    return OK;
  }
  return ERR_SYNTAX;
}

function onOff(flag: number) {
  return (c: Client, argv: string[]): Reply => {
    if (is(argv[2], 'ON')) c.flags |= flag;
    else if (is(argv[2], 'OFF')) c.flags &= ~flag;
    else return ERR_SYNTAX;
    return OK;
  };
}

function setinfo(c: Client, argv: string[]): Reply {
  const attr = argv[2];
  const value = argv[3];
  const isName = is(attr, 'LIB-NAME');
  if (!isName && !is(attr, 'LIB-VER')) return err(`ERR Unrecognized option '${attr}'`);
  if (!validClientAttr(value)) return err(`ERR ${attr} cannot contain spaces, newlines or special characters.`);
  if (isName) c.libName = value;
  else c.libVer = value;
  return OK;
}

/** A session that can be woken (net's Session has these; the Client interface does not). */
interface Wakeable extends Client {
  readonly blocked: BlockState | null;
  unblock(reply: Reply): void;
}

/** CLIENT UNBLOCK id [TIMEOUT|ERROR]: ends a blocking command as if it timed out, or with an error. */
function unblock(c: Client, argv: string[]): Reply {
  if (argv.length > 4) return arityError('client|unblock');
  let withError = false;
  if (argv.length === 4) {
    if (is(argv[3], 'ERROR')) withError = true;
    else if (!is(argv[3], 'TIMEOUT')) return err('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
  }
  const id = parseInt64(argv[2]);
  if (id === null) return ERR_NOT_INTEGER;
  const target = c.server.clients.get(Number(id)) as Wakeable | undefined;
  const state = target?.blocked;
  if (target === undefined || state === undefined || state === null || target.unblock === undefined) return 0;
  if (withError) {
    const e = err('UNBLOCKED client unblocked via CLIENT UNBLOCK');
    countError(c.server, e);
    const spec = c.server.commands.get(target.lastCommand);
    if (spec !== undefined) spec.stats.failed++;
    target.unblock(e);
  } else {
    target.unblock(state.onTimeout());
  }
  return 1;
}

const HELP = [
  'GETNAME',
  '    Return the name of the current connection.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled (always -1: no tracking).',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  '    * ID <client-id>',
  '      Kill connections by client id.',
  '    * MAXAGE <maxage>',
  '      Kill connections older than the specified age.',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  '    * ID <client-id> [<client-id> ...]',
  '      Return clients of specified IDs only.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'SETINFO <option> <value>',
  '    Set client meta attr. Options are:',
  '    * LIB-NAME: the client lib name.',
  '    * LIB-VER: the client lib version.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection (tracking is not supported).',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
  'NO-TOUCH (ON|OFF)',
  '    Will not touch LRU/LFU stats when this mode is on.',
];

const sub = (d: Omit<Parameters<typeof defineCommand>[0], 'group'>) => ({ ...d, group: 'connection', acl: ['connection'] });

export const clientCommands: CommandSpec[] = [
  defineCommand({
    name: 'client', arity: -2, group: 'connection', since: '2.4.0',
    summary: 'A container for client connection commands.', complexity: 'Depends on subcommand.',
    subcommands: [
      sub({ name: 'id', arity: 2, flags: SUB, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns the unique client ID of the connection.', run: (c) => c.id }),
      sub({ name: 'setname', arity: 3, flags: SUB, since: '2.6.9', complexity: 'O(1)',
        summary: 'Sets the connection name.', args: [{ name: 'connection-name', type: 'string' }],
        run: (c, argv) => setClientName(c, argv[2]) ?? OK }),
      sub({ name: 'getname', arity: 2, flags: SUB, since: '2.6.9', complexity: 'O(1)',
        summary: 'Returns the name of the connection.', run: (c) => (c.name === '' ? null : c.name) }),
      sub({ name: 'setinfo', arity: 4, flags: SUB, since: '7.2.0', complexity: 'O(1)',
        summary: 'Sets information specific to the client or connection.',
        args: [{ name: 'attr', type: 'oneof', arguments: [
          { name: 'libname', type: 'string', token: 'LIB-NAME' }, { name: 'libver', type: 'string', token: 'LIB-VER' }] }],
        run: setinfo }),
      sub({ name: 'list', arity: -2, flags: F.ADMIN | SUB, since: '2.4.0', complexity: 'O(N) where N is the number of client connections',
        summary: 'Lists open connections.', run: list }),
      sub({ name: 'info', arity: 2, flags: SUB, since: '6.2.0', complexity: 'O(1)',
        summary: 'Returns information about the connection.', run: (c) => new VerbatimReply('txt', c.describe() + '\n') }),
      sub({ name: 'kill', arity: -3, flags: F.ADMIN | SUB, since: '2.4.0', complexity: 'O(N) where N is the number of client connections',
        summary: 'Terminates open connections.', run: kill }),
      sub({ name: 'reply', arity: 3, flags: SUB, since: '3.2.0', complexity: 'O(1)',
        summary: 'Instructs the server whether to reply to commands.',
        args: [{ name: 'action', type: 'oneof', arguments: [
          { name: 'on', type: 'pure-token', token: 'ON' }, { name: 'off', type: 'pure-token', token: 'OFF' },
          { name: 'skip', type: 'pure-token', token: 'SKIP' }] }],
        run: reply }),
      sub({ name: 'no-evict', arity: 3, flags: F.ADMIN | SUB, since: '7.0.0', complexity: 'O(1)',
        summary: 'Sets the client eviction mode of the connection.', run: onOff(ClientFlag.NO_EVICT) }),
      sub({ name: 'no-touch', arity: 3, flags: SUB, since: '7.2.0', complexity: 'O(1)',
        summary: 'Controls whether commands sent by the client affect the LRU/LFU of accessed keys.', run: onOff(ClientFlag.NO_TOUCH) }),
      sub({ name: 'unblock', arity: -3, flags: F.ADMIN | SUB, since: '5.0.0', complexity: 'O(log N) where N is the number of client connections',
        summary: 'Unblocks a client blocked by a blocking command from a different connection.', run: unblock }),
      sub({ name: 'pause', arity: -3, flags: F.ADMIN | SUB, since: '3.0.0', complexity: 'O(1)',
        summary: 'Suspends commands processing.', run: clientPause }),
      sub({ name: 'unpause', arity: 2, flags: F.ADMIN | SUB, since: '6.2.0', complexity: 'O(N) Where N is the number of paused clients',
        summary: 'Resumes processing commands from paused clients.', run: clientUnpause }),
      sub({ name: 'getredir', arity: 2, flags: SUB, since: '6.0.0', complexity: 'O(1)',
        summary: 'Returns the client ID to which the connection\'s tracking notifications are redirected.', run: () => -1 }),
      sub({ name: 'trackinginfo', arity: 2, flags: SUB, since: '6.2.0', complexity: 'O(1)',
        summary: 'Returns information about server-assisted client-side caching for the connection.',
        run: () => new MapReply(['flags', new SetReply(['off']), 'redirect', -1, 'prefixes', []]) }),
      sub({ name: 'help', arity: 2, flags: F.LOADING | F.STALE, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: (_c, argv) => helpReply(argv[0], HELP) }),
    ],
  }),
];
