import type { Level } from '../domain/levels.ts';
import { levelLabelIn } from '../http/pages/components.ts';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { html, raw, type SafeHtml } from '../http/html.ts';
import { LEVEL_FILLS, fillOf, noAdvisoryPattern } from './level-colours.ts';
import { alertLayer, type MapAlert } from './map-alerts.ts';
import { MARKER_RADIUS, TARGET_RADIUS, needsMarker, placeMarkers } from './map-markers.ts';
import { MAP_WIDTH, projectedOutlines } from './map-projection.ts';

export type { MapAlert } from './map-alerts.ts';

/** What the map needs to know about one destination. */
export interface MapCountry {
  code: string;
  name: string;
  href: string;
  level: Level | null;
  /** The highest level of any region above the country-wide level, if a region is higher. */
  higherRegionLevel: Level | null;
}

/** The accessible name of a country on the map; the level is always said in words, not only in colour. */
export function mapLabel(country: Pick<MapCountry, 'name' | 'level' | 'higherRegionLevel'>, tr: Translator = translator(DEFAULT_LOCALE)): string {
  const { name, level, higherRegionLevel } = country;
  if (level === null) return tr.t('dest.titleNone', { name });
  const base = tr.t('dest.title', { name, level, label: levelLabelIn(tr, level) });
  return higherRegionLevel ? tr.t('site.map.someAreas', { base, level: higherRegionLevel }) : base;
}

export interface WorldMapOptions {
  /** Active alerts to draw over the countries, each linking to its page. */
  alerts?: readonly MapAlert[];
  /** The language of the countries' names (already given in it) and labels; the default unless given. */
  tr?: Translator;
}

/**
 * The world map as inline SVG: each destination with an outline is a link to its page, filled by
 * its level (striped with the higher colour where a region is at a higher level), with a name
 * screen readers and tooltips announce. Destinations too small to see at this scale follow as
 * circles (src/site/map-markers.ts), then active alerts (src/site/map-alerts.ts). Within each
 * group destinations come in the order given (by name), which is also the keyboard order.
 */
export function buildWorldMap(countries: readonly MapCountry[], options: WorldMapOptions = {}): SafeHtml {
  const { height, paths } = projectedOutlines();
  const stripes = new Set<string>();
  const link = (country: MapCountry, body: SafeHtml) => {
    const label = mapLabel(country, options.tr);
    return html`<a href="${country.href}" aria-label="${label}">${body}<title>${label}</title></a>`;
  };
  const shapes = countries.filter((country) => paths.has(country.code) && !needsMarker(country.code)).map((country) => {
    const fill = fillClass(country);
    if (country.higherRegionLevel) stripes.add(fill);
    return link(country, html`<path class="${fill}" fill="${country.higherRegionLevel ? `url(#${fill})` : fillOf(country.level)}" d="${paths.get(country.code)}"/>`);
  });
  const small = countries.filter((country) => needsMarker(country.code));
  const byCode = new Map(small.map((country) => [country.code, country]));
  const markers = placeMarkers(small.map((country) => country.code)).map(({ code, anchor, at }) => {
    const country = byCode.get(code)!;
    const d = paths.get(code);
    const moved = Math.hypot(at[0] - anchor[0], at[1] - anchor[1]) > MARKER_RADIUS;
    return link(country, html`${d ? html`<path class="${fillClass(country)}" fill="${fillOf(country.level)}" d="${d}"/>` : ''}${
      moved ? html`<path class="leader" d="M${Math.round(anchor[0])},${Math.round(anchor[1])}L${at[0]},${at[1]}"/>` : ''}<circle class="target" cx="${at[0]}" cy="${at[1]}" r="${TARGET_RADIUS}" fill="transparent"/><circle class="marker ${fillClass(country)}" cx="${at[0]}" cy="${at[1]}" r="${MARKER_RADIUS}" fill="${fillOf(country.level)}"/>`);
  });
  const names = new Map(countries.map((country) => [country.code, country.name]));
  const alerts = alertLayer(options.alerts ?? [], (code) => names.get(code) ?? code, options.tr);
  return html`<svg class="world-map" viewBox="0 0 ${MAP_WIDTH} ${height}" role="group" aria-labelledby="map-title" focusable="false"><defs>${raw(noAdvisoryPattern())}${[...stripes].sort().map(stripePattern)}</defs><g class="countries">${shapes}</g><g class="small-destinations">${markers}</g>${alerts}</svg>`;
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
    + `<rect width="5" height="5" class="l${base}" fill="${LEVEL_FILLS[Number(base) as Level]}"/><rect width="2" height="5" class="l${higher}" fill="${LEVEL_FILLS[Number(higher) as Level]}"/></pattern>`,
  );
}
