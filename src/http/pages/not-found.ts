import type { SiteLinks } from '../../site/links.ts';
import { html } from '../html.ts';
import { message } from '../html-messages.ts';
import { searchForm } from './components.ts';
import { layout } from './layout.ts';

/** The 404 page: says what is missing in plain words and offers the search straight away. */
export function notFoundPage(links: SiteLinks, what = links.tr.t('site.missing.page')): string {
  const { tr } = links;
  const main = html`
<h1>${tr.t('site.notFound.title')}</h1>
<p class="lede">${what}</p>
${searchForm(links, 'q', '', tr.t('site.notFound.search'))}
<p>${message(tr, 'site.notFound.browse', {
    all: html`<a href="${links.destinations}">${tr.t('site.notFound.all')}</a>`,
    dnt: html`<a href="${links.level(4)}">${tr.t('site.notFound.dnt')}</a>`,
    map: html`<a href="${links.home}">${tr.t('site.notFound.map')}</a>`,
  })}</p>`;
  return layout({ links, title: tr.t('site.notFound.title'), description: what, href: null, section: null, main });
}
