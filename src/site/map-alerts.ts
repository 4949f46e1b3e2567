import type { Polygon } from 'geojson';
import { geoArea, geoCentroid, geoCircle } from 'd3-geo';
import { html, type SafeHtml } from '../http/html.ts';
import { capWord } from '../http/pages/cap-words.ts';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { subdivisionCentre } from '../places/subdivision-centres.ts';
import { countryShapes } from './geo.ts';
import { destinationCentres } from './map-markers.ts';
import { pathData, projectedOutlines } from './map-projection.ts';

/** An active alert as the map draws it: its area (CAP polygon or circle, else its destinations) and a link to its page. */
export interface MapAlert {
  href: string;
  headline: string;
  severity: string;
  /** ISO 3166-1 alpha-2 codes of the destinations it covers. */
  destinations: readonly string[];
  /** Its regions: ISO 3166-2 codes ("RU-MOW") place its marker there; other names are only read out. */
  regions?: readonly string[];
  /** CAP polygon ("lat,lon lat,lon …") and circle ("lat,lon radius-km"), already checked (src/domain/alert-area.ts). */
  polygon: string | null;
  circle: string | null;
}

/** The alert's accessible name, in the map's language: what, how severe, where. */
export function alertLabel(alert: MapAlert, names: (code: string) => string, tr: Translator = translator(DEFAULT_LOCALE)): string {
  return tr.t('alert.mapLabel', { severity: capWord(tr, 'severity', alert.severity), headline: alert.headline, places: tr.list(alert.destinations.map(names)) });
}

const EARTH_KM_PER_DEGREE = 6371 * Math.PI / 180;

/** The CAP polygon as GeoJSON, wound the way d3-geo reads as "the small side". */
function capPolygon(text: string): Polygon {
  const ring = text.split(' ').map((pair) => {
    const [lat, lon] = pair.split(',').map(Number);
    return [lon!, lat!];
  });
  const polygon: Polygon = { type: 'Polygon', coordinates: [ring] };
  return geoArea(polygon) > 2 * Math.PI ? { type: 'Polygon', coordinates: [ring.toReversed()] } : polygon;
}

function capCircle(text: string): Polygon {
  const [centre, radius] = text.split(' ');
  const [lat, lon] = centre!.split(',').map(Number);
  return geoCircle().center([lon!, lat!]).radius(Math.max(Number(radius), 1) / EARTH_KM_PER_DEGREE)() as Polygon;
}

type Point = [number, number];

/**
 * The outline to draw (path data) and the points where the alert's markers go, in map units: the
 * centre of its polygon or circle; else one marker at each of its ISO 3166-2 regions the gazetteer
 * places (an alert for Moscow is not marked in the middle of Siberia), under its destinations'
 * outlines; else one at its first destination's centre.
 */
function alertShape(alert: MapAlert): { d: string; at: Point[] } | null {
  const { projection, paths } = projectedOutlines();
  const project = (lonLat: Point | undefined): Point[] => {
    const at = lonLat && projection(lonLat);
    return at ? [[at[0], at[1]]] : [];
  };
  const geometry = alert.polygon ? capPolygon(alert.polygon) : alert.circle ? capCircle(alert.circle) : null;
  if (geometry) {
    const at = project(geoCentroid(geometry));
    return at.length ? { d: pathData(projection, geometry), at } : null;
  }
  const codes = alert.destinations;
  const d = codes.map((code) => paths.get(code) ?? '').join('');
  const regional = (alert.regions ?? []).flatMap((code) => project(subdivisionCentre(code)));
  // Two regions that fall on the same map unit (a city and the province around it) get one marker.
  const at = regional.filter(([x, y], i) => regional.findIndex(([u, v]) => Math.round(u) === Math.round(x) && Math.round(v) === Math.round(y)) === i);
  if (at.length) return { d, at };
  const first = codes.find((code) => countryShapes().has(code) || destinationCentres().has(code));
  const centre = project(first ? countryShapes().get(first)?.centroid ?? destinationCentres().get(first) : undefined);
  return centre.length ? { d, at: centre } : null;
}

/** A warning triangle centred on (x, y), with a click target around it at least 24 CSS px across (see TARGET_RADIUS). */
function warningMarker([x, y]: [number, number]): SafeHtml {
  const [X, Y] = [Math.round(x), Math.round(y)];
  return html`<circle class="alert-target" cx="${X}" cy="${Y}" r="12" fill="transparent"/><path class="alert-marker" d="M${X},${Y - 10}l10,17h-20z" fill="#1a1f24" stroke="#ffffff" stroke-width="1.5"/><path d="M${X},${Y - 4}v6m0,3v2" stroke="#ffffff" stroke-width="2"/>`;
}

/**
 * Each active alert's area on top of the map: its outline (dashed, not a click target itself, so
 * the countries under it stay clickable) and a warning marker linking to the alert's page.
 */
export function alertLayer(alerts: readonly MapAlert[], names: (code: string) => string, tr?: Translator): SafeHtml {
  const drawn = alerts.flatMap((alert) => {
    const shape = alertShape(alert);
    if (!shape) return [];
    const label = alertLabel(alert, names, tr);
    return [html`<a class="map-alert" href="${alert.href}" aria-label="${label}"><title>${label}</title>${shape.d ? html`<path class="alert-area" d="${shape.d}" fill="none" stroke="#1a1f24" stroke-width="2" stroke-dasharray="4 3" pointer-events="none"/>` : ''}${shape.at.map(warningMarker)}</a>`];
  });
  return drawn.length ? html`<g class="alert-areas">${drawn}</g>` : html``;
}
