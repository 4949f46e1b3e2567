/**
 * Every message, per language, gathered from the per-area files in messages/ (`<area>.<locale>.ts`).
 * Each area's French file is typed as a record of the English file's keys, so a missing or extra
 * message fails the type check; catalog.test.ts also checks that every message parses as ICU
 * MessageFormat with the same arguments in both languages, and that no two areas share a key.
 */
import type { Locale } from './locales.ts';
import { common as commonEn } from './messages/common.en.ts';
import { common as commonFr } from './messages/common.fr.ts';
import { site as siteEn } from './messages/site.en.ts';
import { site as siteFr } from './messages/site.fr.ts';
import { siteHome as siteHomeEn } from './messages/site-home.en.ts';
import { siteHome as siteHomeFr } from './messages/site-home.fr.ts';
import { siteDestination as siteDestinationEn } from './messages/site-destination.en.ts';
import { siteDestination as siteDestinationFr } from './messages/site-destination.fr.ts';
import { siteAlerts as siteAlertsEn } from './messages/site-alerts.en.ts';
import { siteAlerts as siteAlertsFr } from './messages/site-alerts.fr.ts';

/** Each area's catalogue per language; one line per area, so areas are added without touching others. */
export const AREAS = {
  common: { en: commonEn, fr: commonFr },
  site: { en: siteEn, fr: siteFr },
  siteHome: { en: siteHomeEn, fr: siteHomeFr },
  siteDestination: { en: siteDestinationEn, fr: siteDestinationFr },
  siteAlerts: { en: siteAlertsEn, fr: siteAlertsFr },
};

type Areas = typeof AREAS;
type EnglishOf<A> = A extends { en: infer E } ? E : never;
export type MessageId = { [K in keyof Areas]: keyof EnglishOf<Areas[K]> }[keyof Areas] & string;

function merged(locale: Locale): Record<MessageId, string> {
  return Object.assign({}, ...Object.values(AREAS).map((area) => area[locale])) as Record<MessageId, string>;
}

export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en: merged('en'), fr: merged('fr') };
