// The json subprotocol codec: frame decoding (both parse paths), reply and
// push serialization, value mapping, message frames serialized once.
import { describe, expect, it } from 'vitest';
import {
  CACHE_JSON, cachedMessageFrame, decodeFrame, errorFrame, messageFrame, messageFrameHead, peekId, plainMessageFrame, pushFrame,
  replyFrame, subscriptionCount,
} from '../../protocols/json/codec.js';
import { base64ToBytes, bytesToJson, bytesToText, doubleToJson, integerToJson, replyToJson, textToBytes } from '../../protocols/json/values.js';
import {
  BigNumberReply, BoolReply, DoubleReply, err, MapReply, NULL_ARRAY, OK, PushReply, SetReply, StatusReply, VerbatimReply,
} from '../../protocols/reply.js';
import { Message } from '../../src/core/pubsub.js';

const frame = (s: string) => decodeFrame(Buffer.from(s, 'utf8'));
const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('decodeFrame', () => {
  it('decodes commands with ids', () => {
    expect(frame('{"id":1,"cmd":["SET","k","v","EX",60]}')).toEqual({ type: 'cmd', id: 1, argv: ['SET', 'k', 'v', 'EX', '60'] });
    expect(frame('{"id":"x-1","cmd":["PING"]}')).toEqual({ type: 'cmd', id: 'x-1', argv: ['PING'] });
    expect(frame('{"cmd":["PING"]}')).toEqual({ type: 'cmd', id: undefined, argv: ['PING'] });
    expect(frame(' { "cmd" : [ "GET" , "k" ] , "id" : 5 } ')).toEqual({ type: 'cmd', id: 5, argv: ['GET', 'k'] });
    expect(frame('{"id":null,"cmd":["PING"],"extra":1}')).toEqual({ type: 'cmd', id: undefined, argv: ['PING'] });
  });

  it('turns text into UTF-8 byte strings on both parse paths', () => {
    const text = 'héllo ✓ 😀 "q" \\ /';
    const plain = frame(JSON.stringify({ cmd: ['SET', 'k', text] }));
    const escaped = frame(JSON.stringify({ cmd: ['SET', 'k', text] }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    expect(plain).toEqual({ type: 'cmd', id: undefined, argv: ['SET', 'k', latin1(text)] });
    expect(escaped).toEqual(plain);
    // A \u escape of a latin1-range char is the char U+00E9, i.e. UTF-8 bytes C3 A9.
    expect(frame('{"cmd":["\\u00e9"]}')).toMatchObject({ argv: ['\xc3\xa9'] });
    expect(frame('{"id":"ü","cmd":["PING"]}')).toMatchObject({ id: 'ü' });
  });

  it('agrees between the two paths on random strings', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 300; n++) {
      let s = '';
      const len = Math.floor(rnd() * 12);
      for (let i = 0; i < len; i++) {
        const r = rnd();
        s += r < 0.5 ? String.fromCharCode(32 + Math.floor(rnd() * 95)) : r < 0.8 ? String.fromCharCode(0x80 + Math.floor(rnd() * 0x700)) : r < 0.9 ? '😀' : '\n"\\';
      }
      const a = frame(JSON.stringify({ cmd: [s] }));
      const b = frame(JSON.stringify({ cmd: [s, '\\u'] }).replace('"\\\\u"', '"\\u005cu"'));
      expect(a).toEqual({ type: 'cmd', id: undefined, argv: [latin1(s)] });
      expect(b).toEqual({ type: 'cmd', id: undefined, argv: [latin1(s), '\\u'] });
    }
  });

  it('decodes $b64 arguments, standard or URL-safe, and rejects bad base64', () => {
    expect(frame('{"cmd":["SET","k",{"$b64":"/wDD"}]}')).toMatchObject({ argv: ['SET', 'k', '\xff\x00\xc3'] });
    expect(frame('{"cmd":["SET","k",{"$b64":"_wDD"}]}')).toMatchObject({ argv: ['SET', 'k', '\xff\x00\xc3'] });
    expect(frame('{"cmd":["SET","k",{"$b64":"AQ"}]}')).toMatchObject({ argv: ['SET', 'k', '\x01'] });
    expect(frame('{"id":3,"cmd":["SET","k",{"$b64":"a*b"}]}')).toEqual({ type: 'bad', id: 3, msg: 'cmd[2]: invalid base64' });
  });

  it('reports malformed frames, keeping the id when it was readable', () => {
    expect(frame('{')).toEqual({ type: 'bad', id: undefined, msg: 'invalid JSON' });
    expect(frame('"str"')).toEqual({ type: 'bad', id: undefined, msg: 'a frame must be a JSON object' });
    expect(frame('[]')).toEqual({ type: 'bad', id: undefined, msg: 'a frame must be a JSON object' });
    expect(frame('{"id":true,"cmd":["PING"]}')).toEqual({ type: 'bad', id: undefined, msg: 'id must be a number or a string' });
    expect(frame('{"id":2}')).toEqual({ type: 'bad', id: 2, msg: 'a frame needs "cmd" (or "auth")' });
    expect(frame('{"id":2,"cmd":"PING"}')).toEqual({ type: 'bad', id: 2, msg: 'cmd must be a non-empty array' });
    expect(frame('{"id":2,"cmd":[]}')).toEqual({ type: 'bad', id: 2, msg: 'cmd must be a non-empty array' });
    expect(frame('{"id":2,"cmd":["a",null]}')).toEqual({ type: 'bad', id: 2, msg: 'cmd[1] must be a string, a number or {"$b64":"..."}' });
    expect(frame('{"id":2,"cmd":["a",[1]]}')).toMatchObject({ type: 'bad' });
    expect(frame('{"id":2,"auth":5}')).toEqual({ type: 'bad', id: 2, msg: 'auth must be a string' });
  });

  it('decodes auth frames', () => {
    expect(frame('{"auth":"tok"}')).toEqual({ type: 'auth', id: undefined, token: 'tok' });
    expect(frame('{"id":1,"auth":"t\\u00f6k"}')).toEqual({ type: 'auth', id: 1, token: latin1('tök') });
  });

  it('peeks the id of a frame too large to parse', () => {
    expect(peekId(Buffer.from('{"id":42,"cmd":["SET"'))).toBe(42);
    expect(peekId(Buffer.from(' { "id" : "abc" , "cmd"'))).toBe('abc');
    expect(peekId(Buffer.from('{"cmd":["SET"],"id":1}'))).toBeUndefined();
  });
});

describe('values', () => {
  it('maps byte strings to text or $b64', () => {
    expect(bytesToText('abc')).toBe('abc');
    expect(bytesToText(latin1('é✓'))).toBe('é✓');
    expect(bytesToText('\xff')).toBeNull();
    expect(bytesToJson('\xff\x00')).toEqual({ $b64: '/wA=' });
    expect(textToBytes('é')).toBe('\xc3\xa9');
    expect(textToBytes('plain')).toBe('plain');
    expect(base64ToBytes('/w==')).toBe('\xff');
    expect(base64ToBytes('A')).toBeNull();
  });

  it('maps numbers: doubles with inf/nan as strings, integers beyond 2^53 as strings', () => {
    expect(doubleToJson(1.5)).toBe(1.5);
    expect(doubleToJson(Infinity)).toBe('inf');
    expect(doubleToJson(-Infinity)).toBe('-inf');
    expect(doubleToJson(NaN)).toBe('nan');
    expect(integerToJson(5n)).toBe(5);
    expect(integerToJson(9007199254740993n)).toBe('9007199254740993');
    expect(integerToJson(-9007199254740993n)).toBe('-9007199254740993');
  });

  it('maps every reply kind with RESP3 shapes', () => {
    expect(replyToJson('x')).toBe('x');
    expect(replyToJson(null)).toBeNull();
    expect(replyToJson(7)).toBe(7);
    expect(replyToJson(2n ** 63n - 1n)).toBe('9223372036854775807');
    expect(replyToJson(['a', 1, null, ['b']])).toEqual(['a', 1, null, ['b']]);
    expect(replyToJson(OK)).toBe('OK');
    expect(replyToJson(new MapReply(['a', 1, 'b', new MapReply(['c', null])]))).toEqual({ a: 1, b: { c: null } });
    expect(replyToJson(new MapReply([1, 'one', '\xff', 'bin']))).toEqual({ 1: 'one', '$b64:/w==': 'bin' });
    const proto = replyToJson(new MapReply(['__proto__', 'x'])) as Record<string, unknown>;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(JSON.stringify(proto)).toBe('{"__proto__":"x"}');
    expect(replyToJson(new SetReply(['a', 'b']))).toEqual(['a', 'b']);
    expect(replyToJson(new DoubleReply(-0.25))).toBe(-0.25);
    expect(replyToJson(new BoolReply(true))).toBe(true);
    expect(replyToJson(new VerbatimReply('txt', 'hello'))).toBe('hello');
    expect(replyToJson(new BigNumberReply('123456789012345678901234567890'))).toBe('123456789012345678901234567890');
    expect(replyToJson(NULL_ARRAY)).toBeNull();
    expect(replyToJson(err('WRONGTYPE Operation against a key'))).toEqual({ $err: { code: 'WRONGTYPE', msg: 'Operation against a key' } });
    expect(replyToJson(new StatusReply(latin1('ünï')))).toBe('ünï');
  });
});

describe('reply frames', () => {
  it('serializes replies by type, echoing numeric or string ids', () => {
    expect(replyFrame(1, OK)).toBe('{"id":1,"r":"OK"}');
    expect(replyFrame(2, 'v"q')).toBe('{"id":2,"r":"v\\"q"}');
    expect(replyFrame(3, 10)).toBe('{"id":3,"r":10}');
    expect(replyFrame(4, null)).toBe('{"id":4,"r":null}');
    expect(replyFrame(5, ['a', null, 2])).toBe('{"id":5,"r":["a",null,2]}');
    expect(replyFrame('abc', 10)).toBe('{"id":"abc","r":10}');
    expect(replyFrame('abc', 'x')).toBe('{"id":"abc","r":"x"}');
    expect(replyFrame(undefined, 'x')).toBe('{"r":"x"}');
    expect(replyFrame(6, new MapReply(['k', new DoubleReply(Infinity)]))).toBe('{"id":6,"r":{"k":"inf"}}');
    expect(replyFrame(7, '\xff')).toBe('{"id":7,"r":{"$b64":"/w=="}}');
    expect(replyFrame(8, latin1('é'))).toBe('{"id":8,"r":"é"}');
    expect(JSON.parse(replyFrame(9, 2n ** 64n))).toEqual({ id: 9, r: '18446744073709551616' });
  });

  it('serializes error frames', () => {
    expect(errorFrame(1, 'WRONGTYPE', 'Operation')).toBe('{"id":1,"err":{"code":"WRONGTYPE","msg":"Operation"}}');
    expect(errorFrame('a', 'ERR', 'x')).toBe('{"id":"a","err":{"code":"ERR","msg":"x"}}');
    expect(errorFrame(undefined, 'ERR', 'invalid JSON')).toBe('{"err":{"code":"ERR","msg":"invalid JSON"}}');
  });
});

describe('push frames', () => {
  it('serializes messages with the field order the wire documents', () => {
    expect(messageFrame('message', null, 'news', 'hi')).toBe('{"push":"message","channel":"news","data":"hi"}');
    expect(messageFrame('pmessage', 'n*', 'news', 'hi')).toBe('{"push":"pmessage","pattern":"n*","channel":"news","data":"hi"}');
    expect(messageFrame('smessage', null, 's', '"\n')).toBe('{"push":"smessage","channel":"s","data":"\\"\\n"}');
    expect(messageFrame('message', null, 'c', '\xff')).toBe('{"push":"message","channel":"c","data":{"$b64":"/w=="}}');
    expect(messageFrame('pmessage', '\xfe', 'c', 'd')).toBe('{"push":"pmessage","pattern":{"$b64":"/g=="},"channel":"c","data":"d"}');
  });

  it('assembles plain frames from a per-channel head, equal to the compiled serializer', () => {
    const head = messageFrameHead('bench')!;
    expect(plainMessageFrame(head, 'abc 123')).toBe(messageFrame('message', null, 'bench', 'abc 123'));
    expect(plainMessageFrame(head, '')).toBe('{"push":"message","channel":"bench","data":""}');
    expect(plainMessageFrame(head, 'a"b')).toBeNull();
    expect(plainMessageFrame(head, 'a\\b')).toBeNull();
    expect(plainMessageFrame(head, 'tab\t')).toBeNull();
    expect(plainMessageFrame(head, 'caf\xc3\xa9')).toBeNull();
    expect(plainMessageFrame(messageFrameHead(latin1('kanäl "x"'))!, 'd')).toBe(messageFrame('message', null, latin1('kanäl "x"'), 'd'));
    expect(messageFrameHead('\xff')).toBeNull();
  });

  it('serializes a message once per Message and shares the bytes', () => {
    const msg = new Message('message', 'ch', latin1('dätä'), null);
    const a = cachedMessageFrame(msg);
    expect(a.toString('utf8')).toBe('{"push":"message","channel":"ch","data":"dätä"}');
    expect(cachedMessageFrame(msg)).toBe(a);
    expect(msg.cache[CACHE_JSON]).toBe(a);
  });

  it('serializes confirmations and other pushes', () => {
    expect(pushFrame(new PushReply(['subscribe', 'news', 1]))).toBe('{"push":"subscribe","channel":"news","count":1}');
    expect(pushFrame(new PushReply(['unsubscribe', null, 0]))).toBe('{"push":"unsubscribe","channel":null,"count":0}');
    expect(pushFrame(new PushReply(['psubscribe', 'n*', 2]))).toBe('{"push":"psubscribe","pattern":"n*","count":2}');
    expect(pushFrame(new PushReply(['punsubscribe', null, 0]))).toBe('{"push":"punsubscribe","pattern":null,"count":0}');
    expect(pushFrame(new PushReply(['ssubscribe', 's', 1]))).toBe('{"push":"ssubscribe","channel":"s","count":1}');
    expect(pushFrame(new PushReply(['subscribe', '\xff', 1]))).toBe('{"push":"subscribe","channel":{"$b64":"/w=="},"count":1}');
    expect(pushFrame(new PushReply(['message', 'c', 'd']))).toBe('{"push":"message","channel":"c","data":"d"}');
    expect(pushFrame(new PushReply(['pmessage', 'p', 'c', 'd']))).toBe('{"push":"pmessage","pattern":"p","channel":"c","data":"d"}');
    expect(pushFrame(new PushReply(['invalidate', ['k1']]))).toBe('{"push":"invalidate","data":[["k1"]]}');
    expect(pushFrame(new StatusReply('1700000000.1 [0 127.0.0.1:1] "GET" "k"'))).toBe('{"push":"monitor","data":"1700000000.1 [0 127.0.0.1:1] \\"GET\\" \\"k\\""}');
  });

  it('reads subscription counts from confirmations only', () => {
    expect(subscriptionCount(new PushReply(['subscribe', 'a', 3]))).toBe(3);
    expect(subscriptionCount(new PushReply(['punsubscribe', null, 0]))).toBe(0);
    expect(subscriptionCount(new PushReply(['message', 'a', 'b']))).toBe(-1);
    expect(subscriptionCount(OK)).toBe(-1);
  });
});
