// Differential testing: the same script against a fresh redis-server and a
// Redwire test server, replies compared byte for byte.
//
// A script is a list of steps written as text, one command per line, parsed
// with Redis's inline rules (so "\x00" escapes and quotes work):
//
//   script('SET options', `
//     SET k v EX 100
//     ~ SMEMBERS s          # ~ compare ignoring element order (at every level)
//     = HGETALL h           # = compare ignoring the order of key/value pairs
//     ? TIME                # ? compare only the reply type
//     ! DEBUG SLEEP 0       # ! run on both, do not compare
//   `)
//
// or as Step objects (raw bytes, expected connection close, custom checks).
// Scripts whose commands Redwire does not have yet are skipped, named with
// what they need, so they start running the day the command lands.
import { describe, expect, it } from 'vitest';
import { splitInlineArgs } from '../../protocols/resp/inline.js';
import { ALL_FAMILIES } from '../../src/commands/index.js';
import { Commands } from '../../src/commands/table.js';
import { RawConnection, encodeCommand, replyEnd } from './resp.js';
import { useRedisServer } from './redis-server.js';
import { useTestServer } from './server.js';

/** How two replies are compared. A function returns null when they agree, else a reason. */
export type Compare = 'exact' | 'unordered' | 'pairs' | 'type' | 'ignore' | ((redis: string, redwire: string) => string | null);

/** One step of a script. */
export interface Step {
  /** A command, sent as a RESP array. */
  cmd?: Array<string | Buffer>;
  /** Bytes sent as they are (inline commands, malformed input). */
  raw?: string | Buffer;
  /** Replies to read after this step (default 1; 0 for none). */
  replies?: number;
  compare?: Compare;
  /** The server must close the connection after its replies. */
  closes?: boolean;
  /** Open new connections (same servers, state kept) before this step. */
  reconnect?: boolean;
}

/** A named list of steps run on one connection per server. */
export interface Script {
  name: string;
  steps: Step[];
  /** Switch both connections to RESP3 first (HELLO 3). */
  resp3?: boolean;
  /** Send every step in one write, then read all replies. */
  pipeline?: boolean;
  /** Commands needed beyond the steps' own (e.g. for raw steps), as "name" or "container|sub". */
  needs?: string[];
}

const MARKS: Record<string, Compare> = { '~': 'unordered', '=': 'pairs', '?': 'type', '!': 'ignore' };

/** Parses script text: one command per line, inline quoting, a leading mark (~ = ? !), # comments. */
export function parseSteps(text: string): Step[] {
  const steps: Step[] = [];
  for (let line of text.split('\n')) {
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.search(/\s#\s/);
    if (hash >= 0) line = line.slice(0, hash);
    let compare: Compare = 'exact';
    if (MARKS[line[0]] !== undefined && /\s/.test(line[1] ?? '')) {
      compare = MARKS[line[0]];
      line = line.slice(2);
    }
    const b = Buffer.from(line, 'latin1');
    const argv = splitInlineArgs(b, 0, b.length);
    if (argv === null) throw new Error(`bad script line: ${line}`);
    if (argv.length > 0) steps.push({ cmd: argv, compare });
  }
  return steps;
}

/** A script from text lines (see the file comment) and optional extra steps/options. */
export function script(name: string, text: string, opts: Omit<Script, 'name' | 'steps'> = {}): Script {
  return { name, steps: parseSteps(text), ...opts };
}

const table = new Commands(ALL_FAMILIES);

/** True when Redwire's command table has `name` ("get", or "config|get" for a subcommand). */
export function redwireHas(name: string): boolean {
  const [top, sub] = name.toLowerCase().split('|');
  const spec = table.get(top);
  if (spec === undefined) return false;
  if (sub === undefined || spec.subcommands === undefined) return true;
  return spec.subcommands.has(sub);
}

/**
 * The commands a script uses that Redwire does not have yet. Subcommands are
 * listed as "container|sub"; differentialSuite drops those Redis lacks too
 * (a script may test "FOO" or "OBJECT BOGUS" errors).
 */
export function missingCommands(s: Script): string[] {
  const names = new Set<string>(s.needs ?? []);
  if (s.resp3) names.add('hello');
  for (const st of s.steps) {
    if (st.cmd === undefined || st.cmd.length === 0) continue;
    const top = st.cmd[0].toString().toLowerCase();
    const spec = table.get(top);
    if (spec?.subcommands !== undefined && st.cmd.length > 1) names.add(`${top}|${st.cmd[1].toString().toLowerCase()}`);
    else names.add(top);
  }
  return [...names].filter((n) => !redwireHas(n)).sort();
}

/** A server the harness talks to. */
export interface Target {
  port: number;
  host?: string;
}

/** Options of runScript. */
export interface RunOptions {
  /** Reset before the script: FLUSHALL on both when Redwire has it, else SELECT this db on both. */
  selectDb?: number;
  /** Milliseconds to wait for one reply. */
  timeoutMs?: number;
}

/** Runs `s` against both servers; returns '' when every compared reply agrees, else a readable diff. */
export async function runScript(s: Script, redis: Target, redwire: Target, opts: RunOptions = {}): Promise<string> {
  const timeout = opts.timeoutMs ?? 3000;
  let a = await RawConnection.connect(redis.port, redis.host);
  let b = await RawConnection.connect(redwire.port, redwire.host);
  const problems: string[] = [];
  try {
    const prelude: Step[] = [];
    if (redwireHas('flushall')) prelude.push({ cmd: ['FLUSHALL'], compare: 'ignore' });
    else if (opts.selectDb !== undefined) prelude.push({ cmd: ['SELECT', String(opts.selectDb)], compare: 'ignore' });
    if (s.resp3) prelude.push({ cmd: ['HELLO', '3'], compare: 'ignore' });
    for (const st of prelude) {
      const [ra, rb] = await Promise.all([exchange(a, st, timeout), exchange(b, st, timeout)]);
      if (rb.error !== null && ra.error === null) problems.push(`prelude ${describeStep(st)}: Redwire ${rb.error}`);
    }
    if (problems.length > 0) return header(s) + problems.join('\n');
    if (s.pipeline) {
      const all = Buffer.concat(s.steps.map(stepBytes));
      a.write(all);
      b.write(all);
    }
    for (let i = 0; i < s.steps.length; i++) {
      const st = s.steps[i];
      if (st.reconnect) {
        a.close();
        b.close();
        a = await RawConnection.connect(redis.port, redis.host);
        b = await RawConnection.connect(redwire.port, redwire.host);
        if (opts.selectDb !== undefined && !redwireHas('flushall')) {
          const sel: Step = { cmd: ['SELECT', String(opts.selectDb)] };
          await Promise.all([exchange(a, sel, timeout), exchange(b, sel, timeout)]);
        }
      }
      const [ra, rb] = await Promise.all([
        exchange(a, st, timeout, s.pipeline === true),
        exchange(b, st, timeout, s.pipeline === true),
      ]);
      const n = Math.max(ra.replies.length, rb.replies.length);
      for (let j = 0; j < n; j++) {
        const x = ra.replies[j] ?? `<${ra.error ?? 'missing'}>`;
        const y = rb.replies[j] ?? `<${rb.error ?? 'missing'}>`;
        const why = ra.replies[j] === undefined || rb.replies[j] === undefined ? (x === y ? null : 'reply missing') : compare(st.compare ?? 'exact', x, y);
        if (why !== null) {
          problems.push(`step ${i + 1}${n > 1 ? ` reply ${j + 1}` : ''}: ${describeStep(st)}  (${why})\n    redis:   ${quote(x)}\n    redwire: ${quote(y)}`);
        }
      }
      if (st.closes) {
        const [ca, cb] = await Promise.all([closedWithin(a, timeout), closedWithin(b, timeout)]);
        if (ca !== cb) problems.push(`step ${i + 1}: ${describeStep(st)}: redis ${ca ? 'closed' : 'kept'} the connection, Redwire ${cb ? 'closed' : 'kept'} it`);
      }
      if (a.closed || b.closed) {
        if (a.closed !== b.closed) {
          problems.push(`step ${i + 1}: ${describeStep(st)}: connection closed by ${a.closed ? 'redis' : 'Redwire'} only`);
        }
        if (!s.steps.slice(i + 1).some((x) => x.reconnect)) break;
      }
    }
  } finally {
    a.close();
    b.close();
  }
  return problems.length === 0 ? '' : header(s) + problems.join('\n');
}

function header(s: Script): string {
  return `script "${s.name}"${s.resp3 ? ' (RESP3)' : ''}${s.pipeline ? ' (pipelined)' : ''}:\n`;
}

function stepBytes(st: Step): Buffer {
  if (st.raw !== undefined) return typeof st.raw === 'string' ? Buffer.from(st.raw, 'latin1') : st.raw;
  return encodeCommand(st.cmd ?? []);
}

interface Exchange {
  replies: string[];
  error: string | null;
}

async function exchange(c: RawConnection, st: Step, timeoutMs: number, alreadySent = false): Promise<Exchange> {
  if (!alreadySent) c.write(stepBytes(st));
  const want = st.replies ?? 1;
  const replies: string[] = [];
  for (let k = 0; k < want; k++) {
    try {
      replies.push(await c.readReply(timeoutMs));
    } catch (e) {
      return { replies, error: (e as Error).message.startsWith('connection closed') ? 'connection closed' : 'no reply (timeout)' };
    }
  }
  return { replies, error: null };
}

async function closedWithin(c: RawConnection, ms: number): Promise<boolean> {
  try {
    await c.waitClosed(ms);
    return true;
  } catch {
    return false;
  }
}

function describeStep(st: Step): string {
  if (st.raw !== undefined) return `raw ${quote(typeof st.raw === 'string' ? st.raw : st.raw.toString('latin1'))}`;
  return (st.cmd ?? []).map((x) => {
    const t = x.toString('latin1');
    return /^[\x21-\x7e]+$/.test(t) && !t.includes('"') ? t : quote(t);
  }).join(' ');
}

/** A reply as a JSON-ish string with bytes above 0x7e escaped; long replies are cut. */
export function quote(s: string, max = 300): string {
  const cut = s.length > max ? `${s.slice(0, max)}…(${s.length} bytes)` : s;
  return JSON.stringify(cut).replace(/[\u007f-\u00ff]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function compare(how: Compare, x: string, y: string): string | null {
  if (typeof how === 'function') return how(x, y);
  switch (how) {
    case 'ignore':
      return null;
    case 'type':
      return x[0] === y[0] ? null : 'reply types differ';
    case 'exact':
      return x === y ? null : 'bytes differ';
    case 'unordered':
      return canonical(x, false) === canonical(y, false) ? null : 'elements differ (order ignored)';
    case 'pairs':
      return canonical(x, true) === canonical(y, true) ? null : 'pairs differ (order ignored)';
  }
}

/**
 * The reply with aggregate elements sorted: at every level for 'unordered'
 * (SMEMBERS, SCAN's key list), or the top level's key/value pairs for 'pairs'
 * (HGETALL in RESP2). RESP3 maps always sort by pair.
 */
function canonical(raw: string, pairs: boolean): string {
  return canonicalAt(Buffer.from(raw, 'latin1'), 0, raw.length, pairs, !pairs);
}

function canonicalAt(buf: Buffer, start: number, end: number, pairs: boolean, deep: boolean): string {
  const raw = buf.toString('latin1', start, end);
  const t = raw[0];
  if (!'*~%>'.includes(t)) return raw;
  const nl = raw.indexOf('\r\n');
  const count = Number(raw.slice(1, nl));
  if (count < 0) return raw;
  const items: string[] = [];
  const n = t === '%' ? count * 2 : count;
  let p = start + nl + 2;
  for (let i = 0; i < n; i++) {
    const e = replyEnd(buf, p);
    if (e < 0 || e > end) return raw;
    items.push(deep ? canonicalAt(buf, p, e, false, true) : buf.toString('latin1', p, e));
    p = e;
  }
  const groups: string[] = [];
  const step = pairs || t === '%' ? 2 : 1;
  for (let i = 0; i < items.length; i += step) groups.push(items.slice(i, i + step).join(''));
  groups.sort();
  return raw.slice(0, nl + 2) + groups.join('');
}

/** A Compare that blanks what `pattern` matches (keeping capture group 1) in both replies, then compares bytes. */
export function masked(pattern: RegExp): Compare {
  const g = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const mask = (r: string) => r.replace(g, (_m, keep?: string) => `${typeof keep === 'string' ? keep : ''}<masked>`);
  return (x, y) => (mask(x) === mask(y) ? null : 'bytes differ (after masking)');
}

/** HELLO's reply with the client id masked. */
export const HELLO_REPLY = masked(/(\$2\r\nid\r\n:)\d+/);

/** A Compare accepting two integer replies at most `tolerance` apart (PTTL, timestamps). */
export function approxInt(tolerance: number): Compare {
  return (x, y) => {
    if (x[0] !== ':' || y[0] !== ':') return x === y ? null : 'not both integers';
    return Math.abs(Number(x.slice(1, -2)) - Number(y.slice(1, -2))) <= tolerance ? null : `integers differ by more than ${tolerance}`;
  };
}

/** Which of `names` ("get", "container|sub") redis-server has (COMMAND INFO answers nil for the others). */
export async function redisHasCommands(redis: Target, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const c = await RawConnection.connect(redis.port, redis.host);
  try {
    const have: string[] = [];
    for (const n of names) {
      const r = await c.command('COMMAND', 'INFO', n);
      if (r !== '*1\r\n*-1\r\n' && r !== '*1\r\n$-1\r\n') have.push(n);
    }
    return have;
  } finally {
    c.close();
  }
}

/**
 * A vitest suite for one command family: spawns redis-server and a Redwire
 * test server once, runs each script as its own test (skipped, with a note
 * naming the missing commands, until Redwire has them all).
 */
export function differentialSuite(family: string, scripts: Script[], redwireOptions: Record<string, string> = {}): void {
  describe(`differential: ${family}`, () => {
    const redis = useRedisServer();
    const redwire = useTestServer(redwireOptions);
    let db = 0;
    for (const s of scripts) {
      const missing = missingCommands(s);
      const selectDb = (db++ % 15) + 1;
      it(s.name, async (ctx) => {
        // Commands redis-server lacks as well are what the script tests (unknown command errors).
        const needed = await redisHasCommands(redis, missing);
        if (needed.length > 0) ctx.skip(`Redwire lacks: ${needed.join(' ')}`);
        const report = await runScript(s, redis, redwire, { selectDb });
        expect(report).toBe('');
      });
    }
  });
}
