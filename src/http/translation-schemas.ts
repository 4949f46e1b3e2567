import { Type } from 'typebox';
import { LOCALES } from '../i18n/locales.ts';

/** JSON schemas for advisory translations (issue 16, src/domain/advisory-translations.ts): drafts in, advisories out. */

export const LangSchema = Type.Union(LOCALES.map((lang) => Type.Literal(lang)), { description: `A language: ${LOCALES.join(', ')}` });

/** `?lang=` on the public advisory routes: stronger than Accept-Language. */
export const LangQuery = {
  lang: Type.Optional(Type.Union(LOCALES.map((lang) => Type.Literal(lang)), {
    description: `The language of the advisory text (${LOCALES.join(', ')}); without it, Accept-Language decides. Text not yet translated comes in its original language, and \`lang\` says which.`,
  })),
};

/**
 * Read by the workflow rules (field messages such as `translations.fr.sections.visas`), so only
 * documented here: a typed schema would let ajv coerce or refuse before the rules speak.
 */
export const TranslationsInput = Type.Unknown({
  description: 'Translations of the summary and sections, per language other than the original (English): '
    + '`{ "fr": { "summary": "Markdown", "sections": { "<section slug>": "Markdown" | { "title": "…", "body": "Markdown" } } } }`. '
    + 'The whole object replaces the draft\'s translations; a language set to null (or `translations: null`) removes it. '
    + 'A section left out is shown in the original with a note. Sections must be the advisory\'s own (by slug); a translation needs its summary.',
  examples: [{ fr: { summary: 'Reconsidérez votre voyage.', sections: { 'entry-and-exit': 'Un visa est exigé.' } } }],
});

const TranslatedSectionSchema = Type.Object({ title: Type.Optional(Type.String()), body: Type.String({ description: 'Markdown' }) });

export const TranslationsSchema = Type.Record(Type.String(), Type.Object({
  summary: Type.String({ description: 'Markdown' }),
  sections: Type.Record(Type.String(), TranslatedSectionSchema, { description: 'By the original section\'s slug' }),
}), { description: 'Translations by language (empty: none); reviewed and published with the rest of the draft' });
