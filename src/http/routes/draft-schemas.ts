import { Type } from 'typebox';
import { IndicatorSchema, LevelSchema } from '../schemas.ts';
import { MissionInputs, MissionsSchema, NullableQuickFacts } from '../mission-schemas.ts';
import { TranslationsInput, TranslationsSchema } from '../translation-schemas.ts';

/** JSON schemas of the staff API's drafts (src/http/routes/staff-api/): validation, serialisation and OpenAPI from one place. */

const RegionInput = Type.Object({
  name: Type.String(),
  code: Type.Optional(Type.String({ description: 'ISO 3166-2 code of a subdivision of this destination, e.g. RU-MOW' })),
  level: Type.Integer({ description: '1–4' }),
  indicators: Type.Array(Type.String()),
  summary: Type.String({ description: 'Markdown' }),
});

const SectionInput = Type.Object({
  slug: Type.Optional(Type.String({ description: 'made from the title when left out' })),
  title: Type.String(),
  body: Type.String({ description: 'Markdown' }),
});

/** Types only; ranges, letters, codes and cross-field rules are checked by the workflow rules, with field messages. */
export const DraftInput = Type.Object(
  {
    level: Type.Optional(Type.Integer({ description: '1 Exercise Normal Precautions · 2 Exercise Increased Caution · 3 Reconsider Travel · 4 Do Not Travel' })),
    indicators: Type.Optional(Type.Array(Type.String(), { description: 'C T U H N E K D O' })),
    risks: Type.Optional(Type.Array(Type.Object({ indicator: Type.String(), text: Type.String() }))),
    regions: Type.Optional(Type.Array(RegionInput)),
    departureUrged: Type.Optional(Type.Boolean()),
    summary: Type.Optional(Type.String({ description: 'Markdown' })),
    sections: Type.Optional(Type.Array(SectionInput)),
    ...MissionInputs,
    translations: Type.Optional(TranslationsInput),
    changeType: Type.Optional(Type.Union([Type.Literal('major'), Type.Literal('minor'), Type.Null()])),
    changeNote: Type.Optional(Type.String({ description: 'Public for a major change (required); internal for a minor one' })),
    nextReviewDue: Type.Optional(Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()])),
  },
  { additionalProperties: true, description: 'Advisory fields to set; fields left out keep their value' },
);

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const ChangeTypeSchema = Type.Union([Type.Literal('major'), Type.Literal('minor')]);
const MandatoryChangeSchema = Type.Object({
  field: Type.Union([Type.Literal('level'), Type.Literal('departureUrged'), Type.Literal('indicators'), Type.Literal('regions'), Type.Literal('missions')]),
  message: Type.String({ description: 'What changed, in words: "level raised from 2 to 4"' }),
});

export const DraftSchema = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    status: Type.Union(['draft', 'submitted', 'approved', 'scheduled', 'published'].map((s) => Type.Literal(s))),
    level: LevelSchema,
    indicators: Type.Array(IndicatorSchema),
    risks: Type.Array(Type.Object({ indicator: IndicatorSchema, text: Type.String() })),
    regions: Type.Array(Type.Object({ name: Type.String(), code: Type.Optional(Type.String()), level: LevelSchema, indicators: Type.Array(IndicatorSchema), summary: Type.String() })),
    departureUrged: Type.Boolean(),
    summary: Type.String(),
    sections: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), body: Type.String() })),
    missions: MissionsSchema,
    quickFacts: NullableQuickFacts,
    translations: TranslationsSchema,
    changeType: Nullable(ChangeTypeSchema),
    changeNote: Type.String(),
    nextReviewDue: Nullable(Type.String()),
    comment: Nullable(Type.String()),
    authorId: Type.Integer(),
    updatedBy: Type.Integer(),
    submittedBy: Nullable(Type.Integer()),
    approvedBy: Nullable(Type.Integer()),
    scheduledBy: Nullable(Type.Integer()),
    publishedBy: Nullable(Type.Integer()),
    baseRevision: Nullable(Type.Integer()),
    version: Type.Integer({ description: 'Goes up with every change; the ETag carries it' }),
    publishAt: Nullable(Type.String()),
    publishedRevision: Nullable(Type.Integer()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    publishedAt: Nullable(Type.String()),
    approvedVersion: Nullable(Type.Integer({ description: 'The version a reviewer approved; publishing refuses anything else' })),
    contributors: Type.Array(Type.Object({ id: Type.Integer(), email: Type.String() }), {
      description: 'Everyone who changed the content since the base revision: only they may submit it; none of them may approve it (two-person rule)',
    }),
    derivedChangeType: Nullable(ChangeTypeSchema),
    mandatoryChanges: Type.Array(MandatoryChangeSchema, { description: 'Changes against the current revision that make it major whatever was chosen' }),
  },
  { $id: 'Draft' },
);

export const PublicationSchema = Type.Object({
  draftId: Type.Integer(),
  code: Type.String(),
  chosenChangeType: Nullable(ChangeTypeSchema),
  changeType: Type.Union([Type.Literal('major'), Type.Literal('minor')], { description: 'What it would be published as, derived against the current revision' }),
  changeTypeDerived: Type.Boolean({ description: 'Chosen minor, but what changed makes it major' }),
  mandatoryChanges: Type.Array(MandatoryChangeSchema),
  changeNote: Type.String({ description: 'The public change note it would carry' }),
  notify: Type.Boolean(),
  urgent: Type.Boolean(),
  audience: Type.Object({
    people: Type.Integer({ description: 'People who would be told' }),
    deliveries: Type.Integer({ description: 'Messages: one per person and channel' }),
  }, { description: 'Counted by the fan-out\'s own query, writing nothing' }),
});
