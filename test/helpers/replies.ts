// Reply unwrapping for in-memory command tests: compare reply texts as plain strings.
import { inspect } from 'node:util';
import { ErrorReply, StatusReply, VerbatimReply } from '../../protocols/reply.js';

/** The text of an error, status or verbatim reply; any other reply unchanged. */
export function text(r: unknown): unknown {
  return r instanceof ErrorReply || r instanceof StatusReply || r instanceof VerbatimReply ? r.text : r;
}

/** The text of an error reply, or a marker naming the reply when it is not an error. */
export function errText(r: unknown): string {
  return r instanceof ErrorReply ? r.text : `<not an error: ${inspect(r)}>`;
}
