// Pre-encoded RESP requests and a reply counter: the load generators use no
// client library (replies are counted with redis-parser), so the client is
// never the bottleneck.
import net from 'node:net';
import RedisParser from 'redis-parser';

/** `n` SET commands `key:<12 digits> -> value`, encoded as RESP into chunks of about `chunkBytes`. */
export function encodeSets(n: number, value: string, chunkBytes = 1 << 20, first = 1, distinct = false): Buffer[] {
  const chunks: Buffer[] = [];
  const v = `$${value.length}\r\n${value}\r\n`;
  let parts: string[] = [];
  let size = 0;
  for (let i = first; i < first + n; i++) {
    // distinct: a different 3-byte value per key (the low 24 bits of i), so no two values are equal.
    const val = distinct ? `$3\r\n${String.fromCharCode((i >> 16) & 255, (i >> 8) & 255, i & 255)}\r\n` : v;
    const cmd = `*3\r\n$3\r\nSET\r\n$16\r\nkey:${String(i).padStart(12, '0')}\r\n${val}`;
    parts.push(cmd);
    size += cmd.length;
    if (size >= chunkBytes) {
      chunks.push(Buffer.from(parts.join(''), 'latin1'));
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) chunks.push(Buffer.from(parts.join(''), 'latin1'));
  return chunks;
}

/** Counts replies, and error replies apart, with redis-parser (the project's RESP reply parser). */
class ReplyCounter {
  replies = 0;
  errors = 0;
  private readonly parser = new RedisParser({
    returnReply: () => void this.replies++,
    returnError: () => {
      this.replies++;
      this.errors++;
    },
    returnFatalError: (e) => {
      throw e;
    },
    returnBuffers: true,
  });

  /** Parses one chunk of reply bytes. */
  feed(b: Buffer): void {
    this.parser.execute(b);
  }
}

/** Result of one pipelined load. */
export interface LoadResult {
  seconds: number;
  replies: number;
  errors: number;
}

/**
 * Writes every chunk to 127.0.0.1:port as fast as the socket takes them
 * (honouring backpressure) and resolves when `expected` replies were counted.
 */
export function pipelinedLoad(port: number, chunks: Buffer[], expected: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const counter = new ReplyCounter();
    const s = net.createConnection({ port, host: '127.0.0.1', noDelay: true });
    let t0 = 0;
    let next = 0;
    const pump = () => {
      while (next < chunks.length) {
        if (!s.write(chunks[next++])) {
          s.once('drain', pump);
          return;
        }
      }
    };
    s.on('connect', () => {
      t0 = performance.now();
      pump();
    });
    s.on('data', (d) => {
      try {
        counter.feed(d);
      } catch (e) {
        s.destroy();
        reject(e);
        return;
      }
      if (counter.replies >= expected) {
        const seconds = (performance.now() - t0) / 1000;
        s.destroy();
        resolve({ seconds, replies: counter.replies, errors: counter.errors });
      }
    });
    s.on('error', reject);
    s.on('close', () => {
      if (counter.replies < expected) reject(new Error(`connection closed after ${counter.replies}/${expected} replies`));
    });
  });
}

/** Sends one command and returns its raw reply text (for FLUSHALL, DBSIZE, INFO). */
export function rawCommand(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection({ port, host: '127.0.0.1' });
    let buf = '';
    s.on('connect', () => s.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`));
    s.on('data', (d) => {
      buf += d.toString('latin1');
      const nl = buf.indexOf('\r\n');
      if (nl < 0) return;
      if (buf[0] === '$') {
        const n = Number(buf.slice(1, nl));
        if (n >= 0 && buf.length < nl + 2 + n + 2) return;
      }
      s.destroy();
      resolve(buf);
    });
    s.on('error', reject);
  });
}

/** A numeric field of INFO <section> (e.g. used_memory), NaN when absent. */
export async function infoField(port: number, section: string, field: string): Promise<number> {
  const text = await rawCommand(port, 'INFO', section);
  const m = new RegExp(`\\r\\n${field}:(\\d+)\\r\\n`).exec(text);
  return m ? Number(m[1]) : NaN;
}
