import { readFileSync } from 'node:fs';
import { countryShapes } from './geo.ts';
import { LEFT_OFF_MAP, MAP_WIDTH, projectedOutlines } from './map-projection.ts';

/**
 * Markers for destinations too small to see or to click at the map's scale: islands and
 * microstates. Natural Earth's 1:110m outlines leave about fifty of them out altogether (Malta,
 * Singapore, Barbados, …) and draw others a few pixels wide; each gets a circle at a point of its
 * own (data/places/destination-centres.tsv), moved apart from its neighbours until their click
 * targets no longer overlap, with a thin line back to where it belongs.
 */

/** An outline smaller than this (its bounding box's longer side, map units) gets a marker. */
export const SMALL_OUTLINE = 6;
/** The click target's radius, map units: 24 CSS px across wherever the map is 1,050 px wide or more (docs/public-site.md). */
export const TARGET_RADIUS = 12;
/** The visible circle's radius, map units. */
export const MARKER_RADIUS = 5;

export interface Marker {
  code: string;
  /** Where the destination is. */
  anchor: [number, number];
  /** Where the marker is drawn (moved off its neighbours). */
  at: [number, number];
}

let centres: ReadonlyMap<string, [number, number]> | undefined;

/** [longitude, latitude] of each destination's point. */
export function destinationCentres(): ReadonlyMap<string, [number, number]> {
  centres ??= new Map(readFileSync(new URL('../../data/places/destination-centres.tsv', import.meta.url), 'utf8')
    .split('\n').filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    .map(([code, lat, lon]): [string, [number, number]] => [code!, [Number(lon), Number(lat)]]));
  return centres;
}

/** Whether a destination needs a marker: no outline on the map, or one too small to see. */
export function needsMarker(code: string): boolean {
  // Antarctica's outline is left off (a fifth of the height): a marker at the map's foot stands for it.
  if (LEFT_OFF_MAP.has(code)) return true;
  const box = projectedOutlines().bounds.get(code);
  if (!box) return true;
  const [[x0, y0], [x1, y1]] = box;
  return Math.max(x1 - x0, y1 - y0) < SMALL_OUTLINE;
}

/** Placed markers by the codes asked for: each map (home and comparison, in each language) asks again for the same set. */
const placed = new Map<string, readonly Marker[]>();

/** Marker positions for `codes` (those that need one and have a point), spread so targets do not overlap. */
export function placeMarkers(codes: readonly string[]): Marker[] {
  const key = codes.join(',');
  let markers = placed.get(key);
  if (!markers) {
    if (placed.size >= 16) placed.clear();
    placed.set(key, markers = spreadMarkers(codes));
  }
  return markers.map((m) => ({ code: m.code, anchor: [m.anchor[0], m.anchor[1]], at: [m.at[0], m.at[1]] }));
}

function spreadMarkers(codes: readonly string[]): Marker[] {
  const { projection } = projectedOutlines();
  const markers = codes.flatMap((code): Marker[] => {
    const lonLat = countryShapes().get(code)?.centroid ?? destinationCentres().get(code);
    const point = lonLat && projection(lonLat);
    return point ? [{ code, anchor: [point[0], point[1]], at: [point[0], point[1]] }] : [];
  });
  spread(markers, 2 * TARGET_RADIUS, [MAP_WIDTH, projectedOutlines().height]);
  for (const marker of markers) marker.at = [Math.round(marker.at[0]), Math.round(marker.at[1])];
  return markers;
}

/** Pushes overlapping markers apart, a little at a time, until no two are closer than `gap`. */
function spread(markers: Marker[], gap: number, [width, height]: [number, number]): void {
  for (let round = 0; round < 200; round += 1) {
    let moved = false;
    for (let i = 0; i < markers.length; i += 1) {
      for (let j = i + 1; j < markers.length; j += 1) {
        const [a, b] = [markers[i]!.at, markers[j]!.at];
        let [dx, dy] = [b[0] - a[0], b[1] - a[1]];
        const distance = Math.hypot(dx, dy);
        if (distance >= gap) continue;
        // Two markers at the same point separate along a direction fixed by their order.
        if (distance < 1e-6) [dx, dy] = [Math.cos(i + j), Math.sin(i + j)];
        const push = (gap - distance) / 2 / (Math.hypot(dx, dy) || 1) * 1.01;
        a[0] -= dx * push; a[1] -= dy * push;
        b[0] += dx * push; b[1] += dy * push;
        moved = true;
      }
    }
    // Markers stay inside the map, their whole target included.
    for (const { at } of markers) {
      at[0] = Math.min(width - TARGET_RADIUS, Math.max(TARGET_RADIUS, at[0]));
      at[1] = Math.min(height - TARGET_RADIUS, Math.max(TARGET_RADIUS, at[1]));
    }
    if (!moved) return;
  }
}
