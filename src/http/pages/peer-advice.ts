import { findByCode } from '../../domain/destinations.ts';
import { DEFAULT_LOCALE } from '../../i18n/locales.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { message } from '../html-messages.ts';
import type { Comparison, SourceAdvice } from '../../sources/peers/comparison.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumbs, dateTag, levelBadge, nameOf } from './components.ts';
import { layout } from './layout.ts';

/** Each government as travellers know it (the console's English names). */
export const SOURCE_NAMES: Readonly<Record<SourceAdvice['source'], string>> = {
  'us-state-dept': sourceName('us-state-dept'),
  'uk-fcdo': sourceName('uk-fcdo'),
  canada: sourceName('canada'),
};

/** Each government as travellers know it, in the reader's language. */
export function sourceName(source: SourceAdvice['source'], tr: Translator = translator(DEFAULT_LOCALE)): string {
  return tr.t(`compare.government.${source}`);
}

function regionsOf(source: SourceAdvice, tr: Translator): SafeHtml {
  if (!source.regions.length) return html``;
  return html`<ul class="peer-regions">${source.regions.map((r) => html`<li>${tr.t('compare.regionLevel', { name: r.name, label: r.nativeLabel, level: r.level })}</li>`)}</ul>`;
}

/** "What other governments say": each source's own words, the level they map to, its regions, date and a link to the original. */
export function peerAdviceSection(comparison: Comparison | undefined, links: SiteLinks): SafeHtml {
  if (!comparison?.sources.length) return html``;
  const { tr } = links;
  return html`<details class="fold" aria-labelledby="peers-title">
<summary><h2 id="peers-title">${tr.t('compare.peersTitle')}</h2></summary>
<p>${message(tr, 'compare.peersIntro', { link: html`<a href="${links.home}compare/">${tr.t('compare.everyDestination')}</a>` })}</p>
<div class="table-scroll"><table class="peers">
<thead><tr><th scope="col">${tr.t('compare.government')}</th><th scope="col">${tr.t('compare.theirAdvice')}</th><th scope="col">${tr.t('compare.ourScale')}</th><th scope="col">${tr.t('site.table.updated')}</th></tr></thead>
<tbody>${comparison.sources.map((s) => html`<tr>
<th scope="row"><a href="${s.url}">${sourceName(s.source, tr)}</a></th>
<td>${s.nativeLabel}${regionsOf(s, tr)}</td>
<td>${levelBadge(s.level, 'small', tr)}</td>
<td>${dateTag(s.updatedAt, undefined, tr)}</td>
</tr>`)}</tbody>
</table></div>
</details>`;
}

export type CompareSort = 'name' | 'spread' | 'highest';
export interface CompareView { sort: CompareSort; disagree: number | null }

/** `/compare/`: the map (src/site/compare-map.ts), then every destination × source, sortable by name, spread or highest level; `disagree` keeps the spread ≥ N. */
export function comparePage(all: readonly Comparison[], links: SiteLinks, view: CompareView, map: SafeHtml = html``): string {
  const { tr } = links;
  const name = (c: Comparison) => nameOf(links, c);
  const rows = [...all].sort((a, b) => (view.sort === 'name' ? 0 : view.sort === 'spread' ? b.spread - a.spread : (b.highest ?? 0) - (a.highest ?? 0)) || name(a).localeCompare(name(b), tr.locale));
  const cell = (c: Comparison, source: SourceAdvice['source']) => {
    const s = c.sources.find((x) => x.source === source);
    return s ? html`<td data-level="${s.level}">${levelBadge(s.level, 'small', tr)}<span class="native">${s.nativeLabel}</span>${s.regions.length ? html`<span class="native">${tr.t('compare.regionsHigher', { count: s.regions.length })}</span>` : ''}</td>` : html`<td>—</td>`;
  };
  const sortLink = (sort: CompareSort, label: string) => {
    const query = new URLSearchParams({ sort, ...(view.disagree !== null ? { disagree: String(view.disagree) } : {}) });
    return view.sort === sort ? html`<span aria-current="true">${label}</span>` : html`<a href="?${query.toString()}">${label}</a>`;
  };
  const main = html`
${breadcrumbs(links, [{ label: tr.t('compare.breadcrumb') }])}
<h1>${tr.t('compare.heading')}</h1>
<p>${message(tr, 'compare.intro', { link: html`<a href="${links.data}">${tr.t('compare.mappingLink')}</a>` })}</p>
<p>${view.disagree !== null ? html`${tr.t('compare.showing', { count: rows.length, disagree: view.disagree })} <a href="?sort=name">${tr.t('compare.showAll')}</a>` : html`<a href="?disagree=2&amp;sort=spread">${tr.t('compare.disagree')}</a> ${tr.t('compare.disagreeNote')}`}</p>
${map}
<p>${message(tr, 'compare.sortBy', { name: sortLink('name', tr.t('compare.sortName')), spread: sortLink('spread', tr.t('compare.sortSpread')), highest: sortLink('highest', tr.t('compare.sortHighest')) })}</p>
<div class="table-scroll"><table class="compare">
<thead><tr><th scope="col">${tr.t('site.table.destination')}</th><th scope="col">${tr.t('compare.ours')}</th><th scope="col">${tr.t('compare.us')}</th><th scope="col">${tr.t('compare.uk')}</th><th scope="col">${tr.t('compare.canada')}</th><th scope="col">${tr.t('compare.difference')}</th><th scope="col">${tr.t('compare.highestAnywhere')}</th></tr></thead>
<tbody>${rows.map((c) => html`<tr>
<th scope="row"><a href="${links.destination(findByCode(c.code)?.slug ?? c.code)}">${name(c)}</a></th>
<td>${levelBadge(c.ours?.level ?? null, 'small', tr)}</td>
${cell(c, 'us-state-dept')}${cell(c, 'uk-fcdo')}${cell(c, 'canada')}
<td>${c.spread}</td>
<td>${c.highest === null ? '—' : tr.t('site.list.level', { level: c.highest })}</td>
</tr>`)}</tbody>
</table></div>`;
  return layout({ links, title: tr.t('compare.title'), description: tr.t('compare.description'), href: `${links.home}compare/`, section: null, main });
}
