import { CSV_COLUMNS } from '../../feeds/csv.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html } from '../html.ts';
import { message } from '../html-messages.ts';
import { breadcrumbs } from './components.ts';
import { layout } from './layout.ts';

/** For integrators and newsrooms: every feed and export, what it holds and its URL. */
export function openDataPage(links: SiteLinks): string {
  const { tr } = links;
  const row = (name: string, href: string, what: string) =>
    html`<tr><th scope="row"><a href="${href}">${name}</a></th><td><code>${links.absolute(href)}</code></td><td>${what}</td></tr>`;
  const main = html`
${breadcrumbs(links, [{ label: tr.t('site.nav.data') }])}
<h1>${tr.t('site.data.title')}</h1>
<p class="lede">${tr.t('site.data.lede')}</p>
<div class="table-scroll"><table class="data-table">
<thead><tr><th scope="col">${tr.t('site.data.format')}</th><th scope="col">${tr.t('site.data.address')}</th><th scope="col">${tr.t('site.data.contents')}</th></tr></thead>
<tbody>
${row(tr.t('site.data.atom'), links.atom, tr.t('site.data.atomWhat'))}
${row(tr.t('site.data.rss'), links.rss, tr.t('site.data.rssWhat'))}
${row(tr.t('site.data.destinationAtom'), links.destinationAtom('RU'), tr.t('site.data.destinationAtomWhat'))}
${row('GeoJSON', links.geojson, tr.t('site.data.geojsonWhat'))}
${row('CSV', links.csv, tr.t('site.data.csvWhat', { columns: CSV_COLUMNS.join(', ') }))}
${row(tr.t('site.data.jsonDestinations'), links.apiDestinations, tr.t('site.data.jsonDestinationsWhat'))}
${row(tr.t('site.data.jsonAdvisory'), links.apiAdvisory('RU'), tr.t('site.data.jsonAdvisoryWhat'))}
${row(tr.t('site.data.alerts'), links.alertsAtom, tr.t('site.data.alertsWhat', { pattern: '/feeds/alerts/{number}.cap' }))}
</tbody>
</table></div>
${links.apiDocs ? html`<p>${message(tr, 'site.data.api', { link: html`<a href="${links.apiDocs}">${tr.t('site.data.apiLink')}</a>` })}</p>` : ''}
<h2>${tr.t('site.data.credits')}</h2>
<p>${tr.t('site.data.creditsText')}</p>`;
  return layout({
    links,
    title: tr.t('site.data.title'),
    description: tr.t('site.data.description'),
    href: links.data,
    section: 'data',
    main,
  });
}
