import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findByCode } from '../../domain/destinations.ts';
import type { Indicator } from '../../domain/indicators.ts';
import type { Level } from '../../domain/levels.ts';
import { currentAdvisories } from '../../publishing/revisions.ts';
import type { JsonCache } from '../json-cache.ts';
import { sendProblem } from '../problem.ts';
import { AdvisorySchema, IndicatorSchema, LevelSchema, problemResponses } from '../schemas.ts';
import { sendShared } from '../variants.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { toAdvisoryJson, type AdvisoryJson } from '../advisory-json.ts';
import { apiLocale } from '../api-locale.ts';
import type { Locale } from '../../i18n/locales.ts';
import { LangQuery } from '../translation-schemas.ts';

type Field = keyof AdvisoryJson;

/** What `?fields=` may name: every property of an advisory, in the order the full form has them. */
export const LIST_FIELDS = Object.keys(AdvisorySchema.properties) as Field[];

/** The most advisories one page may hold; there are about 250 destinations, so one page can hold them all. */
export const MAX_LIMIT = 500;

const JSON_TYPE = 'application/json; charset=utf-8';

/** One current advisory of the list, with its JSON text made once per publication. */
interface Entry {
  advisory: AdvisoryJson;
  text: string;
}

/** Ordered by name, then code: the same order on SQLite and PostgreSQL (JavaScript compares code points, not a locale). */
const byNameThenCode = (a: AdvisoryJson, b: AdvisoryJson) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

const LeanAdvisorySchema = Type.Partial(Type.Object(AdvisorySchema.properties), {
  description: 'With ?fields=: only the fields named, in the order of the full form',
});

const ListQuery = Type.Object({
  level: Type.Optional(LevelSchema),
  indicator: Type.Optional(IndicatorSchema),
  limit: Type.Optional(Type.Integer({
    minimum: 1, maximum: MAX_LIMIT,
    description: `At most this many advisories (1–${MAX_LIMIT}); when more follow, a \`Link: <…>; rel="next"\` header gives the next page's URL. Without it, every advisory.`,
  })),
  after: Type.Optional(Type.String({
    pattern: '^[A-Za-z]{2,3}$',
    description: 'Cursor: start after this destination (its ISO code, the last `code` of the previous page). The next-page link sets it.',
  })),
  fields: Type.Optional(Type.String({
    minLength: 1, maxLength: 400,
    description: `Lean form: a comma-separated list of the fields to return, of ${LIST_FIELDS.join(', ')}. Any other name is a 400.`,
  })),
  ...LangQuery,
});

/**
 * `GET /api/v1/advisories`: every current advisory, by name, optionally by level and risk
 * indicator. The full list (~736 kB) is serialised, hashed and compressed once per publication;
 * pages (`limit`, `after`) and the lean form (`fields`) are cut from the same per-publication
 * entries, so they cost a filter and a join of ready-made text, and are compressed on the fly.
 */
export function advisoryListRoute(app: FastifyInstance, db: Kysely<Database>, cache: JsonCache): void {
  const entries = (locale: Locale) => cache.value(`advisory-list:${locale}`, async (): Promise<Entry[]> =>
    (await currentAdvisories(db)).map((advisory) => toAdvisoryJson(advisory, locale)).sort(byNameThenCode).map((advisory) => ({ advisory, text: JSON.stringify(advisory) })));
  const join = (texts: string[]) => `[${texts.join(',')}]`;

  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/advisories', {
    schema: {
      summary: 'Current advisories, optionally by level and risk indicator, whole, by page or lean',
      description: 'Ordered by destination name. Without `limit`, `after` and `fields`, every current advisory in full. '
        + 'Page with `limit` and follow the `Link` header (`rel="next"`); ask for only some fields with `fields=code,level,levelLabel`. '
        + 'Responses are compressed (brotli or gzip) as Accept-Encoding allows.',
      tags: ['public'],
      querystring: ListQuery,
      response: {
        200: Type.Array(Type.Union([AdvisorySchema, LeanAdvisorySchema]), {
          description: 'Full advisories, or with `fields` only the fields named. Header `Link: </api/v1/advisories?…&after=CODE>; rel="next"` when a page is followed by more.',
        }),
        400: problemResponses[400],
      },
    },
  }, async (request, reply) => {
    const { level, indicator, limit, after, fields, lang } = request.query;
    const locale = apiLocale(request, reply);
    const chosen = fields === undefined ? undefined : fields.split(',').map((name) => name.trim());
    const unknown = chosen?.filter((name) => !(LIST_FIELDS as string[]).includes(name));
    if (unknown?.length) {
      const names = unknown.map((name) => JSON.stringify(name.slice(0, 40))).join(', ');
      return sendProblem(reply, 400, `fields may name only ${LIST_FIELDS.join(', ')}; not ${names}.`, [
        { field: 'query.fields', message: `unknown field ${names}` },
      ]);
    }
    const cursor = after === undefined ? undefined : findByCode(after);
    if (after !== undefined && !cursor) {
      return sendProblem(reply, 400, `after must be the code of a destination (the last code of the previous page), not "${after}".`, [
        { field: 'query.after', message: 'names no destination' },
      ]);
    }
    const matching = (all: Entry[]) => all.filter(({ advisory }) =>
      (!level || advisory.level === (level as Level)) && (!indicator || advisory.indicators.includes(indicator as Indicator)));
    reply.type(JSON_TYPE);

    if (limit === undefined && cursor === undefined && chosen === undefined) {
      const whole = await cache.text(`advisories:${level ?? ''}:${indicator ?? ''}:${locale}`, async () => join(matching(await entries(locale)).map((e) => e.text)));
      return sendShared(request, reply, whole!);
    }

    const all = await entries(locale);
    const list = matching(all);
    let start = 0;
    if (cursor) {
      // The cursor's place in the order, even if its advisory is not in this filtered list.
      const mark = all.find((e) => e.advisory.code === cursor.code)?.advisory ?? { name: cursor.name, code: cursor.code } as AdvisoryJson;
      start = list.findIndex((e) => byNameThenCode(e.advisory, mark) > 0);
      if (start < 0) start = list.length;
    }
    const page = list.slice(start, limit === undefined ? undefined : start + limit);
    const keep = chosen && LIST_FIELDS.filter((name) => chosen.includes(name));
    const texts = keep
      ? page.map(({ advisory }) => JSON.stringify(Object.fromEntries(keep.map((name) => [name, advisory[name]]))))
      : page.map((e) => e.text);
    if (limit !== undefined && start + limit < list.length) {
      const next = new URLSearchParams();
      if (level) next.set('level', String(level));
      if (indicator) next.set('indicator', indicator);
      if (fields !== undefined) next.set('fields', keep!.join(','));
      if (lang) next.set('lang', lang);
      next.set('limit', String(limit));
      next.set('after', page.at(-1)!.advisory.code);
      reply.header('link', `</api/v1/advisories?${next.toString().replaceAll('%2C', ',')}>; rel="next"`);
    }
    return reply.send(join(texts));
  });
}
