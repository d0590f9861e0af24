// Pub/Sub replies and messages compared byte for byte with redis-server 7.0,
// with several connections per script (RESP2 and RESP3).
import { describe, expect, it } from 'vitest';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { runBoth } from './pubsub-harness.js';

const SCRIPTS: Record<string, string> = {
  'subscribe, publish, unsubscribe (RESP2)': `
    1: SUBSCRIBE a b a #3
    0: PUBLISH a hello
    1< #1
    0: PUBLISH c nobody
    1: PSUBSCRIBE a* b? #2
    0: PUBLISH a x
    1< #2
    0: PUBLISH bb y
    1< #1
    1: UNSUBSCRIBE zz a #2
    1: PING
    1: PING msg
    1: GET k
    1: CLIENT LIST
    1: UNSUBSCRIBE
    1: UNSUBSCRIBE
    1: PUNSUBSCRIBE b?
    1: PUNSUBSCRIBE
    1: PUNSUBSCRIBE
    1: PING
    0: PUBLISH a gone
  `,
  'subscribe, publish, unsubscribe (RESP3)': `
    ?1: HELLO 3
    1: SUBSCRIBE a b #2
    0: PUBLISH a hello
    1< #1
    1: PSUBSCRIBE * #1
    0: PUBLISH b x
    1< #2
    1: SET k v
    1: PING
    1: PUBLISH a self
    1< #2
    1: UNSUBSCRIBE b #1
    // Unsubscribe-all order is Redis's dict order (random per process): one channel left.
    1: UNSUBSCRIBE #1
    1: PUNSUBSCRIBE nope #1
    1: PUNSUBSCRIBE #1
    1: UNSUBSCRIBE #1
  `,
  'shard channels count apart (RESP2)': `
    1: SSUBSCRIBE s1 s2 s1 #3
    1: SUBSCRIBE c #1
    1: PSUBSCRIBE p* #1
    0: SPUBLISH s1 m
    1< #1
    0: PUBLISH s1 m
    0: SPUBLISH c m
    0: PUBLISH p1 m
    1< #1
    ~0: PUBSUB SHARDCHANNELS
    ~0: PUBSUB SHARDCHANNELS s?
    0: PUBSUB SHARDNUMSUB s1 s2 s3
    0: PUBSUB NUMSUB c s1
    0: PUBSUB NUMPAT
    1: SUNSUBSCRIBE s1 zz #2
    1: UNSUBSCRIBE #1
    1: SUNSUBSCRIBE #1
    1: SUNSUBSCRIBE #1
    1: GET k
    1: PUNSUBSCRIBE #1
    1: GET k
  `,
  'shard channels (RESP3)': `
    ?1: HELLO 3
    ?1: PING
    1: SSUBSCRIBE s1 #1
    0: SPUBLISH s1 m
    1< #1
    1: SUNSUBSCRIBE #1
    1: SUNSUBSCRIBE #1
  `,
  'PUBSUB introspection with several clients': `
    1: SUBSCRIBE news.1 news.2 other #3
    2: SUBSCRIBE news.1 #1
    2: PSUBSCRIBE x* y* x* #3
    3: PSUBSCRIBE x* #1
    ~0: PUBSUB CHANNELS
    ~0: PUBSUB CHANNELS news.*
    0: PUBSUB CHANNELS zzz*
    0: PUBSUB NUMSUB news.1 news.2 other none
    0: PUBSUB NUMSUB
    0: PUBSUB NUMPAT
    0: PUBSUB SHARDNUMSUB
    0: PUBSUB SHARDCHANNELS
    0: PUBLISH news.1 m
    1< #1
    2< #1
    0: PUBLISH x1 m
    2< #1
    3< #1
    0: PUBSUB CHANNELS a b
    0: PUBSUB SHARDCHANNELS a b
    0: PUBSUB NUMPAT x
    0: PUBSUB HELP x
    0: PUBSUB
    0: PUBSUB FOO
    0: PUBSUB HELP
    ?0: HELLO 3
    0: PUBSUB NUMSUB news.1
    0: PUBSUB HELP
  `,
  'arity and unknown errors': `
    0: SUBSCRIBE
    0: PSUBSCRIBE
    0: SSUBSCRIBE
    0: PUBLISH a
    0: PUBLISH a b c
    0: SPUBLISH a
    0: UNSUBSCRIBE #1
    0: PUNSUBSCRIBE #1
    0: SUNSUBSCRIBE #1
    0: GET k
  `,
  'CLIENT REPLY OFF and SKIP do not silence confirmations or messages': `
    ?1: HELLO 3
    1: CLIENT REPLY OFF #0
    1: SUBSCRIBE a #1
    1: PSUBSCRIBE a* #1
    0: PUBLISH a m
    1< #2
    1: PING #0
    1: UNSUBSCRIBE a #1
    1: CLIENT REPLY ON
    1: CLIENT REPLY SKIP #0
    1: PUNSUBSCRIBE #1
    1: PING
    2: CLIENT REPLY SKIP #0
    2: SUBSCRIBE x #1
    2: PING
  `,
  'MULTI/EXEC': `
    1: MULTI
    1: SUBSCRIBE a
    1: SSUBSCRIBE b
    1: PSUBSCRIBE c
    1: EXEC
    0: PUBLISH a m
    1< #1
    1: PING
    1: MULTI
    1: RESET
    2: MULTI
    2: PUBLISH a x
    2: MONITOR
    2: EXEC
  `,
  'binary channels and payloads': `
    1: SUBSCRIBE "c\\x00\\xff\\r\\n" #1
    1: PSUBSCRIBE "c\\x00*" "\\xff?" #2
    0: PUBLISH "c\\x00\\xff\\r\\n" "\\x00\\x80\\xff\\r\\n"
    1< #2
    0: PUBLISH "\\xff\\x01" x
    1< #1
    0: PUBSUB NUMSUB "c\\x00\\xff\\r\\n"
    0: PUBSUB CHANNELS "c\\x00*"
  `,
  'keyspace pmessages with RESET and RESP3 client': `
    0: CONFIG SET notify-keyspace-events KEA
    ?1: HELLO 3
    1: PSUBSCRIBE __key*__:* #1
    0: SET foo bar
    1< #2
    0: DEL foo
    1< #2
    1: RESET
    0: SET foo bar
    0: CONFIG SET notify-keyspace-events ""
  `,
  // Messages and pushes produced inside EXEC are written inline, after a
  // header that counts queued commands, exactly as Redis writes them.
  'message to self inside EXEC (RESP3)': `
    ?1: HELLO 3
    1: SUBSCRIBE c #1
    1: MULTI
    1: PUBLISH c hi
    1: PING
    1: EXEC #2
  `,
  'SUBSCRIBE with two channels inside MULTI': `
    1: MULTI
    1: SUBSCRIBE a b
    1: EXEC #3
  `,
  'COMMAND metadata': `
    0: COMMAND INFO subscribe unsubscribe psubscribe punsubscribe ssubscribe sunsubscribe publish spublish
    0: COMMAND INFO monitor
    0: COMMAND INFO pubsub|channels pubsub|numsub pubsub|numpat pubsub|shardchannels pubsub|shardnumsub pubsub|help
    0: COMMAND DOCS subscribe unsubscribe psubscribe punsubscribe ssubscribe sunsubscribe publish spublish monitor
    0: COMMAND DOCS pubsub|channels pubsub|numsub pubsub|numpat pubsub|shardchannels pubsub|shardnumsub pubsub|help
    0: COMMAND GETKEYS publish a b
  `,
};


describe('pub/sub against redis-server 7.0', () => {
  const redis = useRedisServer();
  const rw = useTestServer();

  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(name, async () => {
      const [a, b] = await runBoth(script, redis.port, rw.port);
      expect(b).toEqual(a);
    });
  }

});
