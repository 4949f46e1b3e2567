import { DESTINATIONS } from '../domain/destinations.ts';
import { isLevel, LEVELS } from '../domain/levels.ts';
import { levelLabelIn, nameOf } from '../http/pages/components.ts';
import { html, type SafeHtml } from '../http/html.ts';
import { comparePage, type CompareView } from '../http/pages/peer-advice.ts';
import type { Comparison } from '../sources/peers/comparison.ts';
import type { SiteLinks } from './links.ts';
import { buildWorldMap, type MapCountry } from './map.ts';

/**
 * The map on /compare/: every destination filled by the highest level any government gives it
 * anywhere (ours included, regions included), each shape linking to that destination's
 * comparison ("What other governments say" on its page). Destinations nobody advises on are grey.
 */
export function compareMapCountries(all: readonly Comparison[], links: SiteLinks): MapCountry[] {
  const highest = new Map(all.map((c) => [c.code, c.highest]));
  return DESTINATIONS.map((d) => {
    const level = highest.get(d.code) ?? null;
    return {
      code: d.code,
      name: nameOf(links, d),
      href: `${links.destination(d.slug)}#peers-title`,
      level: level !== null && isLevel(level) ? level : null,
      // The fill is already the highest level anywhere: no stripes for a higher region.
      higherRegionLevel: null,
    };
  });
}

/** The map with its heading, a skip link and a legend that says what the colour is: the highest level any government gives. */
export function compareMapSection(all: readonly Comparison[], links: SiteLinks, buildMap = buildWorldMap): SafeHtml {
  const countries = compareMapCountries(all, links);
  const count = (level: number) => countries.filter((c) => c.level === level).length;
  const { tr } = links;
  return html`<section class="map-panel" aria-labelledby="map-title">
<div class="map-head"><h2 id="map-title">${tr.t('compare.mapTitle')}</h2><a class="skip-map" href="#after-map">${tr.t('site.home.skipMap')}</a></div>
<div class="map-frame">${buildMap(countries, { tr })}</div>
<ul class="legend" aria-label="${tr.t('compare.legend')}">
${LEVELS.toReversed().map((level) => html`<li><span class="swatch l${level}" aria-hidden="true"></span>${tr.t('compare.legendLevel', { level, label: levelLabelIn(tr, level) })} <span class="count">${count(level)}</span></li>`)}
<li><span class="swatch l0" aria-hidden="true"></span>${tr.t('compare.legendNone')}</li>
</ul>
<p class="map-note">${tr.t('compare.mapNote')}</p>
</section>
<div id="after-map" tabindex="-1"></div>`;
}

/** The whole /compare/ page, live or exported: the map of every destination, then the table (filtered by the view). */
export function compareDocument(all: readonly Comparison[], shown: readonly Comparison[], links: SiteLinks, view: CompareView): string {
  return comparePage(shown, links, view, compareMapSection(all, links));
}
