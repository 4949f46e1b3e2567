import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { pickLocale } from '../i18n/negotiate.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { addVary } from './compression.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The reader's language: `?lang=`, then the `lang` cookie, then Accept-Language (src/i18n/negotiate.ts). */
    locale: Locale;
  }
}

/** Remembers a reader's `?lang=` choice for the pages they open next. */
export const LANG_COOKIE = 'lang';
const ONE_YEAR = 365 * 24 * 3600;

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function queryLang(request: FastifyRequest): unknown {
  const query = request.query as Record<string, unknown> | undefined;
  return query && typeof query === 'object' ? query.lang : undefined;
}

/** The locale from this request's own signals, with a signed-in traveller's profile language if known. */
export function requestLocale(request: FastifyRequest, profile?: string | null): Locale {
  return pickLocale({
    query: queryLang(request),
    cookie: cookieValue(request.headers.cookie, LANG_COOKIE),
    profile,
    acceptLanguage: request.headers['accept-language'],
  });
}

/** The translator for this request's reader. */
export function requestTranslator(request: FastifyRequest): Translator {
  return translator(request.locale);
}

/**
 * Gives every request its reader's locale; keeps a `?lang=` choice in a cookie; says on every HTML
 * page which language it is in (Content-Language) and that it varies with the reader's signals,
 * so a shared cache never hands a French page to an English reader.
 */
export function installLocale(app: FastifyInstance): void {
  app.decorateRequest('locale', 'en');
  app.addHook('onRequest', async (request, reply) => {
    request.locale = requestLocale(request);
    const chosen = queryLang(request);
    if (isLocale(chosen) && cookieValue(request.headers.cookie, LANG_COOKIE) !== chosen) {
      reply.header('set-cookie', `${LANG_COOKIE}=${chosen}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`);
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      if (!reply.hasHeader('content-language')) reply.header('content-language', request.locale);
      reply.header('vary', addVary(addVary(reply.getHeader('vary'), 'accept-language'), 'cookie'));
    }
    return payload;
  });
}
