import { wordDiff, type SideBySideRow } from '../../domain/diff.ts';
import { INDICATOR_NAMES, INDICATORS } from '../../domain/indicators.ts';
import { LEVEL_LABELS, LEVELS, type Level } from '../../domain/levels.ts';
import type { Translator } from '../../i18n/translator.ts';
import { consoleLevelLabel } from './layout.ts';

/**
 * The side-by-side diff (src/domain/diff.ts) in the staff member's language: its row labels, and
 * the text it writes itself for the level, the departure call and the risk indicators. What
 * editors wrote (summaries, sections, risk texts) is shown as written.
 */

const ROW_LABELS: readonly [RegExp, (tr: Translator, match: RegExpExecArray) => string][] = [
  [/^Level$/, (tr) => tr.t('consoleEditorial.diff.label.level')],
  [/^Departure urged$/, (tr) => tr.t('consoleEditorial.diff.label.departureUrged')],
  [/^Risk indicators$/, (tr) => tr.t('consoleEditorial.diff.label.indicators')],
  [/^Risks in the advisory's words$/, (tr) => tr.t('consoleEditorial.diff.label.risks')],
  [/^Summary$/, (tr) => tr.t('consoleEditorial.diff.label.summary')],
  [/^Region: (.*)$/s, (tr, m) => tr.t('consoleEditorial.diff.label.region', { name: m[1] })],
  [/^Section: (.*)$/s, (tr, m) => tr.t('consoleEditorial.diff.label.section', { title: m[1] })],
  [/^Order of sections$/, (tr) => tr.t('consoleEditorial.diff.label.order')],
  [/^Mission: (.*)$/s, (tr, m) => tr.t('consoleEditorial.diff.label.mission', { subject: m[1] })],
  [/^Quick fact: (.*)$/s, (tr, m) => tr.t('consoleEditorial.diff.label.fact', { subject: m[1] })],
  [/^Change note$/, (tr) => tr.t('consoleEditorial.diff.label.changeNote')],
  [/^Next review$/, (tr) => tr.t('consoleEditorial.diff.label.nextReview')],
];

/** A row's label in the staff member's language; one this table does not know shows as written. */
export function rowLabel(tr: Translator, label: string): string {
  if (tr.locale === 'en') return label;
  for (const [pattern, text] of ROW_LABELS) {
    const match = pattern.exec(label);
    if (match) return text(tr, match);
  }
  return label;
}

const indicatorName = (tr: Translator, name: string) => {
  const code = INDICATORS.find((i) => INDICATOR_NAMES[i] === name);
  return code ? tr.t(`site.indicator.${code}`) : name;
};
const indicatorList = (tr: Translator, list: string) => (list === 'none' ? tr.t('console.none') : list.split(', ').map((name) => indicatorName(tr, name)).join(', '));
const LEVEL_TEXT = new RegExp(`^Level (\\d): (${LEVELS.map((l) => LEVEL_LABELS[l]).join('|')}|unknown)$`);

/** One line the diff wrote: "Level 4: Do Not Travel", "Risks: Crime, Health", "Crime: <risk text>". */
function line(tr: Translator, text: string, field: string): string {
  const level = LEVEL_TEXT.exec(text);
  if (level) return tr.t('console.levelLong', { level: level[1], label: consoleLevelLabel(tr, Number(level[1]) as Level) });
  if (field === 'departureUrged') return text === 'No' ? tr.t('consoleDrafts.facts.no') : text.startsWith('Yes') ? tr.t('consoleEditorial.diff.leaveNow') : text;
  if (field === 'indicators') return indicatorList(tr, text);
  if (field.startsWith('regions.') && text.startsWith('Risks: ')) return tr.t('consoleEditorial.diff.regionRisks', { list: indicatorList(tr, text.slice(7)) });
  const risk = field === 'risks' ? /^([^:]+): (.*)$/s.exec(text) : null;
  return risk ? `${indicatorName(tr, risk[1]!)}${tr.t('consoleEditorial.labelSeparator')}${risk[2]}` : text;
}

/** The text the diff wrote itself, in `tr`'s language, line by line (a region's summary passes through). */
const translated = (tr: Translator, text: string, field: string) => text.split('\n').map((l) => line(tr, l, field)).join('\n');

const GENERATED = /^(level|departureUrged|indicators|risks|regions\..*)$/s;

/** A row with the diff's own words translated, compared again word by word; other rows as they are. */
export function localRow(tr: Translator, row: SideBySideRow): SideBySideRow {
  if (tr.locale === 'en' || !GENERATED.test(row.field)) return row;
  const before = translated(tr, row.before.map((w) => w.text).join(''), row.field);
  const after = translated(tr, row.after.map((w) => w.text).join(''), row.field);
  if (row.change === 'added') return { ...row, after: [{ op: 'insert', text: after }], words: [{ op: 'insert', text: after }] };
  if (row.change === 'removed') return { ...row, before: [{ op: 'delete', text: before }], words: [{ op: 'delete', text: before }] };
  const words = wordDiff(before, after);
  return { ...row, before: words.filter((w) => w.op !== 'insert'), after: words.filter((w) => w.op !== 'delete'), words };
}
