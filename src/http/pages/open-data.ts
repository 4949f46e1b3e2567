import { CSV_COLUMNS } from '../../feeds/csv.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html } from '../html.ts';
import { breadcrumbs } from './components.ts';
import { layout } from './layout.ts';

/** For integrators and newsrooms: every feed and export, what it holds and its URL. */
export function openDataPage(links: SiteLinks): string {
  const row = (name: string, href: string, what: string) =>
    html`<tr><th scope="row"><a href="${href}">${name}</a></th><td><code>${links.absolute(href)}</code></td><td>${what}</td></tr>`;
  const main = html`
${breadcrumbs(links, [{ label: 'Feeds and data' }])}
<h1>Feeds and open data</h1>
<p class="lede">Everything on this site is available in standard formats, free to reuse with the credits below. Feeds carry major changes only: the ones that change what a traveller should do.</p>
<div class="table-scroll"><table class="data-table">
<thead><tr><th scope="col">Format</th><th scope="col">Address</th><th scope="col">Contents</th></tr></thead>
<tbody>
${row('Atom feed', links.atom, 'Major changes to every advisory, newest first; title "Russia: Level 4 – Do Not Travel", change note and level.')}
${row('RSS 2.0 feed', links.rss, 'The same entries as the Atom feed.')}
${row('Atom feed per destination', links.destinationAtom('RU'), 'Major changes to one destination (here Russia; use any ISO alpha-2 code). Linked from each destination page.')}
${row('GeoJSON', links.geojson, 'Each destination with an advisory as a point feature at its centroid: code, name, level, indicators, departureUrged, updated.')}
${row('CSV', links.csv, `One row per destination with an advisory: ${CSV_COLUMNS.join(', ')}.`)}
${row('JSON: destinations', links.apiDestinations, 'Every destination with its ISO codes, name, slug, aliases and current level.')}
${row('JSON: one advisory', links.apiAdvisory('RU'), 'The full current advisory: level, indicators, regions, sections, change note, source.')}
${row('Alerts: Atom index of CAP', links.alertsAtom, 'Embassy alerts in force or announced (and cancellations), newest first; each entry links to its OASIS CAP 1.2 document, /feeds/alerts/{number}.cap.')}
</tbody>
</table></div>
${links.apiDocs ? html`<p>The JSON API has more: filters by level and risk, every revision, and word-level diffs. See the <a href="${links.apiDocs}">interactive API documentation</a>.</p>` : ''}
<h2>Credits and licences</h2>
<p>Advisory texts are credited on each page to their publisher; those of the U.S. Department of State are public domain. Country outlines are Natural Earth (public domain); country codes and names come from GeoNames (CC BY 4.0) and i18n-iso-countries.</p>`;
  return layout({
    links,
    title: 'Feeds and open data',
    description: 'Travel advisories as Atom and RSS feeds, GeoJSON, CSV and JSON.',
    href: links.data,
    section: 'data',
    main,
  });
}
