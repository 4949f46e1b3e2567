import { Type } from 'typebox';
import { INDICATORS, INDICATOR_NAMES } from '../domain/indicators.ts';
import { LEVEL_LABELS } from '../domain/levels.ts';
import { MissionsSchema, NullableQuickFacts } from './mission-schemas.ts';
import { LangSchema } from './translation-schemas.ts';

/** JSON schemas of the public API: they validate input, shape output and write the OpenAPI document. */

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const LevelSchema = Type.Integer({
  minimum: 1,
  maximum: 4,
  description: Object.entries(LEVEL_LABELS).map(([n, label]) => `${n} ${label}`).join(' · '),
});

export const IndicatorSchema = Type.Union(
  INDICATORS.map((code) => Type.Literal(code, { description: INDICATOR_NAMES[code] })),
  { description: Object.entries(INDICATOR_NAMES).map(([c, name]) => `${c} ${name}`).join(' · ') },
);

export const CodeParams = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z]{2,3}$', description: 'ISO 3166-1 alpha-2 or alpha-3, any case' }),
});

export const DestinationSchema = Type.Object(
  {
    code: Type.String(),
    iso3: Type.String(),
    numeric: Type.String(),
    name: Type.String(),
    slug: Type.String(),
    aliases: Type.Array(Type.String()),
    level: Type.Union([LevelSchema, Type.Null()]),
    levelLabel: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Destination' },
);

const RegionSchema = Type.Object({
  name: Type.String(),
  code: Type.Optional(Type.String()),
  level: LevelSchema,
  indicators: Type.Array(IndicatorSchema),
  summary: Type.String(),
});

export const AdvisorySchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: LevelSchema,
    levelLabel: Type.String(),
    indicators: Type.Array(IndicatorSchema),
    risks: Type.Array(Type.Object({ indicator: IndicatorSchema, text: Type.String() }), {
      description: 'The risks in the advisory\'s own words, each with its indicator',
    }),
    regions: Type.Array(RegionSchema),
    departureUrged: Type.Boolean({ description: 'Citizens there are urged to leave now' }),
    summary: Type.String({ description: 'Markdown, in `lang`' }),
    sections: Type.Array(Type.Object({
      slug: Type.String(), title: Type.String(), body: Type.String({ description: 'Markdown' }),
      lang: Type.Optional(Type.String({ description: 'Only on a section not yet translated into `lang`: the language it is shown in (the original\'s)' })),
    })),
    revision: Type.Integer({ minimum: 1 }),
    changeType: Type.Union([Type.Literal('major'), Type.Literal('minor')]),
    changeNote: Type.String(),
    publishedAt: Type.String(),
    reviewedAt: Type.String(),
    nextReviewDue: Type.Union([Type.String(), Type.Null()]),
    source: Type.Object({ authority: Type.String(), url: Type.Optional(Type.String()) }),
    missions: Type.Array(MissionsSchema.items, { description: 'Embassies and consulates there, with their status' }),
    quickFacts: NullableQuickFacts,
    lang: Type.String({ description: 'The language of the text returned (summary and sections): the one asked for (?lang=, then Accept-Language) where translated, else the original\'s' }),
    translations: Type.Array(LangSchema, { description: 'The languages this revision has been translated into, for ?lang=' }),
  },
  { $id: 'Advisory' },
);

const WordChangeSchema = Type.Object({
  op: Type.Union([Type.Literal('equal'), Type.Literal('insert'), Type.Literal('delete')]),
  text: Type.String(),
});

export const DiffSchema = Type.Object({
  against: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      field: Type.String(),
      kind: Type.Union([Type.Literal('value'), Type.Literal('text')]),
      from: Type.Optional(Type.Unknown()),
      to: Type.Optional(Type.Unknown()),
      words: Type.Optional(Type.Array(WordChangeSchema)),
    }),
  ),
});

export const problemResponses = {
  400: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};
