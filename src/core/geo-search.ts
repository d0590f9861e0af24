// The points of a geo sorted set inside a search shape: each of the nine
// cells is a score range [cell start, next cell start) walked in score order,
// in Redis's cell order, so unsorted results come out exactly as Redis's do.
import { align52, decodeScore, decodedLat, decodedLon, type HashBits } from './geohash.js';
import { distanceInShape, searchCells, type GeoShape } from './geo-shape.js';
import type { ZSetValue } from './types/zset.js';

/** A matching point. */
export interface GeoPoint {
  member: string;
  score: number;
  lon: number;
  lat: number;
  /** Meters from the shape's centre. */
  dist: number;
}

/**
 * The points of zs inside shape. With `limit` > 0 (ANY COUNT n) the scan
 * stops once that many were found.
 */
export function pointsInShape(zs: ZSetValue, shape: GeoShape, limit: number): GeoPoint[] {
  const out: GeoPoint[] = [];
  const cells = searchCells(shape);
  let last = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell.bits === 0n && cell.step === 0) continue;
    // Huge radii make adjacent cells coincide: skip a repeat of the cell just scanned.
    if (last > 0 && cell.bits === cells[last].bits && cell.step === cells[last].step) continue;
    if (out.length > 0 && limit > 0 && out.length >= limit) break;
    scanCell(zs, cell, shape, out, limit);
    last = i;
  }
  return out;
}

function scanCell(zs: ZSetValue, cell: HashBits, shape: GeoShape, out: GeoPoint[], limit: number): void {
  const min = Number(align52(cell));
  const max = Number(align52({ bits: cell.bits + 1n, step: cell.step }));
  let node = zs.zsl.firstInRange({ min, max, minEx: false, maxEx: true });
  while (node !== null) {
    const score = node.score;
    if (!(score < max)) break;
    decodeScore(score);
    const dist = distanceInShape(shape, decodedLon, decodedLat);
    if (!(dist < 0)) out.push({ member: node.member, score, lon: decodedLon, lat: decodedLat, dist });
    if (out.length > 0 && limit > 0 && out.length >= limit) break;
    node = node.next[0];
  }
}
