import { describe, expect, it } from 'vitest';
import { internLatin1 } from '../../protocols/resp/intern.js';

function bytes(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

describe('internLatin1', () => {
  it('returns the exact bytes as a latin1 string, every length and byte value', () => {
    for (let n = 0; n <= 70; n++) {
      const b = Buffer.alloc(n + 7);
      for (let i = 0; i < b.length; i++) b[i] = (i * 37 + n) & 0xff;
      for (const start of [0, 1, 3, 7]) {
        const want = b.latin1Slice(start, start + n);
        expect(internLatin1(b, start, n)).toBe(want);
        expect(internLatin1(b, start, n)).toBe(want); // second sighting: cached
        expect(internLatin1(b, start, n)).toBe(want); // hit
      }
    }
  });

  it('a cached string is never returned for different bytes of the same length', () => {
    const seen = new Map<string, string>();
    // Many keys that differ in one byte, in the middle or at the end, through a reused buffer.
    const buf = Buffer.alloc(32);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5000; i++) {
        const key = `user:${String(i).padStart(6, '0')}:name${i % 7}`;
        const n = buf.latin1Write(key, 0);
        const got = internLatin1(buf, 0, n);
        expect(got).toBe(key);
        if (round > 0) seen.set(key, got);
      }
    }
    expect(seen.size).toBe(5000);
  });

  it('repeated arguments come back as the same cached string', () => {
    const a = bytes('xxkey:__rand_int__yy');
    internLatin1(a, 2, 16);
    const first = internLatin1(a, 2, 16);
    const other = bytes('key:__rand_int__');
    expect(internLatin1(other, 0, 16)).toBe(first);
  });
});
