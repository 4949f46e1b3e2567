import { INDICATOR_NAMES, INDICATORS, type Indicator } from '../../domain/indicators.ts';
import { LEVELS, levelLabel, type Level } from '../../domain/levels.ts';
import type { SiteLinks } from '../../site/links.ts';
import type { DestinationView, SiteSnapshot } from '../../site/snapshot.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumbs, destinationTable } from './components.ts';
import { layout } from './layout.ts';

const LEVEL_MEANING: Record<Level, string> = {
  1: 'The lowest level: normal precautions, as anywhere in the world.',
  2: 'Heightened risks to safety and security; be more careful than usual.',
  3: 'Serious risks to safety and security; think again about whether to go.',
  4: 'The highest level: a greater likelihood of life-threatening risks. Do not go; if you are there, consider leaving.',
};

/** Destinations at one level, with their risks: "which countries are at Do Not Travel?". */
export function levelPage(snapshot: SiteSnapshot, level: Level, links: SiteLinks): string {
  const views = snapshot.advised.filter((view) => view.advisory!.level === level);
  const title = `Level ${level}: ${levelLabel(level)}`;
  return listPage(links, {
    title,
    section: 'levels',
    href: links.level(level),
    intro: html`<p class="lede">${LEVEL_MEANING[level]}</p><p>${count(views.length)} at this level.${regionalNote(snapshot, level, links)}</p>`,
    views,
    switcher: html`<nav class="list-switch" aria-label="Levels"><ul>${LEVELS.map((other) => html`<li><a class="l${other}-edge" href="${links.level(other)}"${other === level ? html` aria-current="page"` : ''}>Level ${other}</a></li>`)}</ul></nav>`,
  });
}

/** Destinations whose advisory names one risk: "where is wrongful detention a risk?". */
export function indicatorPage(snapshot: SiteSnapshot, indicator: Indicator, links: SiteLinks): string {
  // Highest level first: the list answers "where is this risk worst?".
  const views = snapshot.advised
    .filter((view) => view.advisory!.indicators.includes(indicator))
    .sort((a, b) => b.advisory!.level - a.advisory!.level || a.destination.name.localeCompare(b.destination.name, 'en'));
  return listPage(links, {
    title: `Risk: ${INDICATOR_NAMES[indicator]}`,
    section: 'indicators',
    href: links.indicator(indicator),
    intro: html`<p class="lede">Destinations whose advisory names ${INDICATOR_NAMES[indicator].toLowerCase()} as a risk, highest level first.</p><p>${count(views.length)}.</p>`,
    views,
    switcher: html`<nav class="list-switch" aria-label="Risks"><ul>${INDICATORS.map((other) => html`<li><a href="${links.indicator(other)}"${other === indicator ? html` aria-current="page"` : ''}>${INDICATOR_NAMES[other]}</a></li>`)}</ul></nav>`,
  });
}

/** Every destination from A to Z, with or without an advisory: the map's full text alternative. */
export function allDestinationsPage(snapshot: SiteSnapshot, links: SiteLinks): string {
  return listPage(links, {
    title: 'Destinations A–Z',
    section: 'destinations',
    href: links.destinations,
    intro: html`<p class="lede">Every country and territory, with its advisory level. ${snapshot.advised.length} of ${snapshot.destinations.length} have an advisory.</p>`,
    views: snapshot.destinations,
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
    : html`<p class="panel">No destination is on this list at the moment.</p>`}`;
  return layout({
    links,
    title: options.title,
    description: `${options.title}: ${count(options.views.length)}, with level, risks and date of the last change.`,
    href: options.href,
    section: options.section,
    main,
  });
}

function count(n: number): string {
  return n === 1 ? '1 destination' : `${n} destinations`;
}

/** Lower-level countries with areas at this level are not on the list; say so and name them. */
function regionalNote(snapshot: SiteSnapshot, level: Level, links: SiteLinks): SafeHtml {
  const partly = snapshot.advised.filter((view) => view.advisory!.level < level && view.advisory!.regions.some((region) => region.level === level));
  if (partly.length === 0) return html``;
  return html` Areas of ${partly.length === 1 ? 'one more destination are' : `${partly.length} more destinations are`} also at this level: ${partly.map(
    (view, i) => html`${i ? ', ' : ''}<a href="${links.destination(view.destination.slug)}">${view.destination.name}</a>`,
  )}.`;
}
