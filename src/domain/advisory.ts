import { createHash } from 'node:crypto';
import type { Indicator } from './indicators.ts';
import { normaliseIndicators } from './indicators.ts';
import type { Level } from './levels.ts';
import type { Mission, QuickFacts } from './mission-types.ts';
import type { AdvisoryTranslations } from './translation-types.ts';

export type ChangeType = 'major' | 'minor';

/** Advice for part of a destination that differs from the country-wide level. */
export interface RegionalAdvice {
  name: string;
  /** ISO 3166-2 subdivision code where one exists. */
  code?: string;
  level: Level;
  indicators: Indicator[];
  summary: string;
}

/** One titled part of the advisory text (reasons, dual nationals, money, ...). Body is Markdown. */
export interface Section {
  slug: string;
  title: string;
  body: string;
}

/** A risk named by the advisory in its own words, with the indicator it maps to. */
export interface Risk {
  indicator: Indicator;
  text: string;
}

export interface Source {
  /** Who published this text: "Waypost" for our own editors, or an imported government feed. */
  authority: string;
  url?: string;
}

/** What an advisory says: everything an editor or an importer decides. */
export interface AdvisoryContent {
  level: Level;
  indicators: Indicator[];
  risks: Risk[];
  regions: RegionalAdvice[];
  departureUrged: boolean;
  summary: string;
  sections: Section[];
  /**
   * Embassies and consulates there (src/domain/missions.ts). Optional because importers never
   * carry them: an imported revision keeps the current revision's (src/sources/import.ts).
   */
  missions?: Mission[];
  /** Entry and money facts (src/domain/quick-facts.ts); null or absent = none given. */
  quickFacts?: QuickFacts | null;
  /**
   * The summary and sections in other languages (src/domain/advisory-translations.ts). Optional
   * because importers never carry them: an imported text is new, and its old translations are not of it.
   */
  translations?: AdvisoryTranslations | null;
}

/** One immutable published version of a destination's advisory. */
export interface AdvisoryRevision extends AdvisoryContent {
  code: string;
  /** 1-based, per destination; never reused. */
  revision: number;
  changeType: ChangeType;
  changeNote: string;
  /** RFC 3339. Imported advisories keep the publisher's local date. */
  publishedAt: string;
  reviewedAt: string;
  /** Calendar date (YYYY-MM-DD) of the next periodic review. */
  nextReviewDue: string | null;
  source: Source;
}

/** The number the next revision of a destination gets: one past the highest ever used. */
export function nextRevisionNumber(highestSoFar: number | null | undefined): number {
  return (highestSoFar ?? 0) + 1;
}

/**
 * Puts content in canonical form (indicator order, trimmed text) so that two revisions that say
 * the same thing compare equal however they were typed or imported.
 */
export function canonicalContent(content: AdvisoryContent): AdvisoryContent {
  return {
    level: content.level,
    indicators: normaliseIndicators(content.indicators),
    risks: content.risks.map((risk) => ({ indicator: risk.indicator, text: risk.text.trim() })),
    regions: content.regions.map((region) => ({
      name: region.name.trim(),
      ...(region.code ? { code: region.code } : {}),
      level: region.level,
      indicators: normaliseIndicators(region.indicators),
      summary: region.summary.trim(),
    })),
    departureUrged: content.departureUrged,
    summary: content.summary.trim(),
    sections: content.sections.map((section) => ({
      slug: section.slug,
      title: section.title.trim(),
      body: section.body.trim(),
    })),
    // Only when given, so advice without them canonicalises (and fingerprints) as it always did.
    ...(content.missions?.length ? { missions: content.missions } : {}),
    ...(content.quickFacts ? { quickFacts: content.quickFacts } : {}),
    ...(hasTranslations(content.translations) ? { translations: content.translations } : {}),
  };
}

function hasTranslations(translations: AdvisoryTranslations | null | undefined): translations is AdvisoryTranslations {
  return Boolean(translations && Object.keys(translations).length);
}

/** A stable fingerprint of what a revision says and when it was published. */
export function contentFingerprint(content: AdvisoryContent, changeNote: string, publishedAt: string): string {
  // The advice alone: an importer compares a feed item with it, and feeds carry no missions or quick facts.
  const { missions: _missions, quickFacts: _facts, translations: _translations, ...advice } = canonicalContent(content);
  const canonical = JSON.stringify([advice, changeNote.trim(), publishedAt]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Turns a heading into a URL-safe section slug ("Debit and credit cards" → "debit-and-credit-cards"). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Next periodic review: six months for Levels 3–4, a year for Levels 1–2 (the State Department's cycle). */
export function defaultNextReviewDue(level: Level, reviewedOn: string): string {
  const date = new Date(`${reviewedOn.slice(0, 10)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + (level >= 3 ? 6 : 12));
  return date.toISOString().slice(0, 10);
}

/**
 * Whether a publication's messages go out first: a call to leave, or Level 4 anywhere in it. A
 * Level 4 area of a Level 3 destination (Gaza in the Palestinian Territories) is as urgent for the
 * people there as a Level 4 country.
 */
export function isUrgentContent(content: Pick<AdvisoryContent, 'level' | 'departureUrged' | 'regions'>): boolean {
  return content.departureUrged || content.level === 4 || content.regions.some((r) => r.level === 4);
}
