import type { Locale } from '../i18n/locales.ts';

/**
 * The shape of an advisory's translations (issue 16), apart from the rules about them
 * (advisory-translations.ts) so that the advisory's own types can name them without an import cycle.
 */

/** One section's translation: the body (Markdown), and its heading when translated. */
export interface TranslatedSection {
  title?: string;
  body: string;
}

export interface AdvisoryTranslation {
  summary: string;
  /** By the original section's slug; in no particular order (the original's order is used). */
  sections: Record<string, TranslatedSection>;
}

export type AdvisoryTranslations = Partial<Record<Locale, AdvisoryTranslation>>;
