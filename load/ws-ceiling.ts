// ws-ceiling: the fan-out ceiling for load/ws-fanout — a raw uWebSockets.js
// app that does nothing but app.publish(). Every WebSocket joins topic
// "bench" on open and is answered "ready" to any frame it sends; a TCP
// listener takes newline-terminated payloads and publishes each one.
//
// By default (--frame json) each payload is published inside the same JSON
// push frame Redwire sends ({"push":"message","channel":"bench","data":...}),
// so both sides put the same bytes on the wire; --frame raw publishes the
// payload alone.
//
// usage: node dist/load/ws-ceiling.js [--ws-port 7382] [--pub-port 7182]
//                                     [--max-backpressure 67108864] [--frame json|raw]
import net from 'node:net';
import { App } from 'uWebSockets.js';

const opt: Record<string, string> = { 'ws-port': '7382', 'pub-port': '7182', 'max-backpressure': String(64 * 1024 * 1024), frame: 'json' };
for (let i = 2; i + 1 < process.argv.length; i += 2) opt[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];

const TOPIC = 'bench';
const HEAD = Buffer.from('{"push":"message","channel":"bench","data":"');
const TAIL = Buffer.from('"}');
const json = opt.frame === 'json';

const app = App().ws('/*', {
  compression: 0,
  maxPayloadLength: 16 * 1024,
  maxBackpressure: Number(opt['max-backpressure']),
  closeOnBackpressureLimit: false,
  idleTimeout: 0,
  sendPingsAutomatically: false,
  open: (ws) => void ws.subscribe(TOPIC),
  message: (ws) => void ws.send('ready', false),
});
app.listen('127.0.0.1', Number(opt['ws-port']), (ok) => {
  if (!ok) {
    console.error(`ws-ceiling: cannot listen on ${opt['ws-port']}`);
    process.exit(1);
  }
});

let published = 0;
// Frame assembly space: HEAD + payload + TAIL, rebuilt in place per line (payloads are plain ASCII).
let frame = Buffer.alloc(4096);
HEAD.copy(frame, 0);

net.createServer({ noDelay: true }, (sock) => {
  let rest: Buffer | null = null;
  sock.on('data', (chunk: Buffer) => {
    const buf = rest === null ? chunk : Buffer.concat([rest, chunk]);
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf(10, start)) !== -1) {
      if (json) {
        const n = nl - start;
        if (HEAD.length + n + TAIL.length > frame.length) {
          frame = Buffer.alloc((HEAD.length + n + TAIL.length) * 2);
          HEAD.copy(frame, 0);
        }
        buf.copy(frame, HEAD.length, start, nl);
        TAIL.copy(frame, HEAD.length + n);
        app.publish(TOPIC, frame.subarray(0, HEAD.length + n + TAIL.length), false);
      } else {
        app.publish(TOPIC, buf.subarray(start, nl), false);
      }
      published++;
      start = nl + 1;
    }
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
  });
  sock.on('end', () => sock.end(`published=${published}\n`));
  sock.on('error', () => {});
}).listen(Number(opt['pub-port']), '127.0.0.1', () => console.log(`ws-ceiling ready ws=${opt['ws-port']} pub=${opt['pub-port']}`));

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
