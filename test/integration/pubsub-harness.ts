// Multi-connection scripts run against redis-server and Redwire, replies
// compared byte for byte (pub/sub needs a publisher and subscribers).
//
// One step per line:
//   1: SUBSCRIBE a b  #2    connection 1 sends, then reads 2 replies (default 1)
//   1<  #1                  connection 1 reads 1 reply without sending
//   1: CLIENT REPLY OFF #0  send, read nothing
//   ~0: PUBSUB CHANNELS     compare ignoring element order
//   ?1: CLIENT ID           compare only the reply type
//   3+                      (in the prelude) open connections 0..3
// Commands use Redis's inline quoting ("a b", "\x00").
import { splitInlineArgs } from '../../protocols/resp/inline.js';
import { RawConnection, encodeCommand, replyEnd } from '../helpers/resp.js';

interface Step {
  conn: number;
  argv: string[] | null;
  replies: number;
  mode: '' | '~' | '?';
  text: string;
}

function parse(text: string): Step[] {
  const steps: Step[] = [];
  for (let raw of text.split('\n')) {
    raw = raw.trim();
    if (raw === '' || raw.startsWith('//')) continue;
    const m = /^([~?]?)(\d+)([:<])\s*(.*?)\s*(?:#(\d+))?$/.exec(raw);
    if (m === null) throw new Error(`bad step: ${raw}`);
    let argv: string[] | null = null;
    if (m[3] === ':') {
      const b = Buffer.from(m[4], 'latin1');
      argv = splitInlineArgs(b, 0, b.length);
      if (argv === null) throw new Error(`bad quoting: ${raw}`);
    }
    steps.push({ conn: Number(m[2]), argv, replies: m[5] !== undefined ? Number(m[5]) : argv === null ? 1 : 1, mode: m[1] as Step['mode'], text: raw });
  }
  return steps;
}

/** Top-level elements of an aggregate reply (raw), sorted: for order-free comparisons. */
function sortedElements(reply: string): string {
  const b = Buffer.from(reply, 'latin1');
  const nl = b.indexOf('\r\n');
  if (!'*~>'.includes(reply[0]) || Number(reply.slice(1, nl)) <= 0) return reply;
  const parts: string[] = [];
  let p = nl + 2;
  while (p < b.length) {
    const end = replyEnd(b, p);
    parts.push(b.toString('latin1', p, end));
    p = end;
  }
  return reply.slice(0, nl + 2) + parts.sort().join('');
}

async function runOn(port: number, steps: Step[], conns: number, timeoutMs: number): Promise<string[]> {
  const cs: RawConnection[] = [];
  for (let i = 0; i < conns; i++) cs.push(await RawConnection.connect(port));
  const out: string[] = [];
  try {
    for (const st of steps) {
      const c = cs[st.conn];
      if (st.argv !== null) c.write(encodeCommand(st.argv));
      for (let k = 0; k < st.replies; k++) {
        let r: string;
        try {
          r = await c.readReply(timeoutMs);
        } catch (e) {
          r = `<${(e as Error).message.slice(0, 80)}>`;
        }
        if (st.mode === '~') r = sortedElements(r);
        if (st.mode === '?') r = r[0];
        out.push(`${st.text} => ${JSON.stringify(r)}`);
      }
    }
    // Nothing may be left unread: an extra push would be a difference too.
    await new Promise((r) => setTimeout(r, 30));
    for (let i = 0; i < cs.length; i++) {
      const left = await cs[i].readBytes(0, 1);
      if (left.length > 0) out.push(`conn ${i} unread => ${JSON.stringify(left.toString('latin1'))}`);
    }
  } finally {
    for (const c of cs) c.close();
  }
  return out;
}

/** Runs a script on both servers; returns both transcripts (expect them equal). */
export async function runBoth(script: string, redisPort: number, redwirePort: number, timeoutMs = 2000): Promise<[string[], string[]]> {
  const steps = parse(script);
  const conns = Math.max(...steps.map((s) => s.conn)) + 1;
  const a = await runOn(redisPort, steps, conns, timeoutMs);
  const b = await runOn(redwirePort, steps, conns, timeoutMs);
  return [a, b];
}
