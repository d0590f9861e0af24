// Shared by the SORT, HyperLogLog and GEO differential tests: the keyspace
// notifications a command script makes a server publish, in order.
import { RawConnection, encodeCommand } from '../helpers/resp.js';

/** Runs `script` on a flushed server with every event class on; returns the pmessages published (raw RESP). */
export async function eventsOf(port: number, script: string[][]): Promise<string[]> {
  const sub = await RawConnection.connect(port);
  const cmd = await RawConnection.connect(port);
  try {
    await cmd.command('FLUSHALL');
    await cmd.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm');
    sub.write(encodeCommand(['PSUBSCRIBE', '__key*@0__:*']));
    await sub.readReply();
    for (const argv of script) await cmd.command(...argv);
    await cmd.command('CONFIG', 'SET', 'notify-keyspace-events', '');
    // Everything published arrives before the PING reply.
    sub.write(encodeCommand(['PING']));
    const out: string[] = [];
    for (;;) {
      const r = await sub.readReply(2000);
      if (r === '*2\r\n$4\r\npong\r\n$0\r\n\r\n') return out;
      out.push(r);
    }
  } finally {
    sub.close();
    cmd.close();
  }
}
