import type { FeatureCollection, Point } from 'geojson';
import type { Indicator } from '../domain/indicators.ts';
import { levelLabel, type Level } from '../domain/levels.ts';
import type { QuickFacts } from '../domain/mission-types.ts';
import { countryShapes } from '../site/geo.ts';

/** One destination's current advisory, as the open-data exports carry it. */
export interface AdvisoryRecord {
  code: string;
  iso3: string;
  name: string;
  level: Level;
  indicators: Indicator[];
  departureUrged: boolean;
  /** RFC 3339 publication time of the current revision. */
  updated: string;
  /** Absolute URL of the destination page. */
  url: string;
  /** The CSV carries them; GeoJSON does not. */
  quickFacts?: QuickFacts | null;
}

/**
 * Every advised destination as a GeoJSON feature: a point at the country's centroid (Natural
 * Earth 1:110m), or null geometry for places too small for that scale (RFC 7946 §3.2 allows it).
 * Points, not outlines, keep the file small; the map itself is the place for outlines.
 */
export function advisoriesGeoJson(records: readonly AdvisoryRecord[]): string {
  const shapes = countryShapes();
  const collection: FeatureCollection<Point | null> = {
    type: 'FeatureCollection',
    features: records.map((record) => {
      const shape = shapes.get(record.code);
      return {
        type: 'Feature',
        id: record.code,
        geometry: shape ? { type: 'Point', coordinates: shape.centroid } : null,
        properties: {
          code: record.code,
          iso3: record.iso3,
          name: record.name,
          level: record.level,
          levelLabel: levelLabel(record.level),
          indicators: record.indicators,
          departureUrged: record.departureUrged,
          updated: record.updated,
          url: record.url,
        },
      };
    }),
  };
  return JSON.stringify(collection);
}
