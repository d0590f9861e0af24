// MurmurHash64A and the register/run-length split used by the HyperLogLog.
import { describe, expect, it } from 'vitest';
import { hash64, hashHi, hashLo, HLL_SEED, patIndex, patLen } from '../../src/core/hll-hash.js';

// Reference values: a C build of MurmurHash64A (64-bit, little endian) with
// Redis's seed over the strings built by sample(n) below.
const VECTORS = [
  'd8dfea6585bc9732',
  '28a3df05e38a73e4',
  'e24def16ef4bb63b',
  'eb2b95833227a4cc',
  'a593100e4009f248',
  '1647cb242f1f2d47',
  '69d19497aae48086',
  '34251daa612a0910',
  'f1a854381074b323',
  '113f66ddcd4d0d89',
  'd87022d59e0f3134',
  'a14ab6b100092a26',
  'c9ad24a0c0e4cdce',
  '3746edb91d833572',
  '6a479b938c9a126f',
  '92c8899e4416a96f',
  '9c997487fc4656f7',
  'f53263dcc780b870',
  '8de3561c710cb16f',
  '32381c699e81c219',
  '01f5af48ff3d24d6',
  'dd059439ad72c614',
  '08a5de4d30be9491',
  '70c0fcc85c7a5bf7',
  'f325b027e630bdd9',
  '9a9cc5b0f561508e',
  '1cf2f411a8d59cc6',
  '0690ab2d3ce8e389',
  'b06dfdc0e8433218',
  '0178da6fda84b490',
  'cd142f7c77a48965',
  '49803dd0a8882d54',
  '6f6a5210d8c9ae18',
  '9ba828397dbf3979',
  'd16c371e3ebc0d91',
  'cdf20dd88380c901',
  '5c9e6f6da50bb59a',
  '27a1441f2b9cb161',
  'bee781bd4b968c66',
  'b889c4ebcccc82e2'
];

/** n latin1 bytes covering the whole 0..255 range. */
function sample(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode((i * 37 + n * 11 + 200) & 255);
  return s;
}

const hex = () => hashHi.toString(16).padStart(8, '0') + hashLo.toString(16).padStart(8, '0');

describe('MurmurHash64A', () => {
  it('matches the C implementation for lengths 0..39 (every tail length, several blocks)', () => {
    for (let n = 0; n < VECTORS.length; n++) {
      hash64(sample(n), HLL_SEED);
      expect(hex(), `length ${n}`).toBe(VECTORS[n]);
    }
  });
});

describe('patLen', () => {
  it('splits the hash into a 14-bit register index and a 1..51 run', () => {
    for (let n = 0; n < VECTORS.length; n++) {
      const count = patLen(sample(n));
      const h = BigInt('0x' + VECTORS[n]);
      expect(patIndex).toBe(Number(h & 0x3fffn));
      let rest = (h >> 14n) | (1n << 50n);
      let expected = 1;
      while ((rest & 1n) === 0n) {
        expected++;
        rest >>= 1n;
      }
      expect(count).toBe(expected);
    }
  });
});
