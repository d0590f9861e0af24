// Stream handlers never throw: seeded random argument soup, every reply must
// be a value or a Redis error, never dispatch's "internal error".
import { expect, it } from 'vitest';
import { ErrorReply } from '../../protocols/reply.js';
import { memoryServer } from '../helpers/memory.js';

const COMMANDS = ['XADD', 'XTRIM', 'XDEL', 'XLEN', 'XRANGE', 'XREVRANGE', 'XSETID', 'XREAD', 'XREADGROUP', 'XACK', 'XPENDING',
  'XCLAIM', 'XAUTOCLAIM', 'XGROUP', 'XINFO'];
const TOKENS = ['s', 's', 't', 'str', 'g', 'c', '*', '$', '>', '-', '+', '(', '(1', '(-', '0', '0-0', '1', '1-1', '5-*', '2-3', '18446744073709551615',
  '18446744073709551615-18446744073709551615', '-1', 'x', '', 'MAXLEN', 'MINID', '~', '=', 'LIMIT', 'NOMKSTREAM', 'COUNT', 'BLOCK', 'STREAMS',
  'GROUP', 'NOACK', 'IDLE', 'TIME', 'RETRYCOUNT', 'FORCE', 'JUSTID', 'LASTID', 'CREATE', 'SETID', 'DESTROY', 'CREATECONSUMER', 'DELCONSUMER',
  'HELP', 'MKSTREAM', 'ENTRIESREAD', 'ENTRIESADDED', 'MAXDELETEDID', 'STREAM', 'GROUPS', 'CONSUMERS', 'FULL', '9223372036854775807',
  '-9223372036854775808', '99999999999999999999', 'f', 'v'];

it('stream commands answer every argument soup without throwing', () => {
  const { client } = memoryServer();
  const c = client();
  c.run('SET', 'str', 'x');
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  let ok = 0;
  for (let i = 0; i < 4000; i++) {
    // Keep some real data around so the commands get past their lookups.
    if (i % 50 === 0) {
      c.run('XADD', 's', '*', 'f', String(i));
      c.run('XGROUP', 'CREATE', 's', 'g', '0', 'MKSTREAM');
    }
    const argv = [pick(COMMANDS)];
    const n = Math.floor(next() * 9);
    for (let j = 0; j < n; j++) argv.push(pick(TOKENS));
    if (argv.includes('BLOCK')) continue; // a parked client would swallow the rest
    const r = c.run(...argv);
    if (r instanceof ErrorReply) expect(r.text).not.toMatch(/internal error/);
    else ok++;
  }
  expect(ok).toBeGreaterThan(300);
});
