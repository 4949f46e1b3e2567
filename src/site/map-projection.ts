import type { FeatureCollection, Geometry } from 'geojson';
import { geoEqualEarth, geoPath, type GeoProjection } from 'd3-geo';
import { countryShapes } from './geo.ts';

/** The map's width in SVG units; the height follows from the projection. */
export const MAP_WIDTH = 960;

/** Antarctica's outline would take a fifth of the height: it is a marker at the map's foot instead (map-markers.ts). */
export const LEFT_OFF_MAP: ReadonlySet<string> = new Set(['AQ']);

export interface Outlines {
  height: number;
  /** SVG path data by destination code, in map pixels. */
  paths: Map<string, string>;
  /** Each outline's bounding box in map pixels ([[x0, y0], [x1, y1]]), to tell what is too small to see. */
  bounds: Map<string, [[number, number], [number, number]]>;
  projection: GeoProjection;
}

let outlines: Outlines | undefined;

/** Projects every outline once per process: only fills and names change between publications. */
export function projectedOutlines(): Outlines {
  if (outlines) return outlines;
  const shapes = [...countryShapes().values()].filter((shape) => !LEFT_OFF_MAP.has(shape.code));
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: shapes.map((shape) => ({ type: 'Feature', properties: {}, geometry: shape.geometry })),
  };
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, collection);
  const [, [, bottom]] = geoPath(projection).bounds(collection);
  const paths = new Map<string, string>();
  const bounds = new Map<string, [[number, number], [number, number]]>();
  for (const shape of shapes) {
    paths.set(shape.code, pathData(projection, shape.geometry));
    bounds.set(shape.code, geoPath(projection).bounds(shape.geometry));
  }
  outlines = { height: Math.ceil(bottom), paths, bounds, projection };
  return outlines;
}

/** Compact SVG path data for any geometry under the map's projection. */
export function pathData(projection: GeoProjection, geometry: Geometry): string {
  const context = new CompactPath();
  geoPath(projection, context)(geometry);
  return context.toString();
}

/**
 * A d3-geo path context writing whole-pixel, relative SVG path data and dropping points that round
 * onto the previous one: about 40 kB for the world instead of 110 kB from d3's own serialiser.
 */
class CompactPath {
  #out = '';
  #x = 0;
  #y = 0;
  #startX = 0;
  #startY = 0;
  #started = false;

  moveTo(x: number, y: number): void {
    const [X, Y] = [Math.round(x), Math.round(y)];
    this.#out += this.#started ? `m${pair(X - this.#x, Y - this.#y)}` : `M${pair(X, Y)}`;
    this.#started = true;
    [this.#x, this.#y, this.#startX, this.#startY] = [X, Y, X, Y];
  }

  lineTo(x: number, y: number): void {
    const [X, Y] = [Math.round(x), Math.round(y)];
    if (X === this.#x && Y === this.#y) return;
    this.#out += `l${pair(X - this.#x, Y - this.#y)}`;
    [this.#x, this.#y] = [X, Y];
  }

  closePath(): void {
    this.#out += 'z';
    // After "z" the current point is the start of the subpath again.
    [this.#x, this.#y] = [this.#startX, this.#startY];
  }

  arc(): void {
    // Only point geometries draw arcs; countries and alert areas are polygons.
  }

  beginPath(): void {}

  toString(): string {
    return this.#out;
  }
}

const pair = (x: number, y: number) => (y < 0 ? `${x}${y}` : `${x},${y}`);
