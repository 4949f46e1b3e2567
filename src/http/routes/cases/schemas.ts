import { Type } from 'typebox';
import { ACCESS_KINDS, CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES, CONTACT_CHANNELS, CONTACT_DIRECTIONS, PERSON_RELATIONS } from '../../../domain/cases.ts';
import { Nullable } from '../draft-schemas.ts';

/** The shapes of the cases API (docs/cases.md), for validation, serialisation and the OpenAPI document. */

const oneOf = (values: readonly string[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});

const Flags = Type.Object({
  needHelp: Type.Boolean({ description: 'opened by an "I need help" answer and not yet triaged' }),
  accessOverdue: Type.Boolean({ description: 'a detention case past the threshold without consular access' }),
  dualNational: Type.Boolean({ description: 'consular access may be refused (dual national): someone linked holds the host country\'s citizenship' }),
});

const Access = Type.Object({
  lastAccess: Nullable(Type.String({ description: 'the latest day access was granted or a visit took place' })),
  days: Type.Integer({ description: 'days since then, or since the case was opened when never' }),
  overdue: Type.Boolean(),
  thresholdDays: Type.Integer({ description: 'CASE_ACCESS_THRESHOLD_DAYS' }),
});

const summaryFields = {
  id: Type.Integer(),
  title: Type.String(),
  type: Nullable(oneOf(CASE_TYPES, 'null until triage')),
  typeLabel: Nullable(Type.String()),
  status: oneOf(CASE_STATUSES),
  priority: oneOf(CASE_PRIORITIES),
  outcome: Nullable(Type.String()),
  country: Type.String({ description: 'ISO 3166-1 alpha-2: where the case is' }),
  crisisId: Nullable(Type.Integer()),
  travellerId: Nullable(Type.Integer()),
  assignee: Nullable(Type.Object({ id: Type.Integer(), email: Type.String() })),
  openedBy: Type.String(),
  openedAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  flags: Flags,
  access: Nullable(Access),
};

export const CaseSummarySchema = Type.Object(summaryFields, { $id: 'CaseSummary' });

export const CaseSchema = Type.Object({
  ...summaryFields,
  people: Type.Array(Type.Object({
    id: Type.Integer(), travellerId: Nullable(Type.Integer()), name: Type.String(), relation: oneOf(PERSON_RELATIONS), consent: Type.Boolean(),
    citizenships: Type.Array(Type.String()), addedAt: Type.String(),
  })),
  notes: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), body: Type.String(), author: Type.String(), at: Type.String() })),
  contacts: Type.Array(Type.Object({
    id: Type.Integer(), direction: Type.String(), channel: Type.String(), party: Type.String(), summary: Type.String(), at: Type.String(), recordedBy: Type.String(), recordedAt: Type.String(),
  })),
  accessLog: Type.Array(Type.Object({ id: Type.Integer(), kind: oneOf(ACCESS_KINDS), date: Type.String(), note: Nullable(Type.String()), recordedBy: Type.String(), recordedAt: Type.String() })),
}, { $id: 'Case' });

const PersonFields = {
  name: Type.Optional(Type.String({ description: 'at most 200 characters' })),
  relation: Type.Optional(oneOf(PERSON_RELATIONS)),
  travellerId: Type.Optional(Nullable(Type.Integer({ description: 'an enrolled traveller: their citizenships are added' }))),
  consent: Type.Optional(Type.Boolean({ description: 'next of kin: the person consented to them being told' })),
  citizenships: Type.Optional(Type.Array(Type.String(), { description: 'ISO 3166-1 codes or country names; at most 10' })),
};

export const PersonInput = Type.Object(PersonFields, { additionalProperties: false });

export const NewCaseInput = Type.Object({
  title: Type.Optional(Type.String({ description: 'one line, at most 160 characters' })),
  country: Type.Optional(Type.String({ description: 'where the case is: ISO 3166-1 code or name' })),
  type: Type.Optional(Nullable(oneOf(CASE_TYPES, 'wrongful_detention: admins only'))),
  priority: Type.Optional(oneOf(CASE_PRIORITIES, 'default normal')),
  travellerId: Type.Optional(Nullable(Type.Integer())),
  crisisId: Type.Optional(Nullable(Type.Integer())),
  note: Type.Optional(Type.String({ description: 'the first note; at most 4000 characters' })),
  people: Type.Optional(Type.Array(Type.Object(PersonFields, { additionalProperties: false }), { description: 'at most 20' })),
}, { additionalProperties: false });

export const CasePatchInput = Type.Object({
  title: Type.Optional(Type.String()),
  type: Type.Optional(Nullable(oneOf(CASE_TYPES, 'designating (or withdrawing) wrongful_detention: admins only, audited'))),
  status: Type.Optional(oneOf(CASE_STATUSES, 'closed needs an outcome; a closed case may be reopened')),
  outcome: Type.Optional(Type.String({ description: 'with status "closed" only' })),
  priority: Type.Optional(oneOf(CASE_PRIORITIES)),
  assigneeId: Type.Optional(Nullable(Type.Integer({ description: 'an active consular staff member or admin; null unassigns' }))),
  country: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const NoteInput = Type.Object({ body: Type.Optional(Type.String({ description: 'at most 4000 characters; notes are never changed or removed' })) }, { additionalProperties: false });

export const AccessInput = Type.Object({
  kind: Type.Optional(oneOf(ACCESS_KINDS)),
  date: Type.Optional(Type.String({ description: 'YYYY-MM-DD; not in the future' })),
  note: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const ContactInput = Type.Object({
  direction: Type.Optional(oneOf(CONTACT_DIRECTIONS)),
  channel: Type.Optional(oneOf(CONTACT_CHANNELS)),
  party: Type.Optional(Type.String({ description: 'who: "the traveller", "their lawyer", "local police"' })),
  summary: Type.Optional(Type.String()),
  at: Type.Optional(Type.String({ description: 'RFC 3339 with a zone; default now; not in the future' })),
}, { additionalProperties: false });

export const ListQuery = Type.Object({ status: Type.Optional(oneOf(CASE_STATUSES)) });
