import type { Place } from '../../places/gazetteer.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { SiteLinks } from '../../site/links.ts';
import { searchTerms } from '../../site/search.ts';
import type { DestinationView, SiteSnapshot } from '../../site/snapshot.ts';
import { html, type SafeHtml } from '../html.ts';
import { message } from '../html-messages.ts';
import { breadcrumbs, byName, levelBadge, nameOf, searchForm } from './components.ts';
import { layout } from './layout.ts';

export type SearchState =
  | { kind: 'index' }
  | { kind: 'results'; query: string; results: DestinationView[]; places?: { place: Place; view: DestinationView }[] }
  | { kind: 'invalid'; query: string; problem: string };

/**
 * The search page. Without a query it lists every destination with the names and codes it answers
 * to, which the page script filters as you type: that is also how search works on a static host,
 * where no server reads ?q=. With a query (live server) it shows the ranked matches.
 */
export function searchPage(snapshot: SiteSnapshot, links: SiteLinks, state: SearchState): string {
  const { tr } = links;
  const query = state.kind === 'index' ? '' : state.query;
  const main = html`
${breadcrumbs(links, [{ label: tr.t('site.search.button') }])}
<h1>${tr.t('site.search.title')}</h1>
${searchForm(links, 'q', query, tr.t('site.search.formLabel'))}
${state.kind === 'invalid' ? html`<p class="error" role="alert">${state.problem}</p>` : ''}
${state.kind === 'results' ? results(state.query, state.results, links, state.places ?? []) : ''}
${state.kind === 'index' ? index(snapshot, links) : ''}`;
  return layout({
    links,
    title: state.kind === 'results' ? tr.t('site.search.resultsTitle', { query: state.query }) : tr.t('site.search.title'),
    description: tr.t('site.search.description'),
    href: state.kind === 'index' ? links.search : null,
    menuHref: state.kind === 'index' ? links.search : links.searchFor(state.query),
    section: 'search',
    main,
    script: state.kind === 'index',
  });
}

function results(query: string, views: readonly DestinationView[], links: SiteLinks, places: readonly { place: Place; view: DestinationView }[]): SafeHtml {
  const { tr } = links;
  const n = views.length;
  const status = n === 0 && places.length === 0 ? tr.t('site.search.none', { query })
    : places.length ? tr.t('site.search.matchesPlaces', { count: n, places: places.length, query }) : tr.t('site.search.matches', { count: n, query });
  return html`<p id="search-status" class="search-status" role="status">${status}</p>
${n ? html`<ul class="results">${views.map((view) => item(view, links))}</ul>` : ''}
${places.length ? html`<h2>${tr.t('site.search.places')}</h2><ul class="results" aria-label="${tr.t('site.search.placesLabel')}">${places.map(({ place, view }) => html`<li><a href="${links.destination(view.destination.slug)}">${nameOf(links, view.destination)}, ${place.name}</a> ${levelBadge(view.advisory?.level ?? null, 'small', tr)}
<span class="aka">${place.subdivision ?? place.country} · ${tr.t('site.search.covers', { name: nameOf(links, view.destination) })}</span></li>`)}</ul>` : ''}
${n === 0 && places.length === 0 ? html`<p>${message(tr, 'site.search.tryAgain', { link: html`<a href="${links.destinations}">${tr.t('site.search.everyDestination')}</a>` })}</p>` : ''}`;
}

/**
 * The status lines site.js writes as the reader filters, in the page's language (no translation
 * library in the browser): it fills in {count} and {query} and picks the plural form Intl.PluralRules
 * gives for the page's language ("one" or "other"; French "one" is 0 and 1).
 */
function liveStatus(tr: Translator): SafeHtml {
  const placeholders = { count: '{count}', query: '{query}' };
  return html` data-none="${tr.t('site.search.none', placeholders)}" data-count-one="${tr.t('site.search.live.countOne', placeholders)}" data-count-other="${tr.t('site.search.live.countOther', placeholders)}" data-match-one="${tr.t('site.search.live.matchOne', placeholders)}" data-match-other="${tr.t('site.search.live.matchOther', placeholders)}"`;
}

function index(snapshot: SiteSnapshot, links: SiteLinks): SafeHtml {
  return html`<p id="search-status" class="search-status" role="status"${liveStatus(links.tr)}>${links.tr.t('site.search.count', { count: snapshot.destinations.length })}</p>
<ul class="results" data-search-list>${byName(links, snapshot.destinations).map((view) => item(view, links, searchTerms(view.destination, links.tr.locale)))}</ul>`;
}

function item(view: DestinationView, links: SiteLinks, terms?: string): SafeHtml {
  const { destination, advisory } = view;
  const name = nameOf(links, destination);
  // In French the English name is one more name the destination answers to.
  const aliases = [...(name === destination.name ? [] : [destination.name]), ...destination.aliases].slice(0, 3);
  return html`<li${terms ? html` data-terms="${terms}"` : ''}><a href="${links.destination(destination.slug)}">${name}</a> ${levelBadge(advisory?.level ?? null, 'small', links.tr)}
<span class="aka">${destination.code} · ${destination.iso3}${aliases.length ? ` · ${links.tr.t('site.search.also', { names: aliases.join(', ') })}` : ''}</span></li>`;
}
