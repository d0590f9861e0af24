// RDB codec of streams (RDB_TYPE_STREAM_LISTPACKS_2, and _1 on load).
//
// Layout, as Redis 7.0 writes it:
//   node count; per node: its master ID (16 bytes, big endian ms then seq)
//   and its listpack; then length, last ID, first ID, max deleted ID,
//   entries added; then the consumer groups in name order: name, last ID,
//   entries read, the group PEL (raw ID, delivery time as int64 LE,
//   delivery count), and the consumers in name order (name, seen time,
//   their PEL as raw IDs).
// A node listpack: live count, deleted count, master field count, master
// fields, 0; then per entry: flags, ms delta, seq delta, [field count,
// fields and values | values alone when SAMEFIELDS], element count.
// Redwire's StreamNode mirrors that structure, so payloads are identical.
import { RdbError, RdbReader, RdbType, RdbWriter } from './rdb.js';
import { decodeListpack, encodeListpack, type ListpackItem } from './rdb-containers.js';
import { registerLoader, registerSaver } from './rdb-registry.js';
import { Stream } from './types/stream.js';
import { StreamId, idBytes } from './types/stream-id.js';
import { ENTRY_DELETED, ENTRY_SAMEFIELDS, StreamNode } from './types/stream-node.js';
import { ENTRIES_READ_INVALID, Nack, type ConsumerGroup } from './types/stream-group.js';
import { int64Delta } from './types/stream-size.js';
import { narrowInt64 } from './int64.js';

const U64 = 1n << 64n;

function writeRawId(w: RdbWriter, id: StreamId): void {
  const b = new Uint8Array(16);
  idBytes(id, b);
  w.bytes(b);
}

function readRawId(r: RdbReader): StreamId {
  const b = r.take(16);
  return new StreamId(b.readBigUInt64BE(0), b.readBigUInt64BE(8));
}

/** The node's listpack, element for element as Redis's streamAppendItem builds it. */
function nodeListpack(n: StreamNode): Buffer {
  const items: ListpackItem[] = [n.live, n.deleted, n.masterFields.length, ...n.masterFields, 0];
  for (const e of n.entries) {
    const same = (e.flags & ENTRY_SAMEFIELDS) !== 0;
    const fields = e.fv.length >> 1;
    items.push(e.flags, int64Delta(e.id.ms, n.master.ms), int64Delta(e.id.seq, n.master.seq));
    if (!same) items.push(fields);
    for (let i = same ? 1 : 0; i < e.fv.length; i += same ? 2 : 1) items.push(e.fv[i]);
    items.push(same ? fields + 3 : 2 * fields + 4);
  }
  return encodeListpack(items);
}

registerSaver('stream', (w, v) => {
  const s = v as Stream;
  w.byte(RdbType.STREAM_LISTPACKS_2);
  w.length(s.nodes.length);
  for (const n of s.nodes) {
    const key = new Uint8Array(16);
    idBytes(n.master, key);
    w.blob(key);
    w.blob(nodeListpack(n));
  }
  w.length(s.length);
  for (const id of [s.lastId, s.firstId, s.maxDeletedId]) {
    w.lengthBig(id.ms);
    w.lengthBig(id.seq);
  }
  w.lengthBig(s.entriesAdded);
  const groups = s.sortedGroups();
  w.length(groups.length);
  for (const g of groups) saveGroup(w, g);
});

function saveGroup(w: RdbWriter, g: ConsumerGroup): void {
  w.string(g.name);
  w.lengthBig(g.lastId.ms);
  w.lengthBig(g.lastId.seq);
  w.lengthBig(BigInt.asUintN(64, g.entriesRead));
  w.length(g.pel.size);
  g.pel.forEachFrom(null, (id, nack) => {
    writeRawId(w, id);
    w.int64LE(nack.deliveryTime);
    w.lengthBig(BigInt(nack.deliveryCount));
    return true;
  });
  const consumers = g.sortedConsumers();
  w.length(consumers.length);
  for (const c of consumers) {
    w.string(c.name);
    w.int64LE(c.seenTime);
    w.length(c.pel.size);
    c.pel.forEachFrom(null, (id) => {
      writeRawId(w, id);
      return true;
    });
  }
}

/** Rebuilds one node from its master ID and listpack; throws RdbError when inconsistent. */
function loadNode(master: StreamId, lp: string[]): StreamNode {
  let p = 0;
  const next = (): string => {
    if (p >= lp.length) throw new RdbError('truncated stream listpack');
    return lp[p++];
  };
  const int = (): bigint => {
    const s = next();
    if (!/^-?\d+$/.test(s)) throw new RdbError('stream listpack integer expected');
    return BigInt(s);
  };
  const live = Number(int());
  const deleted = Number(int());
  const masterFields: string[] = [];
  for (let i = Number(int()); i > 0; i--) masterFields.push(next());
  if (int() !== 0n) throw new RdbError('bad master entry terminator');
  const node = new StreamNode(master, masterFields);
  while (p < lp.length) {
    const flags = Number(int());
    const id = new StreamId(BigInt.asUintN(64, master.ms + int()), BigInt.asUintN(64, master.seq + int()));
    const same = (flags & ENTRY_SAMEFIELDS) !== 0;
    const fields = same ? masterFields.length : Number(int());
    const fv: string[] = [];
    for (let i = 0; i < fields; i++) {
      fv.push(same ? masterFields[i] : next());
      fv.push(next());
    }
    if (Number(int()) !== (same ? fields + 3 : 2 * fields + 4)) throw new RdbError('bad stream entry count');
    const e = node.append(id, fv);
    if ((flags & ENTRY_DELETED) !== 0) node.markDeleted(e);
  }
  if (node.live !== live || node.deleted !== deleted || node.entries.length === 0) throw new RdbError('stream node counters mismatch');
  return node;
}

function loadStream(r: RdbReader, v2: boolean): Stream {
  const s = new Stream();
  for (let n = r.length(); n > 0; n--) {
    const key = r.stringBytes();
    if (key.length !== 16) throw new RdbError('bad stream node key');
    const master = new StreamId(key.readBigUInt64BE(0), key.readBigUInt64BE(8));
    const prev = s.nodes[s.nodes.length - 1];
    if (prev !== undefined && prev.master.ms > master.ms) throw new RdbError('stream nodes out of order');
    s.nodes.push(loadNode(master, decodeListpack(r.stringBytes())));
  }
  s.length = r.length();
  s.lastId = new StreamId(r.lengthBig(), r.lengthBig());
  if (v2) {
    s.firstId = new StreamId(r.lengthBig(), r.lengthBig());
    s.maxDeletedId = new StreamId(r.lengthBig(), r.lengthBig());
    s.entriesAdded = r.lengthBig();
  } else {
    s.entriesAdded = BigInt(s.length);
    s.firstId = s.edgeId(true) ?? new StreamId(0n, 0n);
  }
  let live = 0;
  for (const n of s.nodes) live += n.live;
  if (live !== s.length) throw new RdbError('stream length inconsistent with its nodes');
  for (let g = r.length(); g > 0; g--) loadGroup(r, s, v2);
  return s;
}

function loadGroup(r: RdbReader, s: Stream, v2: boolean): void {
  const name = r.string();
  const lastId = new StreamId(r.lengthBig(), r.lengthBig());
  let read = v2 ? r.lengthBig() : s.estimateDistance(lastId);
  if (read >= U64 / 2n) read -= U64; // a negative int64 (-1: unknown) saved as uint64
  const g = s.createGroup(name, lastId, read < 0n ? ENTRIES_READ_INVALID : read);
  if (g === undefined) throw new RdbError('duplicate consumer group');
  for (let n = r.length(); n > 0; n--) {
    const id = readRawId(r);
    const time = Number(r.int64LE());
    const count = r.lengthBig();
    const nack = new Nack(null, time, narrowInt64(count));
    if (!g.pel.insertNew(id, nack)) throw new RdbError('duplicate PEL entry');
  }
  for (let n = r.length(); n > 0; n--) {
    const cname = r.string();
    const c = g.createConsumer(cname, 0);
    if (c === undefined) throw new RdbError('duplicate consumer');
    c.seenTime = Number(r.int64LE());
    for (let k = r.length(); k > 0; k--) {
      const id = readRawId(r);
      const nack = g.pel.get(id);
      if (nack === undefined) throw new RdbError('consumer PEL entry missing from the group PEL');
      nack.consumer = c;
      if (!c.pel.insertNew(id, nack)) throw new RdbError('duplicate consumer PEL entry');
    }
  }
}

registerLoader(RdbType.STREAM_LISTPACKS, (r) => loadStream(r, false));
registerLoader(RdbType.STREAM_LISTPACKS_2, (r) => loadStream(r, true));
