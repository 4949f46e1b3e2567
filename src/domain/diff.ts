import { diffWords } from 'diff';
import type { AdvisoryRevision } from './advisory.ts';
import { missionChanges, quickFactChanges, type ReaderChange } from './mission-diff.ts';
import type { Mission } from './missions.ts';
import type { QuickFacts } from './quick-facts.ts';

/** A run of words that both versions share, or that only the newer (insert) or older (delete) has. */
export interface WordChange {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export type FieldChange =
  | { field: string; kind: 'value'; from: unknown; to: unknown }
  | { field: string; kind: 'text'; words: WordChange[] };

/** Compares two texts word by word. */
export function wordDiff(from: string, to: string): WordChange[] {
  return diffWords(from, to).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
}

const VALUE_FIELDS = ['level', 'indicators', 'departureUrged', 'regions', 'changeType'] as const;

/**
 * What changed from `older` to `newer`, field by field: values for structured fields, word runs for
 * text (summary, change note and each section, matched by slug). Unchanged fields are left out.
 */
export function diffRevisions(older: AdvisoryRevision, newer: AdvisoryRevision): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of VALUE_FIELDS) {
    if (JSON.stringify(older[field]) !== JSON.stringify(newer[field])) {
      changes.push({ field, kind: 'value', from: older[field], to: newer[field] });
    }
  }
  // Missions and quick facts are content (docs/decisions/005-missions-in-advisories.md): compared as values, read by mission-diff.ts.
  if (JSON.stringify(older.missions ?? []) !== JSON.stringify(newer.missions ?? [])) {
    changes.push({ field: 'missions', kind: 'value', from: older.missions ?? [], to: newer.missions ?? [] });
  }
  if (JSON.stringify(older.quickFacts ?? null) !== JSON.stringify(newer.quickFacts ?? null)) {
    changes.push({ field: 'quickFacts', kind: 'value', from: older.quickFacts ?? null, to: newer.quickFacts ?? null });
  }
  const texts: [string, string, string][] = [
    ['summary', older.summary, newer.summary],
    ['changeNote', older.changeNote, newer.changeNote],
  ];
  const olderSections = new Map(older.sections.map((s) => [s.slug, s]));
  const newerSlugs = new Set(newer.sections.map((s) => s.slug));
  for (const section of newer.sections) {
    const before = olderSections.get(section.slug);
    texts.push([`sections.${section.slug}`, before ? `${before.title}\n\n${before.body}` : '', `${section.title}\n\n${section.body}`]);
  }
  for (const section of older.sections) {
    if (!newerSlugs.has(section.slug)) texts.push([`sections.${section.slug}`, `${section.title}\n\n${section.body}`, '']);
  }
  texts.push(...translationTexts(older, newer));
  for (const [field, from, to] of texts) {
    if (from !== to) changes.push({ field, kind: 'text', words: wordDiff(from, to) });
  }
  return changes;
}

/**
 * The changes a reader is shown: what changed in the advice. The change type (a notification
 * decision) and edits to the change note itself are the publisher's business, not the advice.
 */
const EDITORIAL_FIELDS: ReadonlySet<string> = new Set(['changeType', 'changeNote']);

export function adviceChanges(changes: readonly FieldChange[]): FieldChange[] {
  return changes.filter((change) => !EDITORIAL_FIELDS.has(change.field));
}

// ---- Side-by-side review (the console's diff view) ----

/** What the side-by-side view compares: an advisory's content, and optionally its change fields. */
export interface ComparableAdvisory {
  level: number;
  indicators: readonly string[];
  risks: readonly { indicator: string; text: string }[];
  regions: readonly { name: string; code?: string; level: number; indicators: readonly string[]; summary: string }[];
  departureUrged: boolean;
  summary: string;
  sections: readonly { slug: string; title: string; body: string }[];
  changeType?: string | null;
  changeNote?: string;
  nextReviewDue?: string | null;
  missions?: readonly Mission[];
  quickFacts?: QuickFacts | null;
}

const ASPECT_LABELS: Record<ReaderChange['aspect'], string> = { status: 'status', contacts: 'contacts', listed: 'listed', fact: '' };

/** A mission or quick-fact change as a row, in the words the public revision page uses (mission-diff.ts). */
function readerRow(kind: 'missions' | 'quickFacts', label: string, change: ReaderChange): SideBySideRow | null {
  const key = `${kind}.${change.subject.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${change.aspect}`;
  const aspect = ASPECT_LABELS[change.aspect];
  return row(key, `${label}: ${change.subject}${aspect ? ` (${aspect})` : ''}`, change.from || null, change.to || null);
}

/** One row of a side-by-side diff: the older text with its deletions, the newer with its insertions. */
export interface SideBySideRow {
  field: string;
  label: string;
  change: 'changed' | 'added' | 'removed';
  /** Runs of the older version: 'equal' and 'delete'. Empty when the field is new. */
  before: WordChange[];
  /** Runs of the newer version: 'equal' and 'insert'. Empty when the field was removed. */
  after: WordChange[];
  /** The whole word diff, both sides interleaved. */
  words: WordChange[];
}

const LEVEL_NAMES: Record<number, string> = { 1: 'Exercise Normal Precautions', 2: 'Exercise Increased Caution', 3: 'Reconsider Travel', 4: 'Do Not Travel' };
const INDICATOR_LABELS: Record<string, string> = {
  C: 'Crime', T: 'Terrorism', U: 'Civil Unrest', H: 'Health', N: 'Natural Disaster', E: 'Time-limited Event',
  K: 'Kidnapping or Hostage Taking', D: 'Wrongful Detention', O: 'Other',
};

const levelText = (level: number) => `Level ${level}: ${LEVEL_NAMES[level] ?? 'unknown'}`;
const indicatorText = (indicators: readonly string[]) => (indicators.length ? indicators.map((i) => INDICATOR_LABELS[i] ?? i).join(', ') : 'none');

function regionKey(region: ComparableAdvisory['regions'][number]): string {
  return region.code || region.name.trim().toLowerCase();
}

function regionText(region: ComparableAdvisory['regions'][number]): string {
  return `${region.name}${region.code ? ` (${region.code})` : ''}\n${levelText(region.level)}\nRisks: ${indicatorText(region.indicators)}\n\n${region.summary}`;
}

function row(field: string, label: string, from: string | null, to: string | null): SideBySideRow | null {
  if (from === to) return null;
  if (from === null || from === '') {
    const words: WordChange[] = to ? [{ op: 'insert', text: to }] : [];
    return { field, label, change: 'added', before: [], after: words, words };
  }
  if (to === null || to === '') {
    const words: WordChange[] = [{ op: 'delete', text: from }];
    return { field, label, change: 'removed', before: words, after: [], words };
  }
  const words = wordDiff(from, to);
  return {
    field,
    label,
    change: 'changed',
    before: words.filter((w) => w.op !== 'insert'),
    after: words.filter((w) => w.op !== 'delete'),
    words,
  };
}

/**
 * Every field that differs between `older` (null: nothing published yet) and `newer`, as text
 * a reviewer reads side by side: level, indicators, departure, risks, each region (matched by code
 * or name), the summary, each section (matched by slug), the section order, and the change fields.
 */
export function sideBySide(older: ComparableAdvisory | null, newer: ComparableAdvisory): SideBySideRow[] {
  const rows: (SideBySideRow | null)[] = [];
  const o = older;
  rows.push(row('level', 'Level', o ? levelText(o.level) : null, levelText(newer.level)));
  rows.push(row('departureUrged', 'Departure urged', o ? (o.departureUrged ? 'Yes: citizens there should leave now' : 'No') : null, newer.departureUrged ? 'Yes: citizens there should leave now' : 'No'));
  rows.push(row('indicators', 'Risk indicators', o ? indicatorText(o.indicators) : null, indicatorText(newer.indicators)));
  // Risks in indicator order (stable within one indicator), so regrouping them is not a change.
  const order = Object.keys(INDICATOR_LABELS);
  const risks = (a: ComparableAdvisory) => [...a.risks]
    .map((r, i) => ({ r, i }))
    .sort((x, y) => order.indexOf(x.r.indicator) - order.indexOf(y.r.indicator) || x.i - y.i)
    .map(({ r }) => `${INDICATOR_LABELS[r.indicator] ?? r.indicator}: ${r.text}`)
    .join('\n');
  rows.push(row('risks', 'Risks in the advisory\'s words', o ? risks(o) : null, risks(newer)));
  rows.push(row('summary', 'Summary', o ? o.summary : null, newer.summary));

  const olderRegions = new Map((o?.regions ?? []).map((r) => [regionKey(r), r]));
  const newerRegionKeys = new Set(newer.regions.map(regionKey));
  for (const region of newer.regions) {
    const before = olderRegions.get(regionKey(region));
    rows.push(row(`regions.${regionKey(region)}`, `Region: ${region.name}`, before ? regionText(before) : null, regionText(region)));
  }
  for (const region of o?.regions ?? []) {
    if (!newerRegionKeys.has(regionKey(region))) rows.push(row(`regions.${regionKey(region)}`, `Region: ${region.name}`, regionText(region), null));
  }

  const olderSections = new Map((o?.sections ?? []).map((s) => [s.slug, s]));
  const newerSlugs = new Set(newer.sections.map((s) => s.slug));
  for (const section of newer.sections) {
    const before = olderSections.get(section.slug);
    rows.push(row(`sections.${section.slug}`, `Section: ${section.title}`, before ? `${before.title}\n\n${before.body}` : null, `${section.title}\n\n${section.body}`));
  }
  for (const section of o?.sections ?? []) {
    if (!newerSlugs.has(section.slug)) rows.push(row(`sections.${section.slug}`, `Section: ${section.title}`, `${section.title}\n\n${section.body}`, null));
  }
  if (o) {
    const common = (list: ComparableAdvisory['sections'], other: Set<string>) => list.filter((s) => other.has(s.slug)).map((s) => s.slug);
    const olderOrder = common(o.sections, newerSlugs);
    const newerOrder = common(newer.sections, new Set(o.sections.map((s) => s.slug)));
    if (olderOrder.join('\n') !== newerOrder.join('\n')) {
      const titles = (list: ComparableAdvisory['sections']) => list.map((s, i) => `${i + 1}. ${s.title}`).join('\n');
      rows.push(row('sections.order', 'Order of sections', titles(o.sections), titles(newer.sections)));
    }
  }
  // Missions and quick facts (docs/decisions/005-missions-in-advisories.md): reviewers see what readers will.
  for (const change of missionChanges(o?.missions ?? [], newer.missions ?? [])) rows.push(readerRow('missions', 'Mission', change));
  for (const change of quickFactChanges(o?.quickFacts, newer.quickFacts)) rows.push(readerRow('quickFacts', 'Quick fact', change));
  // A draft's change note replaces the published one; a draft without a review date takes the default cycle.
  if (newer.changeNote) rows.push(row('changeNote', 'Change note', o?.changeNote ?? null, newer.changeNote));
  if (newer.nextReviewDue) rows.push(row('nextReviewDue', 'Next review', o?.nextReviewDue ?? null, newer.nextReviewDue));
  return rows.filter((r): r is SideBySideRow => r !== null);
}

/** Each translated summary and section as a text of its own ("translations.fr.summary", "translations.fr.sections.entry"). */
function translationTexts(older: AdvisoryRevision, newer: AdvisoryRevision): [string, string, string][] {
  const flat = (revision: AdvisoryRevision) => new Map(Object.entries(revision.translations ?? {}).flatMap(([lang, t]) => [
    [`translations.${lang}.summary`, t.summary],
    ...Object.entries(t.sections).map(([slug, s]) => [`translations.${lang}.sections.${slug}`, s.title ? `${s.title}\n\n${s.body}` : s.body] as const),
  ]));
  const before = flat(older);
  const after = flat(newer);
  const fields = [...new Set([...after.keys(), ...before.keys()])];
  return fields.map((field) => [field, before.get(field) ?? '', after.get(field) ?? '']);
}
