// The keyspace notifications a command script makes a real server publish,
// in order: differential tests compare redis-server's with Redwire's.
import { RawConnection, encodeCommand } from './resp.js';

/**
 * Runs `script` on a flushed server with every event class on, while a second
 * connection is subscribed with `subscribe` (by default a pattern for every
 * db 0 keyspace and keyevent channel); returns the messages it got (raw RESP).
 */
export async function eventsOf(port: number, script: string[][], subscribe = ['PSUBSCRIBE', '__key*@0__:*']): Promise<string[]> {
  const sub = await RawConnection.connect(port);
  const cmd = await RawConnection.connect(port);
  try {
    await cmd.command('FLUSHALL');
    await cmd.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm');
    sub.write(encodeCommand(subscribe));
    for (let i = 1; i < subscribe.length; i++) await sub.readReply();
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
