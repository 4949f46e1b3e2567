import { LOCALES, type Locale } from '../i18n/locales.ts';
import type { Section } from './advisory.ts';
import type { FieldError } from './draft-fields.ts';
import type { AdvisoryTranslation, AdvisoryTranslations, TranslatedSection } from './translation-types.ts';

/**
 * Translations of an advisory's text (issue 16): per language, a translated summary and
 * translated sections keyed by the original's section slugs. They are part of the advisory's
 * content (like missions, docs/decisions/005-missions-in-advisories.md), so they are edited in the
 * draft, approved and published with it, and kept with each revision. A section left out falls
 * back to the original; readers are told so (src/http/pages/advisory-text.ts). This file reads
 * them from untrusted input and checks them against the original; no I/O.
 */

export type { AdvisoryTranslation, AdvisoryTranslations, TranslatedSection } from './translation-types.ts';

/** The language advisories are written in: our editors' and every imported government's (all English today). */
export const ORIGINAL_LANGUAGE: Locale = 'en';

export const TRANSLATION_LIMITS = { summary: 20_000, sectionBody: 100_000, title: 200 } as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readText(value: unknown, field: string, max: number, errors: FieldError[]): string | undefined {
  if (typeof value !== 'string') return void errors.push({ field, message: 'must be text' });
  const text = value.replace(/\r\n?/g, '\n').trim();
  if (text.length > max) return void errors.push({ field, message: `is too long (at most ${max.toLocaleString('en')} characters)` });
  return text;
}

function readSection(value: unknown, at: string, errors: FieldError[]): TranslatedSection | undefined {
  // The short form is the body alone: `{ "entry": "Markdown…" }`.
  if (typeof value === 'string') {
    const body = readText(value, at, TRANSLATION_LIMITS.sectionBody, errors);
    return body === undefined ? undefined : { body };
  }
  if (!isRecord(value)) return void errors.push({ field: at, message: 'must be the translated text, or { title, body }' });
  const count = errors.length;
  const body = readText(value.body ?? '', `${at}.body`, TRANSLATION_LIMITS.sectionBody, errors);
  const title = value.title === undefined || value.title === null ? '' : readText(value.title, `${at}.title`, TRANSLATION_LIMITS.title, errors);
  for (const key of Object.keys(value)) {
    if (key !== 'title' && key !== 'body') errors.push({ field: `${at}.${key}`, message: 'is not a field of a translated section (title, body)' });
  }
  if (errors.length !== count) return undefined;
  return title ? { title, body: body! } : { body: body! };
}

function readOne(value: unknown, at: string, errors: FieldError[]): AdvisoryTranslation | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return void errors.push({ field: at, message: 'must be { summary, sections }, or null to remove it' });
  const count = errors.length;
  const summary = readText(value.summary ?? '', `${at}.summary`, TRANSLATION_LIMITS.summary, errors);
  const sections: Record<string, TranslatedSection> = {};
  if (value.sections !== undefined && value.sections !== null && !isRecord(value.sections)) {
    errors.push({ field: `${at}.sections`, message: 'must be an object of section id → translated text' });
  } else {
    for (const [slug, item] of Object.entries(value.sections ?? {})) {
      const section = readSection(item, `${at}.sections.${slug}`, errors);
      // An empty section is no translation of it: the original is shown, with the note.
      if (section?.body) sections[slug] = section;
    }
  }
  for (const key of Object.keys(value)) {
    if (key !== 'summary' && key !== 'sections') errors.push({ field: `${at}.${key}`, message: 'is not a field of a translation (summary, sections)' });
  }
  // The summary says what matters most; a reader given translated sections under an untranslated summary would miss it.
  if (errors.length === count && !summary && Object.keys(sections).length) {
    errors.push({ field: `${at}.summary`, message: 'is required: translate the summary first (sections may follow)' });
  }
  if (errors.length !== count) return undefined;
  return { summary: summary!, sections };
}

/**
 * Reads `translations` from untrusted input: `{ fr: { summary, sections: { slug: text } } }`. A
 * language set to null (or to nothing) is removed. Unknown languages and the original's own
 * language are refused. Whether the section ids exist is `checkTranslations`' (the sections may
 * change in the same save).
 */
export function readTranslations(value: unknown, errors: FieldError[], original: Locale = ORIGINAL_LANGUAGE): AdvisoryTranslations | undefined {
  if (value === null) return {};
  if (!isRecord(value)) return void errors.push({ field: 'translations', message: 'must be an object of language → { summary, sections }' });
  const count = errors.length;
  const out: AdvisoryTranslations = {};
  for (const [lang, item] of Object.entries(value)) {
    const at = `translations.${lang}`;
    if (!(LOCALES as readonly string[]).includes(lang)) {
      errors.push({ field: at, message: `unknown language "${lang.slice(0, 12)}": translate into ${LOCALES.filter((l) => l !== original).join(', ')}` });
      continue;
    }
    if (lang === original) {
      errors.push({ field: at, message: `the advisory is written in ${original}: a translation is into another language` });
      continue;
    }
    const translation = readOne(item, at, errors);
    if (translation && !isEmptyTranslation(translation)) out[lang as Locale] = translation;
  }
  return errors.length === count ? out : undefined;
}

export function isEmptyTranslation(translation: AdvisoryTranslation): boolean {
  return !translation.summary && Object.keys(translation.sections).length === 0;
}

/** Against the original's sections: every translated section must be one of them. */
export function checkTranslations(translations: AdvisoryTranslations | undefined, sections: readonly Section[]): FieldError[] {
  const slugs = new Set(sections.map((s) => s.slug));
  const errors: FieldError[] = [];
  for (const [lang, translation] of Object.entries(translations ?? {})) {
    for (const slug of Object.keys(translation.sections)) {
      if (!slugs.has(slug)) {
        errors.push({ field: `translations.${lang}.sections.${slug}`, message: `the advisory has no section "${slug.slice(0, 80)}": translate one of ${[...slugs].join(', ') || '(none)'}` });
      }
    }
  }
  return errors;
}

/** The languages an advisory can be read in: the original's, then its translations', in LOCALES order. */
export function availableLanguages(translations: AdvisoryTranslations | undefined, original: Locale = ORIGINAL_LANGUAGE): Locale[] {
  return LOCALES.filter((lang) => lang === original || translations?.[lang]);
}

/** Where a piece of text comes from: the language it is in, and whether a translation was asked for and missing. */
export interface LocalisedText {
  text: string;
  lang: Locale;
  /** A translation into the reader's language was wanted and there is none for this piece. */
  missing: boolean;
}

export interface LocalisedSection {
  slug: string;
  title: LocalisedText;
  body: LocalisedText;
}

/**
 * The advisory's text in `locale`: the translated summary and sections where they exist, the
 * original (marked `missing`) where they do not. A section's heading is translated when its body
 * is and the translator gave one; otherwise it stays with its body's language.
 */
export function localiseText(
  content: { summary: string; sections: readonly Section[]; translations?: AdvisoryTranslations | null },
  locale: Locale,
  original: Locale = ORIGINAL_LANGUAGE,
): { summary: LocalisedText; sections: LocalisedSection[] } {
  const wanted = locale !== original;
  const translation = wanted ? content.translations?.[locale] : undefined;
  const piece = (translated: string | undefined, fallback: string): LocalisedText =>
    translated ? { text: translated, lang: locale, missing: false } : { text: fallback, lang: original, missing: wanted };
  return {
    summary: piece(translation?.summary, content.summary),
    sections: content.sections.map((section) => {
      const done = translation?.sections[section.slug];
      const body = piece(done?.body, section.body);
      return { slug: section.slug, title: done ? piece(done.title, section.title) : { ...body, text: section.title }, body };
    }),
  };
}
