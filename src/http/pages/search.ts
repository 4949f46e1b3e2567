import type { Place } from '../../places/gazetteer.ts';
import type { SiteLinks } from '../../site/links.ts';
import { searchTerms } from '../../site/search.ts';
import type { DestinationView, SiteSnapshot } from '../../site/snapshot.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumbs, levelBadge, searchForm } from './components.ts';
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
  const query = state.kind === 'index' ? '' : state.query;
  const main = html`
${breadcrumbs(links, [{ label: 'Search' }])}
<h1>Search destinations</h1>
${searchForm(links, 'q', query, 'Country, territory, former name or ISO code')}
${state.kind === 'invalid' ? html`<p class="error" role="alert">${state.problem}</p>` : ''}
${state.kind === 'results' ? results(state.query, state.results, links, state.places ?? []) : ''}
${state.kind === 'index' ? index(snapshot, links) : ''}`;
  return layout({
    links,
    title: state.kind === 'results' ? `Search: ${state.query}` : 'Search destinations',
    description: 'Find the travel advisory for a country or territory by its name, a former name or its ISO code.',
    href: state.kind === 'index' ? links.search : null,
    section: 'search',
    main,
    script: state.kind === 'index',
  });
}

function results(query: string, views: readonly DestinationView[], links: SiteLinks, places: readonly { place: Place; view: DestinationView }[]): SafeHtml {
  const n = views.length;
  const status = n === 0 && places.length === 0 ? `No destination matches “${query}”.`
    : `${n} ${n === 1 ? 'destination matches' : 'destinations match'}${places.length ? `, and ${places.length} ${places.length === 1 ? 'place' : 'places'}` : ''} “${query}”.`;
  return html`<p id="search-status" class="search-status" role="status">${status}</p>
${n ? html`<ul class="results">${views.map((view) => item(view, links))}</ul>` : ''}
${places.length ? html`<h2>Places</h2><ul class="results" aria-label="Cities and regions">${places.map(({ place, view }) => html`<li><a href="${links.destination(view.destination.slug)}">${view.destination.name}, ${place.name}</a> ${levelBadge(view.advisory?.level ?? null)}
<span class="aka">${place.subdivision ?? place.country} · the advisory for ${view.destination.name} covers it</span></li>`)}</ul>` : ''}
${n === 0 && places.length === 0 ? html`<p>Try another spelling, an ISO code such as “FR” or “FRA”, a city such as “Moscow”, or browse <a href="${links.destinations}">every destination from A to Z</a>.</p>` : ''}`;
}

function index(snapshot: SiteSnapshot, links: SiteLinks): SafeHtml {
  return html`<p id="search-status" class="search-status" role="status">${snapshot.destinations.length} destinations</p>
<ul class="results" data-search-list>${snapshot.destinations.map((view) => item(view, links, searchTerms(view.destination)))}</ul>`;
}

function item(view: DestinationView, links: SiteLinks, terms?: string): SafeHtml {
  const { destination, advisory } = view;
  const aliases = destination.aliases.slice(0, 3);
  return html`<li${terms ? html` data-terms="${terms}"` : ''}><a href="${links.destination(destination.slug)}">${destination.name}</a> ${levelBadge(advisory?.level ?? null)}
<span class="aka">${destination.code} · ${destination.iso3}${aliases.length ? ` · also ${aliases.join(', ')}` : ''}</span></li>`;
}
