import { parseDateTime } from './alert-times.ts';
import {
  ACCESS_KINDS, CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES, CONTACT_CHANNELS, CONTACT_DIRECTIONS, latestAccessDate, PERSON_RELATIONS,
  type AccessKind, type CasePriority, type CaseStatus, type CaseType, type PersonRelation,
} from './cases.ts';
import { findByCode, findByName } from './destinations.ts';
import { isCalendarDate } from './draft-input.ts';
import type { FieldError } from './places.ts';

/**
 * What staff may write into a case (docs/cases.md): client input in, a checked value or a message
 * per field out. Fields not given stay as they are; unknown fields are refused by the routes'
 * schemas, and here only what is named is read. No I/O.
 */

export const CASE_TITLE_MAX = 160;
export const CASE_TEXT_MAX = 4000;
const NAME_MAX = 200;
const PEOPLE_MAX = 20;
const CITIZENSHIPS_MAX = 10;
const CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029]/u;
/** Multi-line text: control characters but tab and line breaks are refused. */
const TEXT_CONTROL = /(?![\t\n])[\p{Cc}\p{Cs}]/u;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

type Body = Record<string, unknown>;
const bodyOf = (input: unknown): Body => (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Body;

class Fields {
  readonly errors: FieldError[] = [];
  readonly body: Body;
  readonly prefix: string;
  constructor(body: Body, prefix = '') {
    this.body = body;
    this.prefix = prefix;
  }
  fail(field: string, message: string): undefined {
    this.errors.push({ field: `${this.prefix}${field}`, message });
    return undefined;
  }
  given(field: string): boolean {
    return this.body[field] !== undefined;
  }
  line(field: string, max: number, required: boolean): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null || value === '') return required ? this.fail(field, 'is required') : undefined;
    if (typeof value !== 'string') return this.fail(field, 'must be text');
    const text = value.trim().replace(/\s+/g, ' ');
    if (!text) return required ? this.fail(field, 'is required') : undefined;
    if (text.length > max) return this.fail(field, `must be at most ${max} characters (got ${text.length})`);
    if (CONTROL.test(text)) return this.fail(field, 'must be one line without control characters');
    return text;
  }
  text(field: string, required: boolean): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null || value === '') return required ? this.fail(field, 'is required') : undefined;
    if (typeof value !== 'string') return this.fail(field, 'must be text');
    const text = value.replace(/\r\n?/g, '\n').trim();
    if (!text) return required ? this.fail(field, 'is required') : undefined;
    if (text.length > CASE_TEXT_MAX) return this.fail(field, `must be at most ${CASE_TEXT_MAX} characters (got ${text.length})`);
    if (TEXT_CONTROL.test(text)) return this.fail(field, 'must not contain control characters');
    return text;
  }
  oneOf<T extends string>(field: string, values: readonly T[]): T | undefined {
    const value = this.body[field];
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    return this.fail(field, `must be one of ${values.join(', ')}`);
  }
  id(field: string): number | undefined {
    const value = this.body[field];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
    return this.fail(field, 'must be a positive whole number');
  }
  country(field: string): string | undefined {
    const value = this.body[field];
    const found = typeof value === 'string' ? findByCode(value.trim()) ?? findByName(value.trim()) : undefined;
    return found ? found.code : this.fail(field, 'must be a country: an ISO 3166-1 code such as RU, or its name');
  }
  flag(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined || value === false || value === 'false' || value === '') return false;
    if (value === true || value === 'true' || value === 'on') return true;
    return this.fail(field, 'must be true or false');
  }
}

const done = <T>(fields: Fields, value: T): Checked<T> => (fields.errors.length ? { ok: false, errors: fields.errors } : { ok: true, value });

export interface PersonInput {
  name: string;
  relation: PersonRelation;
  travellerId: number | null;
  consent: boolean;
  citizenships: string[];
}

function checkPerson(input: unknown, prefix: string, errors: FieldError[]): PersonInput | undefined {
  const f = new Fields(bodyOf(input), prefix);
  const name = f.line('name', NAME_MAX, true);
  const relation = f.oneOf('relation', PERSON_RELATIONS);
  const travellerId = f.given('travellerId') && f.body.travellerId !== null ? f.id('travellerId') : null;
  const consent = f.flag('consent');
  const citizenships: string[] = [];
  const given = f.body.citizenships;
  if (given !== undefined && !Array.isArray(given)) f.fail('citizenships', 'must be a list of countries');
  else if (Array.isArray(given)) {
    if (given.length > CITIZENSHIPS_MAX) f.fail('citizenships', `must name at most ${CITIZENSHIPS_MAX} countries`);
    else {
      given.forEach((value, i) => {
        const code = typeof value === 'string' ? (findByCode(value.trim()) ?? findByName(value.trim()))?.code : undefined;
        if (!code) f.fail(`citizenships.${i}`, 'must be a country: an ISO 3166-1 code such as RU');
        else if (!citizenships.includes(code)) citizenships.push(code);
      });
    }
  }
  errors.push(...f.errors);
  return name && relation && travellerId !== undefined && consent !== undefined ? { name, relation, travellerId, consent, citizenships } : undefined;
}

export function validatePerson(input: unknown): Checked<PersonInput> {
  const errors: FieldError[] = [];
  const person = checkPerson(input, '', errors);
  return person && !errors.length ? { ok: true, value: person } : { ok: false, errors };
}

export interface NewCase {
  title: string;
  type: CaseType | null;
  priority: CasePriority;
  country: string;
  travellerId: number | null;
  crisisId: number | null;
  note: string | null;
  people: PersonInput[];
}

export function validateNewCase(input: unknown): Checked<NewCase> {
  const f = new Fields(bodyOf(input));
  const title = f.line('title', CASE_TITLE_MAX, true);
  const type = f.given('type') && f.body.type !== null ? f.oneOf('type', CASE_TYPES) : null;
  const priority = f.given('priority') ? f.oneOf('priority', CASE_PRIORITIES) : 'normal';
  const country = f.country('country');
  const travellerId = f.given('travellerId') && f.body.travellerId !== null ? f.id('travellerId') : null;
  const crisisId = f.given('crisisId') && f.body.crisisId !== null ? f.id('crisisId') : null;
  const note = f.text('note', false) ?? null;
  const people: PersonInput[] = [];
  const given = f.body.people;
  if (given !== undefined && !Array.isArray(given)) f.fail('people', 'must be a list of people');
  else if (Array.isArray(given) && given.length > PEOPLE_MAX) f.fail('people', `must name at most ${PEOPLE_MAX} people`);
  else if (Array.isArray(given)) given.forEach((p, i) => { const person = checkPerson(p, `people.${i}.`, f.errors); if (person) people.push(person); });
  return done(f, { title: title!, type: type!, priority: priority!, country: country!, travellerId: travellerId!, crisisId: crisisId!, note, people });
}

export interface CasePatch {
  title?: string;
  type?: CaseType | null;
  status?: CaseStatus;
  outcome?: string;
  priority?: CasePriority;
  assigneeId?: number | null;
  country?: string;
}

export function validateCasePatch(input: unknown): Checked<CasePatch> {
  const f = new Fields(bodyOf(input));
  const patch: CasePatch = {};
  if (f.given('title')) patch.title = f.line('title', CASE_TITLE_MAX, true);
  if (f.given('type')) patch.type = f.body.type === null || f.body.type === '' ? null : f.oneOf('type', CASE_TYPES);
  if (f.given('status')) patch.status = f.oneOf('status', CASE_STATUSES);
  if (f.given('outcome') && f.body.outcome !== '') patch.outcome = f.text('outcome', true);
  if (f.given('priority')) patch.priority = f.oneOf('priority', CASE_PRIORITIES);
  if (f.given('assigneeId')) patch.assigneeId = f.body.assigneeId === null || f.body.assigneeId === '' ? null : f.id('assigneeId');
  if (f.given('country')) patch.country = f.country('country');
  if (!f.errors.length && Object.keys(patch).length === 0) f.fail('', 'change at least one of title, type, status (with outcome), priority, assigneeId, country');
  return done(f, patch);
}

export function validateNote(input: unknown): Checked<{ body: string }> {
  const f = new Fields(bodyOf(input));
  const body = f.text('body', true);
  return done(f, { body: body! });
}

export interface AccessInput {
  kind: AccessKind;
  date: string;
  note: string | null;
}

/** An access log entry: what happened and on which day; not a day to come. */
export function validateAccess(input: unknown, now: Date): Checked<AccessInput> {
  const f = new Fields(bodyOf(input));
  const kind = f.oneOf('kind', ACCESS_KINDS);
  const date = typeof f.body.date === 'string' ? f.body.date.trim() : f.body.date;
  if (typeof date !== 'string' || !isCalendarDate(date)) f.fail('date', 'must be a day, YYYY-MM-DD');
  else if (date > latestAccessDate(now)) f.fail('date', 'cannot be in the future: record what has happened');
  else if (date < '1970-01-01') f.fail('date', 'must be 1970 or later');
  const note = f.text('note', false) ?? null;
  return done(f, { kind: kind!, date: date as string, note });
}

export interface ContactInput {
  direction: 'incoming' | 'outgoing';
  channel: (typeof CONTACT_CHANNELS)[number];
  party: string;
  summary: string;
  at: string;
}

/** A contact log entry: who, how, which way, what was said, and when (default now; not later). */
export function validateContact(input: unknown, now: Date): Checked<ContactInput> {
  const f = new Fields(bodyOf(input));
  const direction = f.oneOf('direction', CONTACT_DIRECTIONS);
  const channel = f.oneOf('channel', CONTACT_CHANNELS);
  const party = f.line('party', NAME_MAX, true);
  const summary = f.text('summary', true);
  let at = now;
  if (f.given('at') && f.body.at !== '') {
    const parsed = typeof f.body.at === 'string' ? parseDateTime(f.body.at) : undefined;
    if (!parsed) f.fail('at', 'must be an RFC 3339 date-time with a zone, e.g. 2026-11-23T18:00:00+03:00');
    else if (parsed.getTime() > now.getTime() + 5 * 60_000) f.fail('at', 'cannot be in the future');
    else at = parsed;
  }
  return done(f, { direction: direction!, channel: channel!, party: party!, summary: summary!, at: at.toISOString() });
}
