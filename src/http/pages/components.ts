import { INDICATOR_NAMES, type Indicator } from '../../domain/indicators.ts';
import { levelLabel, type Level } from '../../domain/levels.ts';
import type { DestinationView } from '../../site/snapshot.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';

/** "Level 4: Do Not Travel" in the level's colour; the words carry the meaning, the colour only helps. */
export function levelBadge(level: Level | null, size: 'small' | 'large' = 'small'): SafeHtml {
  if (level === null) return html`<span class="badge badge-0 badge-${size}">No advisory</span>`;
  return html`<span class="badge badge-${level} badge-${size}">Level ${level}: ${levelLabel(level)}</span>`;
}

/** Risk indicators by name, each linking to the list of destinations with that risk. */
export function indicatorList(indicators: readonly Indicator[], links: SiteLinks): SafeHtml {
  if (indicators.length === 0) return html``;
  return html`<ul class="chips">${indicators.map(
    (code) => html`<li><a class="chip" href="${links.indicator(code)}">${INDICATOR_NAMES[code]}</a></li>`,
  )}</ul>`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "8 May 2025" from an RFC 3339 time. The date is read as written: imported advisories keep the
 * publisher's local date, and converting to the server's time zone could move it a day.
 */
export function formatDate(timestamp: string): string {
  const [year, month, day] = timestamp.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return timestamp;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A date for readers; `marker` names it for the script that rewrites it in the reader's own day (site.js). */
export function dateTag(timestamp: string, marker?: string): SafeHtml {
  return marker
    ? html`<time datetime="${timestamp.slice(0, 10)}" data-date="${marker}">${formatDate(timestamp)}</time>`
    : html`<time datetime="${timestamp.slice(0, 10)}">${formatDate(timestamp)}</time>`;
}

/** A table of destinations with their level, risks and last update: the text form of the map. */
export function destinationTable(views: readonly DestinationView[], links: SiteLinks, caption: string): SafeHtml {
  return html`<div class="table-scroll"><table class="destinations">
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Destination</th><th scope="col">Level</th><th scope="col">Risks</th><th scope="col">Updated</th></tr></thead>
<tbody>${views.map(({ destination, advisory }) => html`<tr>
<th scope="row"><a href="${links.destination(destination.slug)}">${destination.name}</a>${advisory?.departureUrged ? html` <span class="tag-urgent">Leave now</span>` : ''}</th>
<td>${levelBadge(advisory?.level ?? null)}</td>
<td>${advisory ? indicatorList(advisory.indicators, links) : ''}</td>
<td>${advisory ? dateTag(advisory.publishedAt) : ''}</td>
</tr>`)}</tbody>
</table></div>`;
}

/** The search form; `id` differs between the header's and a page's own form. */
export function searchForm(links: SiteLinks, id: string, value = '', label = 'Search destinations'): SafeHtml {
  return html`<form class="search" role="search" aria-label="${label}" action="${links.search}" method="get">
<label for="${id}">${label}</label>
<div class="search-row"><input id="${id}" name="q" type="search" value="${value}" maxlength="100" autocomplete="off" spellcheck="false" placeholder="Country, territory or code"><button type="submit">Search</button></div>
</form>`;
}

/** Where a page sits: Home › … › the page itself. */
export function breadcrumbs(links: SiteLinks, trail: { label: string; href?: string }[]): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
<li><a href="${links.home}">Home</a></li>
${trail.map((item) => (item.href ? html`<li><a href="${item.href}">${item.label}</a></li>` : html`<li aria-current="page">${item.label}</li>`))}
</ol></nav>`;
}
