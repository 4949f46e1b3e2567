import { INDICATORS, type Indicator } from '../../domain/indicators.ts';
import { LEVELS, type Level } from '../../domain/levels.ts';
import type { SiteLinks } from '../../site/links.ts';
import type { DestinationView, SiteSnapshot } from '../../site/snapshot.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumbs, byName, destinationTable, indicatorName, levelName, nameOf } from './components.ts';
import { layout } from './layout.ts';

/** Destinations at one level, with their risks: "which countries are at Do Not Travel?". */
export function levelPage(snapshot: SiteSnapshot, level: Level, links: SiteLinks): string {
  const { tr } = links;
  const views = byName(links, snapshot.advised.filter((view) => view.advisory!.level === level));
  return listPage(links, {
    title: levelName(tr, level),
    section: 'levels',
    href: links.level(level),
    intro: html`<p class="lede">${tr.t(`site.list.level${level}`)}</p><p>${tr.t('site.list.atLevel', { count: count(links, views.length) })}${regionalNote(snapshot, level, links)}</p>`,
    views,
    switcher: html`<nav class="list-switch" aria-label="${tr.t('site.list.levels')}"><ul>${LEVELS.map((other) => html`<li><a class="l${other}-edge" href="${links.level(other)}"${other === level ? html` aria-current="page"` : ''}>${tr.t('site.list.level', { level: other })}</a></li>`)}</ul></nav>`,
  });
}

/** Destinations whose advisory names one risk: "where is wrongful detention a risk?". */
export function indicatorPage(snapshot: SiteSnapshot, indicator: Indicator, links: SiteLinks): string {
  const { tr } = links;
  // Highest level first: the list answers "where is this risk worst?".
  const views = byName(links, snapshot.advised.filter((view) => view.advisory!.indicators.includes(indicator)))
    .sort((a, b) => b.advisory!.level - a.advisory!.level);
  const name = indicatorName(tr, indicator);
  return listPage(links, {
    title: tr.t('site.list.riskTitle', { name }),
    section: 'indicators',
    href: links.indicator(indicator),
    intro: html`<p class="lede">${tr.t('site.list.riskIntro', { name: name.toLocaleLowerCase(tr.locale) })}</p><p>${count(links, views.length)}.</p>`,
    views,
    switcher: html`<nav class="list-switch" aria-label="${tr.t('site.list.risks')}"><ul>${INDICATORS.map((other) => html`<li><a href="${links.indicator(other)}"${other === indicator ? html` aria-current="page"` : ''}>${indicatorName(tr, other)}</a></li>`)}</ul></nav>`,
  });
}

/** Every destination from A to Z, with or without an advisory: the map's full text alternative. */
export function allDestinationsPage(snapshot: SiteSnapshot, links: SiteLinks): string {
  return listPage(links, {
    title: links.tr.t('site.list.allTitle'),
    section: 'destinations',
    href: links.destinations,
    intro: html`<p class="lede">${links.tr.t('site.list.allIntro', { advised: snapshot.advised.length, total: snapshot.destinations.length })}</p>`,
    views: byName(links, snapshot.destinations),
    switcher: html``,
  });
}

interface ListOptions {
  title: string;
  section: 'levels' | 'indicators' | 'destinations';
  href: string;
  intro: SafeHtml;
  views: DestinationView[];
  switcher: SafeHtml;
}

function listPage(links: SiteLinks, options: ListOptions): string {
  const main = html`
${breadcrumbs(links, [{ label: options.title }])}
<h1>${options.title}</h1>
${options.intro}
${options.switcher}
${options.views.length
    ? destinationTable(options.views, links, options.title)
    : html`<p class="panel">${links.tr.t('site.list.empty')}</p>`}`;
  return layout({
    links,
    title: options.title,
    description: links.tr.t('site.list.description', { title: options.title, count: count(links, options.views.length) }),
    href: options.href,
    section: options.section,
    main,
  });
}

function count(links: SiteLinks, n: number): string {
  return links.tr.t('site.list.count', { count: n });
}

/** Lower-level countries with areas at this level are not on the list; say so and name them. */
function regionalNote(snapshot: SiteSnapshot, level: Level, links: SiteLinks): SafeHtml {
  const partly = snapshot.advised.filter((view) => view.advisory!.level < level && view.advisory!.regions.some((region) => region.level === level));
  if (partly.length === 0) return html``;
  return html` ${links.tr.t('site.list.regional', { count: partly.length })} ${partly.map(
    (view, i) => html`${i ? ', ' : ''}<a href="${links.destination(view.destination.slug)}">${nameOf(links, view.destination)}</a>`,
  )}.`;
}
