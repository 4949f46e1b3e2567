import type { RegionalAdvice, Risk, Section } from './advisory.ts';
import { slugify } from './advisory.ts';
import { INDICATORS, isIndicator, normaliseIndicators, type Indicator } from './indicators.ts';
import { isLevel, type Level } from './levels.ts';
import type { DraftFields, DraftPatch, FieldError } from './draft-fields.ts';
import { readMissions } from './mission-input.ts';
import { readQuickFacts } from './quick-facts.ts';
import { checkTranslations, readTranslations } from './advisory-translations.ts';

/**
 * What a draft may contain, read from untrusted input (API JSON, or the console form turned into
 * the same shape): types, ranges, known letters and codes, and the rules across fields checked on
 * every save. The workflow (src/domain/workflow.ts) decides who may do what with a valid draft.
 */

export const LIMITS = {
  summary: 20_000,
  sectionBody: 100_000,
  sections: 60,
  regions: 100,
  risks: 60,
  title: 200,
  regionSummary: 10_000,
  riskText: 2_000,
  changeNote: 2_000,
  comment: 2_000,
} as const;

/** Fields a client may send back unchanged from a GET; they are ignored, never written. */
const READ_ONLY = new Set([
  'id', 'code', 'name', 'status', 'comment', 'authorId', 'updatedBy', 'submittedBy', 'approvedBy', 'scheduledBy',
  'publishedBy', 'version', 'baseRevision', 'publishAt', 'publishedRevision', 'createdAt', 'updatedAt', 'publishedAt', 'levelLabel',
  'approvedVersion', 'contributors', 'derivedChangeType', 'mandatoryChanges',
]);

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SUBDIVISION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const INDICATOR_LIST = INDICATORS.join(', ');

function text(value: string): string {
  // Browsers send CRLF from textareas; store one kind of line end, no trailing blanks.
  return value.replace(/\r\n?/g, '\n').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readText(input: unknown, field: string, max: number, errors: FieldError[], required = false): string | undefined {
  if (typeof input !== 'string') {
    errors.push({ field, message: 'must be text' });
    return undefined;
  }
  const value = text(input);
  if (required && !value) errors.push({ field, message: 'is required' });
  if (value.length > max) errors.push({ field, message: `is too long (at most ${max.toLocaleString('en')} characters)` });
  return value;
}

function readLevel(input: unknown, field: string, errors: FieldError[]): Level | undefined {
  if (isLevel(input)) return input;
  errors.push({ field, message: 'must be a level from 1 to 4' });
  return undefined;
}

/** A short, safe rendering of what a client sent: String() throws on {"toString": 1}. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 10));
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function readIndicators(input: unknown, field: string, errors: FieldError[]): Indicator[] | undefined {
  if (!Array.isArray(input)) {
    errors.push({ field, message: 'must be a list of indicator letters' });
    return undefined;
  }
  const unknown = input.filter((value) => !isIndicator(value));
  if (unknown.length) {
    errors.push({ field, message: `unknown indicator ${unknown.map(describeValue).join(', ')}: use ${INDICATOR_LIST}` });
    return undefined;
  }
  return normaliseIndicators(input as Indicator[]);
}

/** Reads one field's value: what to write into the patch, or undefined (refused; the reason is in `errors`). */
type FieldReader<K extends keyof DraftPatch> = (value: unknown, errors: FieldError[]) => DraftPatch[K] | undefined;

/** One reader per field of a draft; a key not here is read-only (ignored) or unknown (an error). */
const READERS: { [K in keyof DraftPatch]-?: FieldReader<K> } = {
  level: (value, errors) => readLevel(value, 'level', errors),
  indicators: (value, errors) => readIndicators(value, 'indicators', errors),
  risks: readRisks,
  regions: readRegions,
  departureUrged(value, errors) {
    if (typeof value === 'boolean') return value;
    errors.push({ field: 'departureUrged', message: 'must be true or false' });
    return undefined;
  },
  summary: (value, errors) => readText(value, 'summary', LIMITS.summary, errors),
  sections: readSections,
  missions: (value, errors) => readMissions(value, errors),
  quickFacts: (value, errors) => readQuickFacts(value, errors),
  translations: (value, errors) => readTranslations(value, errors),
  changeType(value, errors) {
    if (value === 'major' || value === 'minor' || value === null) return value;
    errors.push({ field: 'changeType', message: 'must be "major" or "minor"' });
    return undefined;
  },
  changeNote: (value, errors) => readText(value ?? '', 'changeNote', LIMITS.changeNote, errors),
  nextReviewDue(value, errors) {
    if (value === null || value === '') return null;
    if (typeof value === 'string' && isCalendarDate(value.trim())) return value.trim();
    errors.push({ field: 'nextReviewDue', message: 'must be a date like 2026-04-30, or empty' });
    return undefined;
  },
};

/**
 * Reads a draft's fields from untrusted input (API JSON, or the console form turned into the same
 * shape): types, ranges and known letters. Fields not sent are left out of the patch; read-only
 * fields a client echoes back are ignored; anything else is an error. Fields are read in the order
 * sent, which is the order of the messages.
 */
export function parseDraftPatch(input: unknown): { patch: DraftPatch; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const patch: Record<string, unknown> = {};
  if (!isRecord(input)) return { patch, errors: [{ field: '', message: 'must be a JSON object of draft fields' }] };
  for (const [key, value] of Object.entries(input)) {
    // Own keys only: "__proto__" or "constructor" sent as a field must not find Object's.
    if (!Object.hasOwn(READERS, key)) {
      if (!READ_ONLY.has(key)) errors.push({ field: key, message: 'is not a field of a draft' });
      continue;
    }
    const read = READERS[key as keyof DraftPatch] as FieldReader<keyof DraftPatch>;
    const field = read(value, errors);
    if (field !== undefined) patch[key] = field;
  }
  return { patch: patch as DraftPatch, errors };
}

/** A list of at most `max` items, each read by `readItem` (undefined: refused, with its reasons in `errors`). */
function readList<T>(value: unknown, field: string, max: number, items: string, errors: FieldError[], readItem: (item: unknown, at: string) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > max) {
    errors.push({ field, message: `must be a list of at most ${max} ${items}` });
    return undefined;
  }
  return value.flatMap((item, i) => {
    const read = readItem(item, `${field}.${i}`);
    return read === undefined ? [] : [read];
  });
}

function readRisks(value: unknown, errors: FieldError[]): Risk[] | undefined {
  return readList(value, 'risks', LIMITS.risks, '{ indicator, text }', errors, (risk, at) => {
    if (!isRecord(risk)) return void errors.push({ field: at, message: 'must be { indicator, text }' });
    if (!isIndicator(risk.indicator)) return void errors.push({ field: `${at}.indicator`, message: `unknown indicator: use ${INDICATOR_LIST}` });
    const riskText = readText(risk.text, `${at}.text`, LIMITS.riskText, errors, true);
    return riskText ? { indicator: risk.indicator, text: riskText } : undefined;
  });
}

function readRegions(value: unknown, errors: FieldError[]): RegionalAdvice[] | undefined {
  return readList(value, 'regions', LIMITS.regions, 'regions', errors, (region, at) => {
    if (!isRecord(region)) return void errors.push({ field: at, message: 'must be { name, code?, level, indicators, summary }' });
    const count = errors.length;
    const name = readText(region.name, `${at}.name`, LIMITS.title, errors, true);
    let code: string | undefined;
    if (region.code !== undefined && region.code !== null) {
      if (typeof region.code !== 'string') errors.push({ field: `${at}.code`, message: 'must be text' });
      else code = region.code.trim().toUpperCase() || undefined;
    }
    const level = readLevel(region.level, `${at}.level`, errors);
    const indicators = readIndicators(region.indicators ?? [], `${at}.indicators`, errors);
    const summary = readText(region.summary ?? '', `${at}.summary`, LIMITS.regionSummary, errors);
    refuseExtraKeys(region, ['name', 'code', 'level', 'indicators', 'summary'], at, 'region', errors);
    return errors.length === count ? { name: name!, ...(code ? { code } : {}), level: level!, indicators: indicators!, summary: summary! } : undefined;
  });
}

function readSections(value: unknown, errors: FieldError[]): Section[] | undefined {
  const sections = readList(value, 'sections', LIMITS.sections, 'sections', errors, (section, at) => {
    if (!isRecord(section)) return void errors.push({ field: at, message: 'must be { slug, title, body }' });
    const count = errors.length;
    const title = readText(section.title, `${at}.title`, LIMITS.title, errors, true);
    const body = readText(section.body ?? '', `${at}.body`, LIMITS.sectionBody, errors);
    let slug = '';
    if (section.slug !== undefined && section.slug !== null && section.slug !== '') {
      if (typeof section.slug !== 'string' || !SLUG.test(section.slug) || section.slug.length > 80) {
        errors.push({ field: `${at}.slug`, message: 'must be lower-case letters, digits and hyphens, like "dual-nationals"' });
      } else slug = section.slug;
    }
    refuseExtraKeys(section, ['slug', 'title', 'body'], at, 'section', errors);
    return errors.length === count ? { slug, title: title!, body: body! } : undefined;
  });
  return sections && uniqueSlugs(sections);
}

function refuseExtraKeys(item: Record<string, unknown>, known: string[], at: string, what: string, errors: FieldError[]): void {
  for (const extra of Object.keys(item)) {
    if (!known.includes(extra)) errors.push({ field: `${at}.${extra}`, message: `is not a field of a ${what}` });
  }
}

/** Gives sections without a slug one made from the title, unique within the advisory ("dual-citizenship-2"). */
export function uniqueSlugs(sections: Section[]): Section[] {
  const taken = new Set(sections.map((s) => s.slug).filter(Boolean));
  return sections.map((section) => {
    if (section.slug) return section;
    const base = slugify(section.title) || 'section';
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return { ...section, slug };
  });
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export interface CheckContext {
  /** The destination's ISO 3166-1 alpha-2 code. */
  code: string;
  /** The ISO 3166-2 subdivision codes of a country (empty when it has none). */
  subdivisions: (country: string) => readonly string[];
}

/**
 * Rules across fields, checked on every save: region codes are the destination's ISO 3166-2
 * subdivisions, slugs and region codes are unique, every risk belongs to a ticked indicator, and a
 * major change carries a public change note.
 */
export function checkDraft(fields: DraftFields, context: CheckContext): FieldError[] {
  const errors: FieldError[] = [];
  const codes = new Set<string>();
  fields.regions.forEach((region, i) => {
    if (!region.code) return;
    const known = context.subdivisions(context.code);
    if (!SUBDIVISION.test(region.code) || region.code.slice(0, 2) !== context.code || !known.includes(region.code)) {
      const example = known[0] ? ` such as ${known[0]}` : '';
      errors.push({
        field: `regions.${i}.code`,
        message: `unknown region "${region.code.slice(0, 12)}": give an ISO 3166-2 code of this destination${example}, or leave the code empty for a named area`,
      });
    } else if (codes.has(region.code)) {
      errors.push({ field: `regions.${i}.code`, message: `region ${region.code} is listed twice` });
    }
    codes.add(region.code);
  });
  const slugs = new Set<string>();
  fields.sections.forEach((section, i) => {
    if (slugs.has(section.slug)) errors.push({ field: `sections.${i}.slug`, message: `another section already uses the slug "${section.slug}"` });
    slugs.add(section.slug);
  });
  const ticked = new Set(fields.indicators);
  fields.risks.forEach((risk, i) => {
    if (!ticked.has(risk.indicator)) errors.push({ field: `risks.${i}.indicator`, message: `describes indicator ${risk.indicator}, which is not ticked: tick it or remove the text` });
  });
  // Translated sections must be the original's, as they are after this save.
  errors.push(...checkTranslations(fields.translations ?? undefined, fields.sections));
  if (fields.changeType === 'major' && !fields.changeNote.trim()) {
    errors.push({ field: 'changeNote', message: 'a major change needs a public change note: say in a sentence what changed' });
  }
  return errors;
}
