import { DEFAULT_LOCALE, localeOf, type Locale } from './locales.ts';

/** Where a reader's language can come from, strongest first. */
export interface LocaleSources {
  /** `?lang=` on this request: the reader's explicit choice. */
  query?: unknown;
  /** The `lang` cookie: the reader's earlier choice. */
  cookie?: unknown;
  /** A signed-in traveller's profile language. */
  profile?: unknown;
  /** The browser's Accept-Language header. */
  acceptLanguage?: string | undefined;
}

/**
 * The reader's choice, then the browser's preferences, then the default. Accept-Language is read
 * with its q-values (RFC 9110 §12.5.4); "fr-CA" is served French, "*" the default.
 */
export function pickLocale(sources: LocaleSources): Locale {
  return localeOf(sources.query) ?? localeOf(sources.cookie) ?? localeOf(sources.profile)
    ?? fromAcceptLanguage(sources.acceptLanguage) ?? DEFAULT_LOCALE;
}

export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranges = header.split(',').slice(0, 32).map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
  });
  ranges.sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const range of ranges) {
    if (range.weight <= 0) continue;
    const locale = localeOf(range.tag);
    if (locale) return locale;
  }
  return null;
}
