import type { FeatureCollection } from 'geojson';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Level } from '../domain/levels.ts';
import { levelLabel } from '../domain/levels.ts';
import { html, raw, type SafeHtml } from '../http/html.ts';
import { countryShapes } from './geo.ts';

/** What the map needs to know about one destination. */
export interface MapCountry {
  code: string;
  name: string;
  href: string;
  level: Level | null;
  /** The highest level of any region above the country-wide level, if a region is higher. */
  higherRegionLevel: Level | null;
}

const MAP_WIDTH = 960;

/** Antarctica would take a fifth of the height for a place with no advisory; it stays in the A–Z list. */
const LEFT_OFF_MAP = new Set(['AQ']);

interface Outlines {
  height: number;
  /** SVG path data by destination code, in map pixels. */
  paths: Map<string, string>;
}

let outlines: Outlines | undefined;

/** Projects every outline once per process: only fills and names change between publications. */
function projectedOutlines(): Outlines {
  if (outlines) return outlines;
  const shapes = [...countryShapes().values()].filter((shape) => !LEFT_OFF_MAP.has(shape.code));
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: shapes.map((shape) => ({ type: 'Feature', properties: {}, geometry: shape.geometry })),
  };
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, collection);
  const [, [, bottom]] = geoPath(projection).bounds(collection);
  const paths = new Map<string, string>();
  for (const shape of shapes) {
    const context = new CompactPath();
    geoPath(projection, context)(shape.geometry);
    paths.set(shape.code, context.toString());
  }
  outlines = { height: Math.ceil(bottom), paths };
  return outlines;
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
    // Only point geometries draw arcs; countries are polygons.
  }

  beginPath(): void {}

  toString(): string {
    return this.#out;
  }
}

const pair = (x: number, y: number) => (y < 0 ? `${x}${y}` : `${x},${y}`);

/** The accessible name of a country on the map; the level is always said in words, not only in colour. */
export function mapLabel(country: Pick<MapCountry, 'name' | 'level' | 'higherRegionLevel'>): string {
  if (country.level === null) return `${country.name}: no advisory`;
  const base = `${country.name}: Level ${country.level}, ${levelLabel(country.level)}`;
  return country.higherRegionLevel ? `${base}; some areas Level ${country.higherRegionLevel}` : base;
}

/**
 * The world map as inline SVG: each destination with an outline is a link to its page, filled by
 * its level (striped with the higher colour where a region is at a higher level), with a name
 * screen readers and tooltips announce. Countries come in the order given (by name), which is
 * also the keyboard order.
 */
export function buildWorldMap(countries: readonly MapCountry[]): SafeHtml {
  const { height, paths } = projectedOutlines();
  const stripes = new Set<string>();
  const links = countries.flatMap((country) => {
    const d = paths.get(country.code);
    if (!d) return [];
    const fill = fillClass(country);
    if (country.higherRegionLevel) stripes.add(fill);
    const label = mapLabel(country);
    return [html`<a href="${country.href}" aria-label="${label}"><path class="${fill}" d="${d}"><title>${label}</title></path></a>`];
  });
  return html`<svg class="world-map" viewBox="0 0 ${MAP_WIDTH} ${height}" role="group" aria-labelledby="map-title" focusable="false"><defs>${[...stripes].sort().map(stripePattern)}</defs>${links}</svg>`;
}

function fillClass(country: MapCountry): string {
  if (country.level === null) return 'l0';
  return country.higherRegionLevel ? `l${country.level}h${country.higherRegionLevel}` : `l${country.level}`;
}

/** A diagonal stripe pattern: the country-wide colour with bands of the higher region's colour. */
function stripePattern(fill: string): SafeHtml {
  const [, base, higher] = /^l(\d)h(\d)$/.exec(fill)!;
  return raw(
    `<pattern id="${fill}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`
    + `<rect width="5" height="5" class="l${base}"/><rect width="2" height="5" class="l${higher}"/></pattern>`,
  );
}
