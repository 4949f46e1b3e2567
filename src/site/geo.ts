import type { MultiPolygon, Polygon } from 'geojson';
import { geoCentroid } from 'd3-geo';
import { merge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import { DESTINATIONS, findByCode } from '../domain/destinations.ts';

/** A destination's outline from Natural Earth (1:110m, via world-atlas) and its centroid. */
export interface CountryShape {
  code: string;
  geometry: Polygon | MultiPolygon;
  /** [longitude, latitude] of the shape's spherical centroid. */
  centroid: [number, number];
}

type CountryGeometry = (TopoPolygon | TopoMultiPolygon) & { id?: string; properties?: { name?: string } };

/**
 * world-atlas keys shapes by ISO 3166-1 numeric code. Three shapes carry none; Kosovo has its own
 * destination (user-assigned XK), while the U.S. advisories for Cyprus and Somalia cover the
 * areas Natural Earth draws separately, so those join their country's outline.
 */
const UNCODED_SHAPES: Record<string, string> = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' };

let shapes: ReadonlyMap<string, CountryShape> | undefined;

/** Every destination world-atlas has an outline for, by alpha-2 code (computed once per process). */
export function countryShapes(): ReadonlyMap<string, CountryShape> {
  shapes ??= build();
  return shapes;
}

function build(): Map<string, CountryShape> {
  const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
  const byNumeric = new Map(DESTINATIONS.map((d) => [d.numeric, d.code]));
  const parts = new Map<string, CountryGeometry[]>();
  for (const geometry of topology.objects.countries.geometries as CountryGeometry[]) {
    const code = (geometry.id && byNumeric.get(geometry.id)) ?? UNCODED_SHAPES[geometry.properties?.name ?? ''];
    if (!code || !findByCode(code)) continue;
    parts.set(code, [...(parts.get(code) ?? []), geometry]);
  }
  const result = new Map<string, CountryShape>();
  for (const [code, geometries] of parts) {
    // Merging removes the border line between two drawn parts of one destination.
    const geometry = merge(topology, geometries);
    const [lon, lat] = geoCentroid(geometry);
    result.set(code, { code, geometry, centroid: [round(lon), round(lat)] });
  }
  return result;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
