import { localiseText } from '../domain/advisory-translations.ts';
import { levelLabel } from '../domain/levels.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import type { StoredRevision } from '../publishing/revisions.ts';

/**
 * An advisory revision as the public API shows it (AdvisorySchema in schemas.ts; README, HTTP API),
 * its text in `locale` where a translation exists (issue 16): `lang` says which language the summary
 * is in, a section left untranslated carries its own `lang`, and `translations` lists the languages
 * it has been translated into.
 */
export function toAdvisoryJson(advisory: StoredRevision, locale: Locale = DEFAULT_LOCALE) {
  const text = localiseText(advisory, locale);
  const lang = text.summary.lang;
  return {
    code: advisory.code,
    name: advisory.name,
    level: advisory.level,
    levelLabel: levelLabel(advisory.level),
    indicators: advisory.indicators,
    risks: advisory.risks,
    regions: advisory.regions,
    departureUrged: advisory.departureUrged,
    summary: text.summary.text,
    sections: text.sections.map((section) => ({
      slug: section.slug,
      title: section.title.text,
      body: section.body.text,
      ...(section.body.lang !== lang ? { lang: section.body.lang } : {}),
    })),
    revision: advisory.revision,
    changeType: advisory.changeType,
    changeNote: advisory.changeNote,
    publishedAt: advisory.publishedAt,
    reviewedAt: advisory.reviewedAt,
    nextReviewDue: advisory.nextReviewDue,
    source: advisory.source,
    missions: advisory.missions,
    quickFacts: advisory.quickFacts,
    lang,
    translations: Object.keys(advisory.translations ?? {}) as Locale[],
  };
}

export type AdvisoryJson = ReturnType<typeof toAdvisoryJson>;
