/**
 * Every message, per language, gathered from the per-area files in messages/ (`<area>.<locale>.ts`).
 * Each area's French file is typed as a record of the English file's keys, so a missing or extra
 * message fails the type check; catalog.test.ts also checks that every message parses as ICU
 * MessageFormat with the same arguments in both languages, and that no two areas share a key.
 */
import type { Locale } from './locales.ts';
import { common as commonEn } from './messages/common.en.ts';
import { common as commonFr } from './messages/common.fr.ts';
import { translations as translationsEn } from './messages/translations.en.ts';
import { translations as translationsFr } from './messages/translations.fr.ts';

/** Each area's catalogue per language; one line per area, so areas are added without touching others. */
export const AREAS = {
  common: { en: commonEn, fr: commonFr },
  translations: { en: translationsEn, fr: translationsFr },
};

type Areas = typeof AREAS;
type EnglishOf<A> = A extends { en: infer E } ? E : never;
export type MessageId = { [K in keyof Areas]: keyof EnglishOf<Areas[K]> }[keyof Areas] & string;

function merged(locale: Locale): Record<MessageId, string> {
  return Object.assign({}, ...Object.values(AREAS).map((area) => area[locale])) as Record<MessageId, string>;
}

export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en: merged('en'), fr: merged('fr') };
