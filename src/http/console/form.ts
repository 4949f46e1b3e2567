import type { ComparableAdvisory } from '../../domain/diff.ts';
import { INDICATORS, isIndicator, type Indicator } from '../../domain/indicators.ts';
import type { DraftFields } from '../../domain/draft-fields.ts';
import { all, formText, type FormBody } from '../forms.ts';
import { translationsFromForm, translationsModel, translationsPatch, type TranslationsModel } from './translations-form.ts';
import { missionModels, missionsFromForm, missionsPatch, quickFactsFromForm, quickFactsModel, quickFactsPatch, type MissionModel, type QuickFactsModel } from './missions-form.ts';

/**
 * The draft editor form, as the browser sends it (application/x-www-form-urlencoded), and the
 * model it is rendered from. The model keeps what was typed as typed, so a refused save, a preview
 * or a conflict shows the form exactly as the editor left it. The rules themselves are not here:
 * the model becomes the same JSON patch the staff API takes, and the publishing service checks it.
 *
 * Sections are an ordered list that works without JavaScript: each has a position number, and
 * ↑/↓ buttons that save and move; a blank section and a blank region at the end add new ones.
 */

export interface SectionModel {
  slug: string;
  title: string;
  body: string;
}

export interface RegionModel {
  name: string;
  code: string;
  level: string;
  indicators: string[];
  summary: string;
}

export interface EditorModel {
  /** The draft version the form was loaded from (the If-Match of the console). */
  version: number;
  level: string;
  indicators: string[];
  /** Risk texts per indicator, one risk per line. */
  risks: Record<string, string>;
  departureUrged: boolean;
  summary: string;
  sections: SectionModel[];
  regions: RegionModel[];
  missions: MissionModel[];
  quickFacts: QuickFactsModel;
  translations: TranslationsModel;
  changeType: string;
  changeNote: string;
  nextReviewDue: string;
}

export function modelFromDraft(draft: DraftFields & { version: number }): EditorModel {
  const risks: Record<string, string> = {};
  for (const risk of draft.risks) risks[risk.indicator] = risks[risk.indicator] ? `${risks[risk.indicator]}\n${risk.text}` : risk.text;
  return {
    version: draft.version,
    level: String(draft.level),
    indicators: [...draft.indicators],
    risks,
    departureUrged: draft.departureUrged,
    summary: draft.summary,
    sections: draft.sections.map((s) => ({ ...s })),
    regions: draft.regions.map((r) => ({ name: r.name, code: r.code ?? '', level: String(r.level), indicators: [...r.indicators], summary: r.summary })),
    missions: missionModels(draft.missions ?? []),
    quickFacts: quickFactsModel(draft.quickFacts),
    translations: translationsModel(draft.translations),
    changeType: draft.changeType ?? '',
    changeNote: draft.changeNote,
    nextReviewDue: draft.nextReviewDue ?? '',
  };
}

/** What the form's buttons asked for. */
export type EditorOp = { kind: 'save' } | { kind: 'preview' } | { kind: 'move'; index: number; by: -1 | 1 };

export function readOp(body: FormBody): EditorOp {
  const op = formText(body.op);
  const move = /^(up|down):(\d{1,3})$/.exec(op);
  if (move) return { kind: 'move', index: Number(move[2]), by: move[1] === 'up' ? -1 : 1 };
  if (op === 'preview') return { kind: 'preview' };
  return { kind: 'save' };
}

const MAX_BLOCKS = 200;

function count(body: FormBody, name: string): number {
  const n = Number(formText(body[name]));
  return Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_BLOCKS) : 0;
}

/**
 * Reads the editor form into a model: sections in the order of their position numbers (ties keep
 * their order), removed ones and empty new ones left out, then a ↑/↓ move applied.
 */
export function modelFromForm(body: FormBody, op: EditorOp = readOp(body)): EditorModel {
  const risks: Record<string, string> = {};
  for (const indicator of INDICATORS) {
    const text = formText(body[`risk_${indicator}`]).replace(/\r\n?/g, '\n').trim();
    if (text) risks[indicator] = text;
  }
  const sections: (SectionModel & { position: number; index: number })[] = [];
  for (let i = 0; i < count(body, 'sections_count'); i++) {
    const section = { slug: formText(body[`s${i}_slug`]).trim(), title: formText(body[`s${i}_title`]), body: formText(body[`s${i}_body`]) };
    if (formText(body[`s${i}_remove`])) continue;
    if (!section.slug && !section.title.trim() && !section.body.trim()) continue;
    const position = Number(formText(body[`s${i}_pos`]));
    sections.push({ ...section, position: Number.isFinite(position) ? position : i + 1, index: i });
  }
  sections.sort((a, b) => a.position - b.position || a.index - b.index);
  if (op.kind === 'move') {
    const at = sections.findIndex((s) => s.index === op.index);
    const to = at + op.by;
    if (at >= 0 && to >= 0 && to < sections.length) [sections[at], sections[to]] = [sections[to]!, sections[at]!];
  }
  const regions: RegionModel[] = [];
  for (let i = 0; i < count(body, 'regions_count'); i++) {
    if (formText(body[`r${i}_remove`])) continue;
    const region = {
      name: formText(body[`r${i}_name`]),
      code: formText(body[`r${i}_code`]).trim(),
      level: formText(body[`r${i}_level`]),
      indicators: all(body[`r${i}_ind`]),
      summary: formText(body[`r${i}_summary`]),
    };
    if (!region.name.trim() && !region.code && !region.summary.trim()) continue;
    regions.push(region);
  }
  return {
    version: Number(formText(body.version)) || 0,
    level: formText(body.level),
    indicators: all(body.indicators),
    risks,
    departureUrged: formText(body.departureUrged) === 'yes',
    summary: formText(body.summary),
    sections: sections.map(({ slug, title, body: text }) => ({ slug, title, body: text })),
    regions,
    missions: missionsFromForm(body),
    quickFacts: quickFactsFromForm(body),
    translations: translationsFromForm(body, sections.map((s) => s.slug).filter(Boolean)),
    changeType: formText(body.changeType),
    changeNote: formText(body.changeNote),
    nextReviewDue: formText(body.nextReviewDue).trim(),
  };
}

/** Where each risk of the patch came from (for putting its error next to the right text box). */
export function riskIndicators(model: EditorModel): string[] {
  return INDICATORS.flatMap((indicator) => (model.risks[indicator] ?? '').split('\n').filter((line) => line.trim()).map(() => indicator));
}

function number(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}

/** The model as the JSON patch the staff API takes: one set of rules checks both. */
export function patchFromModel(model: EditorModel): Record<string, unknown> {
  return {
    level: number(model.level),
    indicators: model.indicators,
    risks: INDICATORS.flatMap((indicator) =>
      (model.risks[indicator] ?? '').split('\n').map((line) => line.trim()).filter(Boolean).map((text) => ({ indicator, text }))),
    departureUrged: model.departureUrged,
    summary: model.summary,
    sections: model.sections.map((s) => ({ ...(s.slug ? { slug: s.slug } : {}), title: s.title, body: s.body })),
    regions: model.regions.map((r) => ({ name: r.name, ...(r.code ? { code: r.code } : {}), level: number(r.level), indicators: r.indicators, summary: r.summary })),
    missions: missionsPatch(model.missions),
    quickFacts: quickFactsPatch(model.quickFacts),
    translations: translationsPatch(model.translations, model.sections.map((s) => s.slug).filter(Boolean)),
    // Anything but major/minor (a forged form) reaches the rules as typed and is refused there.
    changeType: model.changeType || null,
    changeNote: model.changeNote,
    nextReviewDue: model.nextReviewDue || null,
  };
}

/** The model as something the side-by-side diff can read, however incomplete (a conflict page shows it as typed). */
export function comparableFromModel(model: EditorModel): ComparableAdvisory {
  const level = Number(model.level);
  return {
    level: Number.isInteger(level) ? level : 0,
    indicators: model.indicators.filter(isIndicator),
    risks: INDICATORS.flatMap((indicator: Indicator) =>
      (model.risks[indicator] ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((text) => ({ indicator, text }))),
    regions: model.regions.map((r) => ({ name: r.name, ...(r.code ? { code: r.code.toUpperCase() } : {}), level: Number(r.level) || 0, indicators: r.indicators, summary: r.summary.trim() })),
    departureUrged: model.departureUrged,
    summary: model.summary.replace(/\r\n?/g, '\n').trim(),
    sections: model.sections.map((s, i) => ({ slug: s.slug || `new-${i + 1}`, title: s.title.trim(), body: s.body.replace(/\r\n?/g, '\n').trim() })),
    changeType: model.changeType || null,
    changeNote: model.changeNote.trim(),
    nextReviewDue: model.nextReviewDue || null,
  };
}
