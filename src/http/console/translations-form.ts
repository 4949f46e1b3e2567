import type { AdvisoryTranslations } from '../../domain/advisory-translations.ts';
import { ORIGINAL_LANGUAGE } from '../../domain/advisory-translations.ts';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import { formText, type FormBody } from '../forms.ts';

/**
 * The editor's "Translations" part (translations-editor.ts shows it): per language, the summary and
 * each section of the original by its slug, as typed, turned back into the staff API's
 * `translations` JSON so the same rules check both.
 */

export interface TranslationModel {
  summary: string;
  sections: Record<string, { title: string; body: string }>;
}

export type TranslationsModel = Partial<Record<Locale, TranslationModel>>;

/** The languages an advisory may be translated into. */
export const TRANSLATION_LANGUAGES = LOCALES.filter((lang) => lang !== ORIGINAL_LANGUAGE);

export function translationsModel(translations: AdvisoryTranslations | null | undefined): TranslationsModel {
  const model: TranslationsModel = {};
  for (const [lang, t] of Object.entries(translations ?? {}) as [Locale, NonNullable<AdvisoryTranslations[Locale]>][]) {
    model[lang] = {
      summary: t.summary,
      sections: Object.fromEntries(Object.entries(t.sections).map(([slug, s]) => [slug, { title: s.title ?? '', body: s.body }])),
    };
  }
  return model;
}

/** Reads the translation fields for the sections the form carries (by slug; a section not saved yet has none). */
export function translationsFromForm(body: FormBody, slugs: readonly string[]): TranslationsModel {
  const model: TranslationsModel = {};
  for (const lang of TRANSLATION_LANGUAGES) {
    const sections: TranslationModel['sections'] = {};
    for (const slug of slugs) {
      const title = formText(body[`tr_${lang}_s_${slug}_title`]);
      const text = formText(body[`tr_${lang}_s_${slug}_body`]);
      if (title.trim() || text.trim()) sections[slug] = { title, body: text };
    }
    const summary = formText(body[`tr_${lang}_summary`]);
    if (summary.trim() || Object.keys(sections).length) model[lang] = { summary, sections };
  }
  return model;
}

/**
 * As the staff API's JSON: every language (a cleared one as null, so it is removed). Sections the
 * editor removed from the original in this save take their translation with them.
 */
export function translationsPatch(model: TranslationsModel, slugs: readonly string[]): Record<string, unknown> {
  const keep = new Set(slugs);
  return Object.fromEntries(TRANSLATION_LANGUAGES.map((lang) => {
    const t = model[lang];
    if (!t) return [lang, null];
    const sections = Object.entries(t.sections).filter(([slug]) => keep.has(slug))
      .map(([slug, s]) => [slug, s.title.trim() ? { title: s.title, body: s.body } : s.body]);
    return [lang, { summary: t.summary, sections: Object.fromEntries(sections) }];
  }));
}
