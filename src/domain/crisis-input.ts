import { readArea } from './alert-area.ts';
import { parseDateTime } from './alert-times.ts';
import { readHours } from './crisis-timers.ts';
import { checkPlaces, describeArea, type FieldError, type PlaceOptions } from './places.ts';

/**
 * What staff may say when they declare a crisis, and what a person may add to an answer
 * (docs/crises.md): client input in, a checked value or a message per field out. No I/O.
 */

// ---- What a crisis may say ----

export const TITLE_MAX = 160;
/** How far back a crisis may be said to have begun, and how far ahead (clock skew). */
const MAX_PAST_DAYS = 366;
const MAX_AHEAD_MS = 60 * 60_000;

export interface CrisisInput {
  title: string;
  destinations: string[];
  regions: string[];
  regionDestinations: string[];
  /** How the area reads: "Moskva (RU-MOW), Russia". */
  areaDesc: string;
  startedAt: string;
  exercise: boolean;
  alertId: number | null;
  /** A destination whose current advisory revision the crisis links to. */
  advisory: string | null;
  /** Timed follow-ups and contact escalation, in minutes; null = off. */
  followUpEveryMinutes: number | null;
  escalateAfterMinutes: number | null;
  /** CAP polygon and circle: shown with the crisis; scope stays by destination and region. */
  polygon: string | null;
  circle: string | null;
}

/** What may change on a crisis after it is declared: undefined = leave as it is. */
export interface CrisisSettings {
  followUpEveryMinutes?: number | null;
  escalateAfterMinutes?: number | null;
}

export type SettingsValidation = { ok: true; settings: CrisisSettings } | { ok: false; errors: FieldError[] };

/** `{ followUpEveryHours?, escalateAfterHours? }` (hours, null = off); nothing else may change. */
export function validateCrisisSettings(input: unknown): SettingsValidation {
  const errors: FieldError[] = [];
  const body = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const fail = (field: string, message: string) => errors.push({ field, message });
  for (const field of Object.keys(body)) if (field !== 'followUpEveryHours' && field !== 'escalateAfterHours') fail(field, 'cannot be changed after the crisis is declared');
  const followUp = readHours(body, 'followUpEveryHours', fail);
  const escalate = readHours(body, 'escalateAfterHours', fail);
  if (errors.length > 0) return { ok: false, errors };
  if (followUp === undefined && escalate === undefined) return { ok: false, errors: [{ field: 'followUpEveryHours', message: 'give followUpEveryHours or escalateAfterHours (a number of hours, or null for off)' }] };
  return { ok: true, settings: { ...(followUp !== undefined ? { followUpEveryMinutes: followUp } : {}), ...(escalate !== undefined ? { escalateAfterMinutes: escalate } : {}) } };
}

export type CrisisValidation = { ok: true; crisis: CrisisInput } | { ok: false; errors: FieldError[] };

const CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

/** Booleans as JSON sends them, or as a form does ("on", "true"). */
function flag(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
  if (value === true || value === 'true' || value === 'on' || value === '1') return true;
  return undefined;
}

export function validateCrisis(input: unknown, options: PlaceOptions & { now: Date }): CrisisValidation {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const body = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;

  const title = typeof body.title === 'string' ? body.title.trim().replace(/\s+/g, ' ') : '';
  if (body.title !== undefined && typeof body.title !== 'string') fail('title', 'must be text');
  else if (!title) fail('title', 'is required, e.g. "Unrest in Moscow"');
  else if (title.length > TITLE_MAX) fail('title', `must be at most ${TITLE_MAX} characters (got ${title.length})`);
  else if (CONTROL.test(title)) fail('title', 'must be one line without control characters');

  const places = checkPlaces(body, options, fail);

  let startedAt = options.now;
  if (body.startedAt !== undefined && body.startedAt !== null && body.startedAt !== '') {
    const parsed = typeof body.startedAt === 'string' ? parseDateTime(body.startedAt) : undefined;
    if (!parsed) fail('startedAt', 'must be an RFC 3339 date-time with a zone, e.g. 2026-11-23T18:00:00+03:00');
    else if (parsed.getTime() > options.now.getTime() + MAX_AHEAD_MS) fail('startedAt', 'cannot be in the future: declare a crisis once it has begun (an alert warns of one to come)');
    else if (parsed.getTime() < options.now.getTime() - MAX_PAST_DAYS * 86_400_000) fail('startedAt', `must be within the last ${MAX_PAST_DAYS} days`);
    else startedAt = parsed;
  }

  const exercise = flag(body.exercise);
  if (exercise === undefined) fail('exercise', 'must be true or false');

  let alertId: number | null = null;
  if (body.alertId !== undefined && body.alertId !== null && body.alertId !== '') {
    const n = typeof body.alertId === 'string' && /^\d{1,10}$/.test(body.alertId) ? Number(body.alertId) : body.alertId;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) fail('alertId', 'must be the id of an alert');
    else alertId = n;
  }

  let advisory: string | null = null;
  if (body.advisory !== undefined && body.advisory !== null && body.advisory !== '') {
    const code = typeof body.advisory === 'string' ? body.advisory.trim().toUpperCase() : '';
    if (!places.destinations.includes(code)) fail('advisory', 'must be one of the crisis\'s destinations (ISO 3166-1 alpha-2), whose current advisory it links to');
    else advisory = code;
  }

  const followUpEveryMinutes = readHours(body, 'followUpEveryHours', fail) ?? null;
  const escalateAfterMinutes = readHours(body, 'escalateAfterHours', fail) ?? null;
  const { polygon, circle } = readArea(body, fail);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    crisis: {
      followUpEveryMinutes, escalateAfterMinutes, polygon, circle,
      title, destinations: places.destinations, regions: places.regions, regionDestinations: places.regionDestinations,
      areaDesc: describeArea(places.destinations, places.labels), startedAt: startedAt.toISOString(), exercise: exercise!, alertId, advisory,
    },
  };
}

// ---- The optional details after an answer ----

export const DETAIL_LIMITS = { location: 200, note: 2000, party: 500 } as const;

export interface AnswerDetails {
  location: string | null;
  partySize: number | null;
  note: string | null;
}

export type DetailsValidation = { ok: true; details: AnswerDetails } | { ok: false; errors: FieldError[] };

/** Where the person is, how many people are with them (themselves included) and a note; all optional, at least one given. */
export function validateDetails(input: Record<string, unknown>): DetailsValidation {
  const errors: FieldError[] = [];
  const text = (field: 'location' | 'note', multiline: boolean): string | null => {
    const value = input[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      errors.push({ field, message: 'must be text' });
      return null;
    }
    const trimmed = value.replace(/\r\n?/g, '\n').trim();
    if (!trimmed) return null;
    if (trimmed.length > DETAIL_LIMITS[field]) errors.push({ field, message: `must be at most ${DETAIL_LIMITS[field]} characters` });
    else if (CONTROL.test(multiline ? trimmed.replace(/[\n\t]/g, '') : trimmed)) errors.push({ field, message: 'contains control characters' });
    return trimmed;
  };
  const location = text('location', false);
  const note = text('note', true);
  let partySize: number | null = null;
  const party = input.partySize;
  if (party !== undefined && party !== null && party !== '') {
    const n = typeof party === 'string' && /^\s*\d{1,4}\s*$/.test(party) ? Number(party) : party;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > DETAIL_LIMITS.party) errors.push({ field: 'partySize', message: `must be a whole number from 1 to ${DETAIL_LIMITS.party} (you included)` });
    else partySize = n;
  }
  if (errors.length > 0) return { ok: false, errors };
  if (location === null && note === null && partySize === null) return { ok: false, errors: [{ field: 'location', message: 'give where you are, how many people are with you, or a note' }] };
  return { ok: true, details: { location, partySize, note } };
}
