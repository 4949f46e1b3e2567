import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { CATALOGS, type MessageId } from './catalog.ts';
import { DEFAULT_LOCALE, localeOf, type Locale } from './locales.ts';

export type MessageValues = Record<string, string | number | Date | null | undefined>;

/** What a page, e-mail or SMS needs to speak one language: messages, dates, numbers and lists. */
export interface Translator {
  readonly locale: Locale;
  /** The message `id` with its ICU arguments filled in (plurals, selects, dates). */
  t(id: MessageId, values?: MessageValues): string;
  /**
   * The message as pieces, for markup: arguments that are not strings, numbers or dates (an
   * escaped-HTML fragment, a link) come back in place, for the caller to join (src/http/html-messages.ts).
   */
  parts<T>(id: MessageId, values: Record<string, T | string | number | Date>): (string | T)[];
  /** A calendar date ("2 December 2026", "2 décembre 2026"); a YYYY-MM-DD string is read as that day in UTC. */
  date(value: Date | string, style?: 'long' | 'medium' | 'short'): string;
  /** A date and time in a time zone (UTC unless given), with the zone named. */
  dateTime(value: Date | string, timeZone?: string): string;
  number(value: number): string;
  /** "Russia, Belarus and Ukraine" / "Russie, Biélorussie et Ukraine". */
  list(items: readonly string[]): string;
}

const cache = createIntlCache();
const translators = new Map<Locale, Translator>();

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/** The region whose conventions dates and numbers follow: day-month-year English reads the same everywhere. */
const FORMATTING: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

function build(locale: Locale): Translator {
  const intl: IntlShape<string> = createIntl({
    locale: FORMATTING[locale],
    defaultLocale: DEFAULT_LOCALE,
    messages: CATALOGS[locale],
    // Catalogues are complete by construction (catalog.test.ts); a formatting error must not
    // take a page down, and @formatjs/intl falls back to the id or the English text.
    onError: () => undefined,
  }, cache);
  // The library's overloads are typed for its own message registry; ours is CATALOGS, checked by MessageId.
  const format = intl.formatMessage as unknown as (descriptor: { id: string; defaultMessage: string }, values?: object) => string | unknown[];
  return {
    locale,
    t: (id, values) => String(format({ id, defaultMessage: CATALOGS.en[id] }, values)),
    parts: <T>(id: MessageId, values: Record<string, T | string | number | Date>) => {
      const out = format({ id, defaultMessage: CATALOGS.en[id] }, values);
      return (Array.isArray(out) ? out : [out]) as (string | T)[];
    },
    date: (value, style = 'long') => intl.formatDate(toDate(value), { dateStyle: style, timeZone: 'UTC' }),
    dateTime: (value, timeZone = 'UTC') => intl.formatDate(toDate(value), { dateStyle: 'long', timeStyle: 'short', timeZone }) + ` (${timeZone})`,
    number: (value) => intl.formatNumber(value),
    list: (items) => intl.formatList(items, { type: 'conjunction' }) as string,
  };
}

/** The translator for a locale (or a stored tag such as "fr-CA"; unknown tags get the default). */
export function translator(locale: Locale | string | null | undefined): Translator {
  const key = localeOf(locale) ?? DEFAULT_LOCALE;
  let found = translators.get(key);
  if (!found) translators.set(key, found = build(key));
  return found;
}
