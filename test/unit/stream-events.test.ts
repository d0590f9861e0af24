// Keyspace events and WATCH for stream commands, as Redis 7.0 fires them.
import { describe, expect, it } from 'vitest';
import { memoryServer, type MemorySession, keyspaceListener as listen } from '../helpers/memory.js';

describe('stream keyspace events', () => {
  it('fires what unit/pubsub "stream events test" expects', () => {
    const { c, events } = listen({ 'notify-keyspace-events': 'Kt' });
    c.run('XGROUP', 'CREATE', 'mystream', 'mygroup', '$', 'MKSTREAM');
    c.run('XGROUP', 'CREATECONSUMER', 'mystream', 'mygroup', 'Bob');
    const id = c.run('XADD', 'mystream', '1', 'field1', 'A') as string;
    c.run('XREADGROUP', 'GROUP', 'mygroup', 'Alice', 'STREAMS', 'mystream', '>');
    c.run('XCLAIM', 'mystream', 'mygroup', 'Mike', '0', id, 'FORCE');
    c.run('XGROUP', 'DELCONSUMER', 'mystream', 'mygroup', 'Lee'); // no such consumer: no event
    c.run('XAUTOCLAIM', 'mystream', 'mygroup', 'Bob', '0', id); // Bob exists: no event
    c.run('XGROUP', 'DELCONSUMER', 'mystream', 'mygroup', 'Bob');
    expect(events()).toEqual([
      'xgroup-create', 'xgroup-createconsumer', 'xadd', 'xgroup-createconsumer', 'xgroup-createconsumer', 'xgroup-delconsumer',
    ]);
  });

  it('fires new/xadd/xtrim/xdel/xsetid/xgroup-setid/xgroup-destroy only on change', () => {
    const { c, events } = listen({ 'notify-keyspace-events': 'KAn' });
    c.run('XADD', 's', '1-0', 'a', 'b');
    c.run('XADD', 's', 'MAXLEN', '1', '2-0', 'a', 'b');
    c.run('XADD', 's', 'MAXLEN', '5', '3-0', 'a', 'b'); // nothing trimmed: no xtrim
    c.run('XTRIM', 's', 'MAXLEN', '5');
    c.run('XTRIM', 's', 'MAXLEN', '1');
    c.run('XDEL', 's', '1-0');
    c.run('XDEL', 's', '3-0');
    c.run('XSETID', 's', '9-0');
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('XGROUP', 'SETID', 's', 'g', '0');
    c.run('XGROUP', 'DESTROY', 's', 'g');
    c.run('XGROUP', 'DESTROY', 's', 'g');
    c.run('XADD', 'other', 'NOMKSTREAM', '*', 'a', 'b');
    c.run('XADD', 's', '1-0', 'a', 'b'); // refused: no event
    expect(events()).toEqual(['new', 'xadd', 'xadd', 'xtrim', 'xadd', 'xtrim', 'xdel', 'xsetid', 'xgroup-create', 'xgroup-setid', 'xgroup-destroy']);
  });

  it('XREADGROUP with NOACK and blocked readers create consumers with an event', () => {
    const { c, events, client } = listen({ 'notify-keyspace-events': 'Kt' });
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    const reader = client() as MemorySession;
    reader.runBatch([['XREADGROUP', 'GROUP', 'g', 'Bob', 'BLOCK', '0', 'NOACK', 'STREAMS', 's', '>']]);
    c.run('XADD', 's', '1-0', 'f', 'v');
    expect(events()).toEqual(['xgroup-create', 'xadd', 'xgroup-createconsumer']);
  });
});

describe('WATCH and stream writes', () => {
  function watchAfter(write: string[][]) {
    const { client } = memoryServer();
    const c = client();
    const other = client();
    c.run('XADD', 's', '1-0', 'a', 'b');
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('WATCH', 's');
    for (const w of write) other.run(...w);
    c.run('MULTI');
    c.run('PING');
    return c.run('EXEC');
  }

  it('is invalidated by XADD, XDEL and XTRIM', () => {
    expect(watchAfter([['XADD', 's', '2-0', 'a', 'b']])).not.toEqual([expect.anything()]);
    expect(watchAfter([['XDEL', 's', '1-0']])).not.toEqual([expect.anything()]);
    expect(watchAfter([['XTRIM', 's', 'MAXLEN', '0']])).not.toEqual([expect.anything()]);
  });

  it('is not invalidated by group state changes (Redis does not signal them)', () => {
    const ok = [{ kind: 1, text: 'PONG' }];
    expect(watchAfter([['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>']])).toMatchObject(ok);
    expect(watchAfter([['XGROUP', 'CREATECONSUMER', 's', 'g', 'x'], ['XACK', 's', 'g', '1-0'], ['XSETID', 's', '5-0']])).toMatchObject(ok);
  });
});
