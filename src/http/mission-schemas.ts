import { Type } from 'typebox';
import { MISSION_STATUSES, MISSION_TYPES } from '../domain/missions.ts';
import { QUICK_FACT_TEXTS } from '../domain/quick-facts.ts';

/** JSON schemas of missions and quick facts (src/domain/missions.ts, quick-facts.ts) for the API and its OpenAPI document. */

export const MissionSchema = Type.Object({
  id: Type.String({ description: 'Stable within the destination, e.g. "embassy-moscow"' }),
  type: Type.Union(MISSION_TYPES.map((t) => Type.Literal(t))),
  name: Type.String(),
  city: Type.String(),
  address: Type.String(),
  phones: Type.Array(Type.Object({ label: Type.String(), number: Type.String(), emergency: Type.Boolean({ description: 'Answered at any hour for emergencies' }) })),
  email: Type.String(),
  hours: Type.String(),
  services: Type.Array(Type.String()),
  status: Type.Union(MISSION_STATUSES.map((s) => Type.Literal(s)), { description: 'operating · reduced (reduced staff) · suspended (consular services suspended) · closed' }),
  statusSince: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()]),
  statusNote: Type.String(),
  hostCountry: Type.Union([Type.String({ description: 'ISO 3166-1 alpha-2 of the protecting power (interests sections)' }), Type.Null()]),
});

export const QuickFactsSchema = Type.Object(
  {
    ...Object.fromEntries(QUICK_FACT_TEXTS.map(([key, label]) => [key, Type.String({ description: label })])),
    bankCardsWork: Type.Union([Type.Boolean(), Type.Null()], { description: 'Whether our citizens\' bank cards work there; null = not said' }),
  },
  { description: 'Entry and money facts; null when none are given' },
);

export const MissionsSchema = Type.Array(MissionSchema);
export const NullableQuickFacts = Type.Union([QuickFactsSchema, Type.Null()]);

/** Missions and quick facts as input: types are checked by the domain rules, with a message per field. */
export const MissionInputs = {
  missions: Type.Optional(Type.Array(Type.Unknown(), { description: 'The destination\'s whole list of missions (see GET /api/v1/destinations/{code}/missions); replaces the draft\'s' })),
  quickFacts: Type.Optional(Type.Unknown({ description: 'Quick facts object (see the Advisory schema), or null' })),
};
