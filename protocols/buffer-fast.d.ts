// Node's Buffer has fast latin1 paths that @types/node does not declare.
// latin1 maps bytes 0x00-0xFF 1:1 onto string code units, which is how
// Redwire keeps keys and values binary safe as JS strings.
declare global {
  interface Buffer {
    /** Bytes [start, end) as a one-byte string, one char per byte. */
    latin1Slice(start: number, end: number): string;
    /** Writes the string's chars as bytes at offset; returns bytes written. */
    latin1Write(s: string, offset: number, length?: number): number;
    /** ASCII-only variant of latin1Write (faster for digits and headers). */
    asciiWrite(s: string, offset: number, length?: number): number;
  }
}
export {};
