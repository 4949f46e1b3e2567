import type { RegionalAdvice } from '../../domain/advisory.ts';
import type { Destination } from '../../domain/destinations.ts';
import type { FieldChange, WordChange } from '../../domain/diff.ts';
import type { Indicator } from '../../domain/indicators.ts';
import type { Level } from '../../domain/levels.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Translator } from '../../i18n/translator.ts';
import { message } from '../html-messages.ts';
import { missionChanges, quickFactChanges, type ReaderChange } from '../../domain/mission-diff.ts';
import { readerWords } from './revision-words.ts';
import type { Mission } from '../../domain/missions.ts';
import type { QuickFacts } from '../../domain/quick-facts.ts';
import type { StoredRevision } from '../../publishing/revisions.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { renderMarkdown } from '../markdown.ts';
import { breadcrumbs, dateTag, indicatorName, levelBadge, levelName, nameOf } from './components.ts';
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
  const { tr } = links;
  const name = nameOf(links, destination);
  const title = tr.t('rev.title', { name, revision: revision.revision });
  const main = html`
${breadcrumbs(links, [
    { label: tr.t('site.destinations'), href: links.destinations },
    { label: name, href: links.destination(destination.slug) },
    { label: tr.t('dest.revision', { revision: revision.revision }) },
  ])}
<h1>${title}</h1>
<p class="dest-level">${levelBadge(revision.level, 'large', tr)}</p>
<p class="meta">${message(tr, 'rev.published', { date: dateTag(revision.publishedAt, undefined, tr), source: revision.source.authority })}</p>
${revision.changeNote ? html`<p class="lede">${revision.changeNote}</p>` : ''}
<section aria-labelledby="diff-title" class="panel">
${comparison ? comparisonSection(view, comparison, links) : html`<h2 id="diff-title">${tr.t('dest.whatChanged')}</h2><p>${tr.t('rev.first')}</p>`}
</section>
<section aria-labelledby="text-title">
<h2 id="text-title">${tr.t('rev.fullText', { revision: revision.revision })}</h2>
<div class="prose">${renderMarkdown(revision.summary)}</div>
${revision.sections.map((section) => html`<h3>${section.title}</h3><div class="prose">${renderMarkdown(section.body)}</div>`)}
</section>
<nav aria-labelledby="others-title" class="aside-box">
<h2 id="others-title">${tr.t('rev.others')}</h2>
<ul class="inline-list">${view.revisions.map((n) => (n === revision.revision
    ? html`<li aria-current="page">${tr.t('dest.revision', { revision: n })}</li>`
    : html`<li><a href="${links.revision(destination.slug, n)}">${tr.t('dest.revision', { revision: n })}</a></li>`))}</ul>
<p><a href="${links.destination(destination.slug)}">${tr.t('rev.current', { name })}</a></p>
</nav>`;
  return layout({
    links,
    title,
    description: tr.t('rev.description', { revision: revision.revision, name }),
    href: links.revision(destination.slug, revision.revision, comparison?.against.revision),
    section: 'destinations',
    main,
  });
}

function comparisonSection(view: RevisionView, comparison: NonNullable<RevisionView['comparison']>, links: SiteLinks): SafeHtml {
  const { against, changes } = comparison;
  const { tr } = links;
  const sectionTitles = new Map([...against.sections, ...view.revision.sections].map((s) => [`sections.${s.slug}`, s.title]));
  return html`<h2 id="diff-title">${tr.t('rev.changedSince', { revision: against.revision })}</h2>
<p class="small">${message(tr, 'rev.comparedWith', {
    link: html`<a href="${links.revision(view.destination.slug, against.revision)}">${tr.t('rev.revisionLink', { revision: against.revision })}</a>`,
    date: dateTag(against.publishedAt, undefined, tr),
    ins: html`<ins>${tr.t('rev.underlined')}</ins>`,
    del: html`<del>${tr.t('rev.struck')}</del>`,
  })}</p>
${changes.length === 0 ? html`<p>${tr.t('rev.nothing')}</p>` : html`<dl class="diff-list">${changes.map((change) => html`<div>
<dt>${fieldLabel(change.field, sectionTitles, view.revision, tr)}</dt>
<dd>${change.kind === 'text' ? wordRuns(change.words) : valueChange(change.field, change.from, change.to, tr)}</dd>
</div>`)}</dl>`}`;
}

function fieldLabel(field: string, sectionTitles: Map<string, string>, revision: StoredRevision, tr: Translator): string {
  // A translation's texts are fields of their own ("translations.fr.summary", "translations.fr.sections.entry", src/domain/diff.ts).
  const translated = /^translations\.([a-z]{2,3})\.(summary|sections\.(.+))$/.exec(field);
  if (translated) {
    const [, lang = '', inner = '', slug] = translated;
    const title = slug ? revision.translations?.[lang as Locale]?.sections[slug]?.title || sectionTitles.get(inner) || slug : tr.t('dest.summary');
    return tr.t('rev.field.translation', { field: title, language: new Intl.DisplayNames([tr.locale], { type: 'language' }).of(lang) ?? lang });
  }
  const labels: Record<string, MessageId> = {
    level: 'rev.field.level', indicators: 'rev.field.indicators', departureUrged: 'rev.field.departureUrged', regions: 'dest.regions',
    summary: 'dest.summary', missions: 'dest.missions', quickFacts: 'rev.field.quickFacts',
  };
  const id = labels[field];
  return id ? tr.t(id) : sectionTitles.get(field) ?? field;
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

function valueChange(field: string, from: unknown, to: unknown, tr: Translator): SafeHtml {
  const yesNo = (value: unknown) => tr.t(value ? 'rev.yes' : 'rev.no');
  const regionText = (region: RegionalAdvice) => tr.t('rev.regionLevel', { name: region.name, level: region.level });
  switch (field) {
    case 'level':
      return html`<del>${levelName(tr, from as Level)}</del> → <ins>${levelName(tr, to as Level)}</ins>`;
    case 'departureUrged':
      return html`<del>${yesNo(from)}</del> → <ins>${yesNo(to)}</ins>`;
    case 'indicators':
      return setChange((from as Indicator[]).map((c) => indicatorName(tr, c)), (to as Indicator[]).map((c) => indicatorName(tr, c)), tr);
    case 'regions':
      return setChange((from as RegionalAdvice[]).map(regionText), (to as RegionalAdvice[]).map(regionText), tr);
    case 'missions':
      return readerChanges(missionChanges(from as Mission[], to as Mission[], readerWords(tr)), tr);
    case 'quickFacts':
      return readerChanges(quickFactChanges(from as QuickFacts | null, to as QuickFacts | null, readerWords(tr)), tr);
    default:
      return html`<del>${String(from)}</del> → <ins>${String(to)}</ins>`;
  }
}

function setChange(before: string[], after: string[], tr: Translator): SafeHtml {
  const removed = before.filter((item) => !after.includes(item));
  const added = after.filter((item) => !before.includes(item));
  return html`<ul class="set-change">${removed.map((item) => html`<li>${message(tr, 'rev.removed', { item: html`<del>${item}</del>` })}</li>`)}${added.map((item) => html`<li>${message(tr, 'rev.added', { item: html`<ins>${item}</ins>` })}</li>`)}${
    removed.length + added.length === 0 ? html`<li>${tr.t('rev.sameEntries')}</li>` : ''}</ul>`;
}

/** Missions and quick facts, one line each: "Embassy in Moscow: <del>Operating</del> → <ins>Consular services suspended</ins>". */
function readerChanges(changes: readonly ReaderChange[], tr: Translator): SafeHtml {
  const none = (change: ReaderChange, listed: MessageId) => tr.t(change.aspect === 'fact' ? 'rev.notGiven' : listed);
  return html`<ul class="set-change">${changes.map((change) => html`<li>${message(tr, 'rev.labelled', {
    label: change.aspect === 'contacts' ? tr.t('rev.howToReach', { subject: change.subject }) : change.subject,
    text: html`${change.from ? html`<del>${change.from}</del>` : none(change, 'rev.newlyListed')} → ${change.to ? html`<ins>${change.to}</ins>` : none(change, 'rev.noLongerListed')}`,
  })}</li>`)}${
    changes.length === 0 ? html`<li>${tr.t('rev.sameOrder')}</li>` : ''}</ul>`;
}
