import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale } from '../i18n/negotiate.ts';
import type { Locale } from '../i18n/locales.ts';
import { addVary } from './compression.ts';

/**
 * The language of advisory text in a public API response: `?lang=`, then Accept-Language. Not the
 * site's `lang` cookie: an API response then depends only on the URL and that header, which the
 * response names in Vary, so a shared cache keeps one copy per language asked for.
 */
export function apiLocale(request: FastifyRequest, reply: FastifyReply): Locale {
  reply.header('vary', addVary(reply.getHeader('vary'), 'accept-language'));
  const query = request.query as { lang?: unknown } | undefined;
  return pickLocale({ query: query?.lang, acceptLanguage: request.headers['accept-language'] });
}
