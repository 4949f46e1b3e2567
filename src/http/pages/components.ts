import type { Indicator } from '../../domain/indicators.ts';
import type { Level } from '../../domain/levels.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import { DEFAULT_LOCALE } from '../../i18n/locales.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import type { DestinationView } from '../../site/snapshot.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';

/** Pages outside the public site (account, console) still call these without a translator: they speak the default language. */
const DEFAULT_TR = translator(DEFAULT_LOCALE);

/** "Do Not Travel" / "Ne pas voyager". */
export function levelLabelIn(tr: Translator, level: Level): string {
  return tr.t(`site.level.${level}`);
}

/** "Level 4: Do Not Travel" / "Niveau 4 : Ne pas voyager". */
export function levelName(tr: Translator, level: Level): string {
  return tr.t('site.levelName', { level, label: levelLabelIn(tr, level) });
}

/** A risk indicator's name in the reader's language. */
export function indicatorName(tr: Translator, code: Indicator): string {
  return tr.t(`site.indicator.${code}`);
}

/** "Level 4: Do Not Travel" in the level's colour; the words carry the meaning, the colour only helps. */
export function levelBadge(level: Level | null, size: 'small' | 'large' = 'small', tr: Translator = DEFAULT_TR): SafeHtml {
  if (level === null) return html`<span class="badge badge-0 badge-${size}">${tr.t('site.noAdvisory')}</span>`;
  return html`<span class="badge badge-${level} badge-${size}">${levelName(tr, level)}</span>`;
}

/** Risk indicators by name, each linking to the list of destinations with that risk. */
export function indicatorList(indicators: readonly Indicator[], links: SiteLinks): SafeHtml {
  if (indicators.length === 0) return html``;
  return html`<ul class="chips">${indicators.map(
    (code) => html`<li><a class="chip" href="${links.indicator(code)}">${indicatorName(links.tr, code)}</a></li>`,
  )}</ul>`;
}

/**
 * "8 May 2025" / "8 mai 2025" from an RFC 3339 time. The date is read as written: imported
 * advisories keep the publisher's local date, and converting to the server's time zone could move it a day.
 */
export function formatDate(timestamp: string, tr: Translator = DEFAULT_TR): string {
  const day = timestamp.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? tr.date(day) : timestamp;
}

/** A date for readers; `marker` names it for the script that rewrites it in the reader's own day (site.js). */
export function dateTag(timestamp: string, marker?: string, tr: Translator = DEFAULT_TR): SafeHtml {
  return marker
    ? html`<time datetime="${timestamp.slice(0, 10)}" data-date="${marker}">${formatDate(timestamp, tr)}</time>`
    : html`<time datetime="${timestamp.slice(0, 10)}">${formatDate(timestamp, tr)}</time>`;
}

/** A destination's name in the links' language. */
export function nameOf(links: SiteLinks, destination: { code: string }): string {
  return destinationName(destination.code, links.tr.locale);
}

/** Destinations in the reader's alphabetical order ("Allemagne" before "Autriche" in French). */
export function byName<T extends { destination: { code: string } }>(links: SiteLinks, views: readonly T[]): T[] {
  const locale = links.tr.locale;
  return views.map((view) => [nameOf(links, view.destination), view] as const)
    .sort(([a], [b]) => a.localeCompare(b, locale))
    .map(([, view]) => view);
}

/** A table of destinations with their level, risks and last update: the text form of the map. */
export function destinationTable(views: readonly DestinationView[], links: SiteLinks, caption: string): SafeHtml {
  const { tr } = links;
  return html`<div class="table-scroll"><table class="destinations">
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">${tr.t('site.table.destination')}</th><th scope="col">${tr.t('site.table.level')}</th><th scope="col">${tr.t('site.table.risks')}</th><th scope="col">${tr.t('site.table.updated')}</th></tr></thead>
<tbody>${views.map(({ destination, advisory }) => html`<tr>
<th scope="row"><a href="${links.destination(destination.slug)}">${nameOf(links, destination)}</a>${advisory?.departureUrged ? html` <span class="tag-urgent">${tr.t('site.leaveNow')}</span>` : ''}</th>
<td>${levelBadge(advisory?.level ?? null, 'small', tr)}</td>
<td>${advisory ? indicatorList(advisory.indicators, links) : ''}</td>
<td>${advisory ? dateTag(advisory.publishedAt, undefined, tr) : ''}</td>
</tr>`)}</tbody>
</table></div>`;
}

/** The search form; `id` differs between the header's and a page's own form. */
export function searchForm(links: SiteLinks, id: string, value = '', label = links.tr.t('site.search.label')): SafeHtml {
  const { tr } = links;
  return html`<form class="search" role="search" aria-label="${label}" action="${links.search}" method="get">
<label for="${id}">${label}</label>
<div class="search-row"><input id="${id}" name="q" type="search" value="${value}" maxlength="100" autocomplete="off" spellcheck="false" placeholder="${tr.t('site.search.placeholder')}"><button type="submit">${tr.t('site.search.button')}</button></div>
</form>`;
}

/** Where a page sits: Home › … › the page itself. */
export function breadcrumbs(links: SiteLinks, trail: { label: string; href?: string }[]): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="${links.tr.t('site.breadcrumb')}"><ol>
<li><a href="${links.home}">${links.tr.t('site.home')}</a></li>
${trail.map((item) => (item.href ? html`<li><a href="${item.href}">${item.label}</a></li>` : html`<li aria-current="page">${item.label}</li>`))}
</ol></nav>`;
}
