import type { RegionalAdvice } from '../../domain/advisory.ts';
import type { Destination } from '../../domain/destinations.ts';
import type { FieldChange, WordChange } from '../../domain/diff.ts';
import { INDICATOR_NAMES, type Indicator } from '../../domain/indicators.ts';
import { levelLabel, type Level } from '../../domain/levels.ts';
import { missionChanges, quickFactChanges, type ReaderChange } from '../../domain/mission-diff.ts';
import type { Mission } from '../../domain/missions.ts';
import type { QuickFacts } from '../../domain/quick-facts.ts';
import type { StoredRevision } from '../../publishing/revisions.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { renderMarkdown } from '../markdown.ts';
import { breadcrumbs, dateTag, levelBadge } from './components.ts';
import { layout } from './layout.ts';

export interface RevisionView {
  destination: Destination;
  revision: StoredRevision;
  /** The revision compared with and what changed since it; null for a first revision. */
  comparison: { against: StoredRevision; changes: FieldChange[] } | null;
  /** Every revision number of the destination, newest first, for links to the others. */
  revisions: number[];
}

/**
 * One revision of an advisory and what changed since another: structured fields before and
 * after, and texts word by word, with insertions in <ins> and deletions in <del>.
 */
export function revisionPage(view: RevisionView, links: SiteLinks): string {
  const { destination, revision, comparison } = view;
  const title = `${destination.name}: revision ${revision.revision}`;
  const main = html`
${breadcrumbs(links, [
    { label: 'Destinations', href: links.destinations },
    { label: destination.name, href: links.destination(destination.slug) },
    { label: `Revision ${revision.revision}` },
  ])}
<h1>${title}</h1>
<p class="dest-level">${levelBadge(revision.level, 'large')}</p>
<p class="meta">Published ${dateTag(revision.publishedAt)} · Source: ${revision.source.authority}</p>
${revision.changeNote ? html`<p class="lede">${revision.changeNote}</p>` : ''}
<section aria-labelledby="diff-title" class="panel">
${comparison ? comparisonSection(view, comparison, links) : html`<h2 id="diff-title">What changed</h2><p>This is the first revision published here; there is nothing earlier to compare it with.</p>`}
</section>
<section aria-labelledby="text-title">
<h2 id="text-title">Full text of revision ${revision.revision}</h2>
<div class="prose">${renderMarkdown(revision.summary)}</div>
${revision.sections.map((section) => html`<h3>${section.title}</h3><div class="prose">${renderMarkdown(section.body)}</div>`)}
</section>
<nav aria-labelledby="others-title" class="aside-box">
<h2 id="others-title">Other revisions</h2>
<ul class="inline-list">${view.revisions.map((n) => (n === revision.revision
    ? html`<li aria-current="page">Revision ${n}</li>`
    : html`<li><a href="${links.revision(destination.slug, n)}">Revision ${n}</a></li>`))}</ul>
<p><a href="${links.destination(destination.slug)}">The current advisory for ${destination.name}</a></p>
</nav>`;
  return layout({
    links,
    title,
    description: `Revision ${revision.revision} of the travel advisory for ${destination.name}, and what changed.`,
    href: links.revision(destination.slug, revision.revision, comparison?.against.revision),
    section: 'destinations',
    main,
  });
}

function comparisonSection(view: RevisionView, comparison: NonNullable<RevisionView['comparison']>, links: SiteLinks): SafeHtml {
  const { against, changes } = comparison;
  const sectionTitles = new Map([...against.sections, ...view.revision.sections].map((s) => [`sections.${s.slug}`, s.title]));
  return html`<h2 id="diff-title">What changed since revision ${against.revision}</h2>
<p class="small">Compared with <a href="${links.revision(view.destination.slug, against.revision)}">revision ${against.revision}</a> of ${dateTag(against.publishedAt)}. Added words are <ins>underlined</ins>, removed words <del>struck through</del>.</p>
${changes.length === 0 ? html`<p>Nothing changed.</p>` : html`<dl class="diff-list">${changes.map((change) => html`<div>
<dt>${fieldLabel(change.field, sectionTitles)}</dt>
<dd>${change.kind === 'text' ? wordRuns(change.words) : valueChange(change.field, change.from, change.to)}</dd>
</div>`)}</dl>`}`;
}

function fieldLabel(field: string, sectionTitles: Map<string, string>): string {
  const labels: Record<string, string> = {
    level: 'Level', indicators: 'Risk indicators', departureUrged: 'Departure urged', regions: 'Regional advice',
    summary: 'Summary', missions: 'Embassies and consulates', quickFacts: 'Quick facts',
  };
  return labels[field] ?? sectionTitles.get(field) ?? field;
}

/**
 * Word runs of a text field. Long unchanged stretches are cut to their edges around the changes
 * (a whole advisory otherwise buries a two-word edit), and Markdown emphasis and list markers are
 * shown as reading text; the API's diff keeps the exact source.
 */
function wordRuns(words: readonly WordChange[]): SafeHtml {
  return html`<div class="diff-text">${words.map((word, i) => {
    const text = readable(word.text);
    if (word.op === 'insert') return html`<ins>${text}</ins>`;
    if (word.op === 'delete') return html`<del>${text}</del>`;
    return shortened(text, i > 0, i < words.length - 1);
  })}</div>`;
}

const CONTEXT = 160;

function shortened(text: string, changeBefore: boolean, changeAfter: boolean): string {
  if (text.length <= CONTEXT * 2 + 40) return text;
  const head = changeBefore ? text.slice(0, CONTEXT).replace(/\S*$/, '') : '';
  const tail = changeAfter ? text.slice(-CONTEXT).replace(/^\S*/, '') : '';
  return `${head} … ${tail}`;
}

function readable(markdown: string): string {
  return markdown.replace(/\*\*|__/g, '').replace(/^(\s*)[-*+]\s+/gm, '$1• ');
}

function valueChange(field: string, from: unknown, to: unknown): SafeHtml {
  switch (field) {
    case 'level':
      return html`<del>${levelText(from as Level)}</del> → <ins>${levelText(to as Level)}</ins>`;
    case 'departureUrged':
      return html`<del>${from ? 'Yes' : 'No'}</del> → <ins>${to ? 'Yes' : 'No'}</ins>`;
    case 'indicators':
      return setChange((from as Indicator[]).map((c) => INDICATOR_NAMES[c]), (to as Indicator[]).map((c) => INDICATOR_NAMES[c]));
    case 'regions':
      return setChange((from as RegionalAdvice[]).map(regionText), (to as RegionalAdvice[]).map(regionText));
    case 'missions':
      return readerChanges(missionChanges(from as Mission[], to as Mission[]));
    case 'quickFacts':
      return readerChanges(quickFactChanges(from as QuickFacts | null, to as QuickFacts | null));
    default:
      return html`<del>${String(from)}</del> → <ins>${String(to)}</ins>`;
  }
}

const levelText = (level: Level) => `Level ${level}: ${levelLabel(level)}`;
const regionText = (region: RegionalAdvice) => `${region.name} (Level ${region.level})`;

function setChange(before: string[], after: string[]): SafeHtml {
  const removed = before.filter((item) => !after.includes(item));
  const added = after.filter((item) => !before.includes(item));
  return html`<ul class="set-change">${removed.map((item) => html`<li>Removed: <del>${item}</del></li>`)}${added.map((item) => html`<li>Added: <ins>${item}</ins></li>`)}${
    removed.length + added.length === 0 ? html`<li>The same entries and levels, with changed wording.</li>` : ''}</ul>`;
}

/** Missions and quick facts, one line each: "Embassy in Moscow: <del>Operating</del> → <ins>Consular services suspended</ins>". */
function readerChanges(changes: readonly ReaderChange[]): SafeHtml {
  const none = (change: ReaderChange, listed: string) => (change.aspect === 'fact' ? 'not given' : listed);
  return html`<ul class="set-change">${changes.map((change) => html`<li>${change.subject}${change.aspect === 'contacts' ? ', how to reach it' : ''}: ${
    change.from ? html`<del>${change.from}</del>` : none(change, 'newly listed')} → ${change.to ? html`<ins>${change.to}</ins>` : none(change, 'no longer listed')}</li>`)}${
    changes.length === 0 ? html`<li>The same entries, in a different order.</li>` : ''}</ul>`;
}
