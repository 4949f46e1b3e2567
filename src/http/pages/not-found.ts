import type { SiteLinks } from '../../site/links.ts';
import { html } from '../html.ts';
import { searchForm } from './components.ts';
import { layout } from './layout.ts';

/** The 404 page: says what is missing in plain words and offers the search straight away. */
export function notFoundPage(links: SiteLinks, what = 'There is no page at this address.'): string {
  const main = html`
<h1>Page not found</h1>
<p class="lede">${what}</p>
${searchForm(links, 'q', '', 'Search for a destination')}
<p>Or browse <a href="${links.destinations}">every destination from A to Z</a>, the <a href="${links.level(4)}">Do Not Travel list</a> or the <a href="${links.home}">world map</a>.</p>`;
  return layout({ links, title: 'Page not found', description: what, href: null, section: null, main });
}
