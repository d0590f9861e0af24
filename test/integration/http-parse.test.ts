// The pure pieces of the REST routes: path -> argv, percent-decoding, query
// values, and the status of each kind of error reply.
import { describe, expect, it } from 'vitest';
import { err } from '../../protocols/reply.js';
import { percentDecode, queryValues } from '../../src/net/http-common.js';
import { parseCommandPath, statusForError, textBody } from '../../src/net/http-reply.js';

describe('parseCommandPath', () => {
  it('splits, decodes and finds the suffix on the last segment only', () => {
    expect(parseCommandPath('/GET/k')).toEqual({ argv: ['GET', 'k'], format: 'json', db: -1 });
    expect(parseCommandPath('/GET/k.raw')).toEqual({ argv: ['GET', 'k'], format: 'raw', db: -1 });
    expect(parseCommandPath('/GET/a.txt/b')).toEqual({ argv: ['GET', 'a.txt', 'b'], format: 'json', db: -1 });
    expect(parseCommandPath('/GET/k.html')).toEqual({ argv: ['GET', 'k.html'], format: 'json', db: -1 });
    expect(parseCommandPath('/GET/k%2etxt')).toEqual({ argv: ['GET', 'k.txt'], format: 'json', db: -1 });
    expect(parseCommandPath('/GET/k.txt.json')).toEqual({ argv: ['GET', 'k.txt'], format: 'json', db: -1 });
    expect(parseCommandPath('/PING.txt')).toEqual({ argv: ['PING'], format: 'txt', db: -1 });
    expect(parseCommandPath('/SET/k/')).toEqual({ argv: ['SET', 'k', ''], format: 'json', db: -1 });
    expect(parseCommandPath('/SET//v')).toEqual({ argv: ['SET', '', 'v'], format: 'json', db: -1 });
  });

  it('reads a numeric first segment as the database only when a command follows', () => {
    expect(parseCommandPath('/7/GET/k')).toEqual({ argv: ['GET', 'k'], format: 'json', db: 7 });
    expect(parseCommandPath('/7')).toEqual({ argv: ['7'], format: 'json', db: -1 });
    expect(parseCommandPath('/0/PING.txt')).toEqual({ argv: ['PING'], format: 'txt', db: 0 });
  });

  it('rejects an empty command and malformed escapes', () => {
    expect(parseCommandPath('/')).toMatch(/no command/);
    expect(parseCommandPath('//GET')).toMatch(/no command/);
    expect(parseCommandPath('/3//x')).toMatch(/no command/);
    expect(parseCommandPath('/GET/%g0')).toMatch(/malformed/);
  });

  it('keeps a body (latin1 bytes) as bytes', () => {
    expect(parseCommandPath('SET/k/\xe9\xff', true)).toEqual({ argv: ['SET', 'k', '\xe9\xff'], format: 'json', db: -1 });
    expect(parseCommandPath('/SET/k/\xe9', false)).toEqual({ argv: ['SET', 'k', '\xc3\xa9'], format: 'json', db: -1 });
  });
});

describe('percentDecode and queryValues', () => {
  it('decodes %XX to bytes, both cases, and leaves plain text alone', () => {
    expect(percentDecode('abc')).toBe('abc');
    expect(percentDecode('%00%ff%FF%2F%2f')).toBe('\x00\xff\xff//');
    expect(percentDecode('a+b')).toBe('a+b');
    expect(percentDecode('a+b', true)).toBe('a b');
    expect(percentDecode('%')).toBeNull();
    expect(percentDecode('%a')).toBeNull();
    expect(percentDecode('✓')).toBe('\xe2\x9c\x93');
  });

  it('collects every value of a repeated parameter', () => {
    expect(queryValues('channel=a&pattern=b*&channel=c%20d&channel=e+f&x=1', 'channel')).toEqual(['a', 'c d', 'e f']);
    expect(queryValues('', 'channel')).toEqual([]);
    expect(queryValues('channel', 'channel')).toEqual(['']);
    expect(queryValues('channel=%zz', 'channel')).toBeNull();
  });
});

describe('statusForError and text bodies', () => {
  it('maps error codes to statuses', () => {
    const cases: Array<[string, string]> = [
      ['ERR syntax error', '400 Bad Request'],
      ['WRONGTYPE Operation against a key holding the wrong kind of value', '400 Bad Request'],
      ["ERR unknown command 'x', with args beginning with: ", '404 Not Found'],
      ["ERR unknown subcommand 'x'. Try CONFIG HELP.", '400 Bad Request'],
      ["FORBIDDEN this connection may not run the 'keys' command", '403 Forbidden'],
      ['NOPERM no', '403 Forbidden'],
      ['NOAUTH Authentication required.', '401 Unauthorized'],
      ['WRONGPASS invalid username-password pair or user is disabled.', '401 Unauthorized'],
      ["OOM command not allowed when used memory > 'maxmemory'.", '503 Service Unavailable'],
      ['BUSY busy', '503 Service Unavailable'],
      ["ERR internal error while executing 'x'", '500 Internal Server Error'],
      ['EXECABORT Transaction discarded', '400 Bad Request'],
    ];
    for (const [text, status] of cases) expect([text, statusForError(err(text))]).toEqual([text, status]);
  });

  it('gives scalars as text, nil as 404, collections as 406', () => {
    expect(textBody('abc').body).toEqual(Buffer.from('abc'));
    expect(textBody(42).body).toBe('42');
    expect(textBody(12345678901234567890n).body).toBe('12345678901234567890');
    expect(textBody(null).status).toBe('404 Not Found');
    expect(textBody(['a']).status).toBe('406 Not Acceptable');
  });
});
