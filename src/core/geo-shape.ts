// Distances on the sphere and the search geometry of GEORADIUS/GEOSEARCH:
// the haversine distance Redis uses, circle and box membership, and the nine
// geohash cells (centre + neighbours) covering a search shape.
import {
  LAT_RANGE, LONG_RANGE, geohashDecode, geohashEncode, geohashNeighbors,
  type HashArea, type HashBits, type HashNeighbors,
} from './geohash.js';

const D_R = Math.PI / 180.0;
/** Earth's quadratic mean radius for WGS-84, in meters (Redis's constant). */
export const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;

const degRad = (ang: number) => ang * D_R;
const radDeg = (ang: number) => ang / D_R;

/** A search area: a circle (radius) or an axis-aligned box (width, height), sizes in `conversion` units. */
export interface GeoShape {
  circle: boolean;
  lon: number;
  lat: number;
  /** Meters per unit (m 1, km 1000, ft 0.3048, mi 1609.34). */
  conversion: number;
  radius: number;
  width: number;
  height: number;
}

/** Distance between two latitudes on one meridian. */
function latDistance(lat1: number, lat2: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));
}

/** Haversine great-circle distance in meters (Redis geohashGetDistance). */
export function geoDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const v = Math.sin((degRad(lon2) - degRad(lon1)) / 2);
  // Same meridian: the cheaper exact form.
  if (v === 0.0) return latDistance(lat1, lat2);
  const lat1r = degRad(lat1);
  const lat2r = degRad(lat2);
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

/** The distance from the shape's centre when the point is inside it, else -1 (NaN distances count as inside, as in Redis). */
export function distanceInShape(s: GeoShape, lon: number, lat: number): number {
  if (s.circle) {
    const d = geoDistance(s.lon, s.lat, lon, lat);
    return d > s.radius * s.conversion ? -1 : d;
  }
  const heightM = s.height * s.conversion;
  const widthM = s.width * s.conversion;
  if (latDistance(s.lat, lat) > heightM / 2) return -1;
  if (geoDistance(lon, lat, s.lon, lat) > widthM / 2) return -1;
  return geoDistance(s.lon, s.lat, lon, lat);
}

/** Redis geohashEstimateStepsByRadius: the cell size (in bits per coordinate) for a search radius. */
function estimateSteps(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  // Cells shrink towards the poles.
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  if (step < 1) step = 1;
  if (step > 26) step = 26;
  return step;
}

/** [minLon, minLat, maxLon, maxLat] around the shape (Redis geohashBoundingBox). */
function boundingBox(s: GeoShape): [number, number, number, number] {
  const height = s.conversion * (s.circle ? s.radius : s.height / 2);
  const width = s.conversion * (s.circle ? s.radius : s.width / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const lonDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(s.lat + latDelta)));
  const lonDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(s.lat - latDelta)));
  // The wider edge is the one nearer the equator.
  const south = s.lat < 0;
  return [
    south ? s.lon - lonDeltaBottom : s.lon - lonDeltaTop,
    s.lat - latDelta,
    south ? s.lon + lonDeltaBottom : s.lon + lonDeltaTop,
    s.lat + latDelta,
  ];
}

const ZERO_HASH: HashBits = { bits: 0n, step: 0 };

/**
 * The cells to scan for a shape, in Redis's order: centre, north, south,
 * east, west, north-east, north-west, south-east, south-west; cells that
 * cannot intersect the shape are the zero hash (Redis
 * geohashCalculateAreasByShapeWGS84).
 */
export function searchCells(s: GeoShape): HashBits[] {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(s);
  const radiusMeters = (s.circle ? s.radius : Math.sqrt((s.width / 2) * (s.width / 2) + (s.height / 2) * (s.height / 2))) * s.conversion;
  let steps = estimateSteps(radiusMeters, s.lat);
  let hash = encodeCentre(s, steps);
  let n = geohashNeighbors(hash);
  let area = geohashDecode(LONG_RANGE, LAT_RANGE, hash) ?? EMPTY_AREA;
  // Near a cell edge the estimated step can be too fine for a neighbour to reach the shape's edge.
  const north = geohashDecode(LONG_RANGE, LAT_RANGE, n.north) ?? EMPTY_AREA;
  const south = geohashDecode(LONG_RANGE, LAT_RANGE, n.south) ?? EMPTY_AREA;
  const east = geohashDecode(LONG_RANGE, LAT_RANGE, n.east) ?? EMPTY_AREA;
  const west = geohashDecode(LONG_RANGE, LAT_RANGE, n.west) ?? EMPTY_AREA;
  const decrease = north.latMax < maxLat || south.latMin > minLat || east.lonMax < maxLon || west.lonMin > minLon;
  if (steps > 1 && decrease) {
    steps--;
    hash = encodeCentre(s, steps);
    n = geohashNeighbors(hash);
    area = geohashDecode(LONG_RANGE, LAT_RANGE, hash) ?? EMPTY_AREA;
  }
  const cells: HashNeighbors = { ...n };
  if (steps >= 2) {
    if (area.latMin < minLat) cells.south = cells.southWest = cells.southEast = ZERO_HASH;
    if (area.latMax > maxLat) cells.north = cells.northEast = cells.northWest = ZERO_HASH;
    if (area.lonMin < minLon) cells.west = cells.southWest = cells.northWest = ZERO_HASH;
    if (area.lonMax > maxLon) cells.east = cells.southEast = cells.northEast = ZERO_HASH;
  }
  return [hash, cells.north, cells.south, cells.east, cells.west, cells.northEast, cells.northWest, cells.southEast, cells.southWest];
}

const EMPTY_AREA: HashArea = { lonMin: 0, lonMax: 0, latMin: 0, latMax: 0 };

function encodeCentre(s: GeoShape, steps: number): HashBits {
  // The centre was validated, so encoding cannot fail.
  return geohashEncode(LONG_RANGE, LAT_RANGE, s.lon, s.lat, steps) ?? { bits: 0n, step: steps };
}

