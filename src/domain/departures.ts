import { parseDateTime } from './alert-times.ts';
import { findByCode } from './destinations.ts';
import type { FieldError } from './places.ts';

/**
 * Departure assistance as plain rules (no I/O; docs/crises.md "Departure assistance"): what a
 * request to be helped to leave may say, what a departure (a flight, bus or ship staff organise)
 * may say, and the checks every change passes — a departure never holds more persons than its
 * capacity (counted by party size), a request is on at most one departure, only someone assigned
 * may board, and a departure that has gone or was cancelled takes nobody more.
 */

export const DEPARTURE_MODES = ['flight', 'bus', 'ship', 'other'] as const;
export type DepartureMode = (typeof DEPARTURE_MODES)[number];
export const DEPARTURE_STATUSES = ['planned', 'boarding', 'departed', 'cancelled'] as const;
export type DepartureStatus = (typeof DEPARTURE_STATUSES)[number];

export const REQUEST_LIMITS = { party: 50, codes: 10, location: 200, specialNeeds: 1000, phone: 30 } as const;
export const DEPARTURE_LIMITS = { label: 120, meetingPoint: 300, capacity: 10_000, message: 1000, daysAhead: 90, daysBack: 2 } as const;

export interface DepartureRequestInput {
  partySize: number;
  /** Children and others in the party who cannot travel alone; never more than the party less one. */
  dependants: number;
  /** ISO 3166-1 alpha-2, as given (alpha-3 accepted). */
  citizenships: string[];
  passports: string[];
  specialNeeds: string | null;
  location: string;
  phone: string | null;
}

export interface DepartureInput {
  mode: DepartureMode;
  label: string;
  capacity: number;
  meetingPoint: string;
  /** RFC 3339, UTC. */
  meetingAt: string;
  status: DepartureStatus;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

type Fail = (field: string, message: string) => void;

/** Optional text (null when absent or blank), trimmed; one line unless `multiline`. */
function text(value: unknown, field: string, max: number, fail: Fail, multiline = false): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    fail(field, 'must be text');
    return null;
  }
  const trimmed = (multiline ? value.replace(/\r\n?/g, '\n') : value.replace(/\s+/g, ' ')).trim();
  if (!trimmed) return null;
  if (trimmed.length > max) fail(field, `must be at most ${max} characters (got ${trimmed.length})`);
  else if (CONTROL.test(multiline ? trimmed.replace(/[\n\t]/g, '') : trimmed)) fail(field, 'must not contain control characters');
  return trimmed;
}

/** A whole number from `min` to `max`, given as a number or as digits (forms); null when absent. */
function whole(value: unknown, field: string, min: number, max: number, fail: Fail, what: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    fail(field, `must be a whole number from ${min} to ${max}${what}`);
    return null;
  }
  return n;
}

/** Country codes as a list or as "GB, FR" text: each a known ISO 3166-1 code, no repeats, at most 10. */
function codes(value: unknown, field: string, fail: Fail): string[] {
  const given = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/) : value === undefined || value === null ? [] : undefined;
  if (given === undefined) {
    fail(field, 'must be a list of ISO 3166-1 country codes, e.g. ["GB", "FR"]');
    return [];
  }
  const out: string[] = [];
  given.forEach((entry: unknown, i) => {
    if (typeof entry === 'string' && !entry.trim()) return;
    const found = typeof entry === 'string' && /^[A-Za-z]{2,3}$/.test(entry.trim()) ? findByCode(entry.trim()) : undefined;
    if (!found) fail(`${field}.${i}`, `is not an ISO 3166-1 country code (GB, FRA): "${String(entry).slice(0, 20)}"`);
    else if (!out.includes(found.code)) out.push(found.code);
  });
  if (out.length > REQUEST_LIMITS.codes) fail(field, `must list at most ${REQUEST_LIMITS.codes} countries`);
  return out;
}

/** What a person asks for when they need help to leave (the form from the check-in page or /account, or JSON). */
export function validateDepartureRequest(input: unknown): Checked<DepartureRequestInput> {
  const errors: FieldError[] = [];
  const fail: Fail = (field, message) => errors.push({ field, message });
  const body = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;

  const partySize = whole(body.partySize, 'partySize', 1, REQUEST_LIMITS.party, fail, ' (you included; a larger group asks in parts or calls the embassy)');
  if (partySize === null && !errors.some((e) => e.field === 'partySize')) fail('partySize', 'is required: how many people leave with you, you included');
  const dependants = whole(body.dependants, 'dependants', 0, REQUEST_LIMITS.party - 1, fail, '') ?? 0;
  if (partySize !== null && dependants > partySize - 1) fail('dependants', `must be fewer than the party (${partySize}): dependants are the others in it who cannot travel alone`);

  const citizenships = codes(body.citizenships, 'citizenships', fail);
  if (citizenships.length === 0 && !errors.some((e) => e.field.startsWith('citizenships'))) fail('citizenships', 'is required: at least one ISO 3166-1 code, e.g. GB');
  const passports = codes(body.passports, 'passports', fail);

  const specialNeeds = text(body.specialNeeds, 'specialNeeds', REQUEST_LIMITS.specialNeeds, fail, true);
  const location = text(body.location, 'location', REQUEST_LIMITS.location, fail);
  if (location === null && !errors.some((e) => e.field === 'location')) fail('location', 'is required: where you are now (a town, a district, an address)');
  const phone = text(body.phone, 'phone', REQUEST_LIMITS.phone, fail);
  if (phone !== null && !/^\+?[0-9][0-9 ().-]*$/.test(phone)) fail('phone', 'must be a phone number: digits, spaces, "+", "-", "(", ")"');
  else if (phone !== null && phone.replace(/\D/g, '').length < 5) fail('phone', 'must have at least 5 digits');

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { partySize: partySize!, dependants, citizenships, passports, specialNeeds, location: location!, phone } };
}

/**
 * A departure as staff declare it, or (`partial`) the fields a change names. `meetingAt` is an
 * RFC 3339 time with a zone, from two days back (recording one late) to 90 days ahead.
 */
export function validateDeparture(input: unknown, options: { now: Date; partial?: boolean }): Checked<Partial<DepartureInput>> {
  const errors: FieldError[] = [];
  const fail: Fail = (field, message) => errors.push({ field, message });
  const body = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const out: Partial<DepartureInput> = {};
  const required = (field: keyof DepartureInput, hint: string) => {
    if (!options.partial && out[field] === undefined && !errors.some((e) => e.field === field)) fail(field, `is required: ${hint}`);
  };

  if (body.mode !== undefined) {
    if (typeof body.mode === 'string' && (DEPARTURE_MODES as readonly string[]).includes(body.mode)) out.mode = body.mode as DepartureMode;
    else fail('mode', `must be one of ${DEPARTURE_MODES.join(', ')}`);
  }
  required('mode', DEPARTURE_MODES.join(', '));
  const label = text(body.label, 'label', DEPARTURE_LIMITS.label, fail);
  if (label !== null) out.label = label;
  required('label', 'what people will recognise, e.g. "Charter flight VIE 1"');
  const capacity = whole(body.capacity, 'capacity', 1, DEPARTURE_LIMITS.capacity, fail, ' persons');
  if (capacity !== null) out.capacity = capacity;
  required('capacity', 'how many persons it takes');
  const meetingPoint = text(body.meetingPoint, 'meetingPoint', DEPARTURE_LIMITS.meetingPoint, fail);
  if (meetingPoint !== null) out.meetingPoint = meetingPoint;
  required('meetingPoint', 'where people gather');
  if (body.meetingAt !== undefined && body.meetingAt !== null && body.meetingAt !== '') {
    const at = typeof body.meetingAt === 'string' ? parseDateTime(body.meetingAt) : undefined;
    const now = options.now.getTime();
    if (!at) fail('meetingAt', 'must be an RFC 3339 date-time with a zone, e.g. 2026-11-24T08:00:00+03:00');
    else if (at.getTime() > now + DEPARTURE_LIMITS.daysAhead * 86_400_000) fail('meetingAt', `must be within ${DEPARTURE_LIMITS.daysAhead} days`);
    else if (at.getTime() < now - DEPARTURE_LIMITS.daysBack * 86_400_000) fail('meetingAt', `must not be more than ${DEPARTURE_LIMITS.daysBack} days ago`);
    else out.meetingAt = at.toISOString();
  }
  required('meetingAt', 'when people meet (RFC 3339 with a zone)');
  if (body.status !== undefined) {
    if (typeof body.status === 'string' && (DEPARTURE_STATUSES as readonly string[]).includes(body.status)) out.status = body.status as DepartureStatus;
    else fail('status', `must be one of ${DEPARTURE_STATUSES.join(', ')}`);
  }
  if (!options.partial && out.status === undefined && !errors.some((e) => e.field === 'status')) out.status = 'planned';
  if (!options.partial && out.status !== undefined && out.status !== 'planned') fail('status', 'a new departure is planned; change its status afterwards');

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: out };
}

// ---- The checks every change passes ----

export type Verdict = { ok: true } | { ok: false; message: string };
const refuse = (message: string): Verdict => ({ ok: false, message });
const OK: Verdict = { ok: true };

/** Which status may follow which: planned ↔ boarding → departed; anything not departed may be cancelled; departed and cancelled are final. */
const NEXT: Record<DepartureStatus, readonly DepartureStatus[]> = {
  planned: ['boarding', 'departed', 'cancelled'],
  boarding: ['planned', 'departed', 'cancelled'],
  departed: [],
  cancelled: [],
};

export function statusChange(from: DepartureStatus, to: DepartureStatus, boarded: number): Verdict {
  if (from === to) return OK;
  if (!NEXT[from].includes(to)) return refuse(`A departure that is ${from} cannot become ${to}.`);
  if (to === 'cancelled' && boarded > 0) return refuse(`${boarded} ${boarded === 1 ? 'person has' : 'people have'} boarded: a departure with people on board cannot be cancelled.`);
  return OK;
}

export interface DepartureLoad {
  id: number;
  status: DepartureStatus;
  capacity: number;
  /** Persons (sum of party sizes) of the requests assigned now. */
  assigned: number;
}

export interface RequestPlace {
  id: number;
  partySize: number;
  departureId: number | null;
  boarded: boolean;
}

/** Places left: never below zero. */
export const remaining = (d: Pick<DepartureLoad, 'capacity' | 'assigned'>): number => Math.max(0, d.capacity - d.assigned);

/** A departure that is still to go (planned or boarding) takes people; one gone or cancelled takes nobody. */
const open = (status: DepartureStatus) => status === 'planned' || status === 'boarding';

/** A new capacity holds everyone already assigned. */
export function capacityChange(departure: DepartureLoad, capacity: number): Verdict {
  if (capacity < departure.assigned) return refuse(`${departure.assigned} persons are assigned: the capacity cannot go below that (asked ${capacity}). Unassign some first.`);
  return OK;
}

/** Assigning requests: all or none; each on no other departure; the persons they add fit the room left. */
export function assignment(departure: DepartureLoad, requests: readonly RequestPlace[]): Verdict {
  if (!open(departure.status)) return refuse(`This departure is ${departure.status}: it takes nobody more.`);
  const elsewhere = requests.filter((r) => r.departureId !== null && r.departureId !== departure.id);
  if (elsewhere.length > 0) return refuse(`Request${elsewhere.length === 1 ? '' : 's'} ${elsewhere.map((r) => r.id).join(', ')} ${elsewhere.length === 1 ? 'is' : 'are'} already assigned to another departure: unassign ${elsewhere.length === 1 ? 'it' : 'them'} there first.`);
  const adding = requests.filter((r) => r.departureId === null).reduce((sum, r) => sum + r.partySize, 0);
  if (adding > remaining(departure)) return refuse(`Not enough room: these requests are ${adding} persons and ${remaining(departure)} of ${departure.capacity} places are left. Nothing was assigned.`);
  return OK;
}

export function unassignment(request: RequestPlace, departureId: number): Verdict {
  if (request.departureId !== departureId) return refuse(`Request ${request.id} is not assigned to this departure.`);
  if (request.boarded) return refuse(`Request ${request.id} has boarded: boarding is kept on record and cannot be undone by unassigning.`);
  return OK;
}

/** Only people assigned to this departure board it, and not a cancelled one. */
export function boarding(departure: Pick<DepartureLoad, 'id' | 'status'>, requests: readonly RequestPlace[]): Verdict {
  if (departure.status === 'cancelled') return refuse('This departure was cancelled: nobody boards it.');
  const strangers = requests.filter((r) => r.departureId !== departure.id);
  if (strangers.length > 0) return refuse(`Only people assigned to this departure can board it; not assigned: request${strangers.length === 1 ? '' : 's'} ${strangers.map((r) => r.id).join(', ')}. Nothing was marked.`);
  return OK;
}

/**
 * A person changing their request: not once they have boarded; on a departure, a larger party
 * must still fit it (their own places count as theirs).
 */
export function requestChange(current: RequestPlace | null, departure: DepartureLoad | null, partySize: number): Verdict {
  if (!current) return OK;
  if (current.boarded) return refuse('You have boarded your departure: this request can no longer be changed. Contact the embassy if you need more help.');
  if (departure && partySize - current.partySize > remaining(departure)) {
    return refuse(`Your departure has no room for ${partySize} people (${remaining(departure) + current.partySize} places can be yours). Contact the embassy, or ask for fewer people now.`);
  }
  return OK;
}

/** The order staff see unassigned requests in: special needs first, then the largest party, then the oldest. */
export function requestPriority(a: { id: number; partySize: number; specialNeeds: string | null }, b: typeof a): number {
  return Number(b.specialNeeds !== null) - Number(a.specialNeeds !== null) || b.partySize - a.partySize || a.id - b.id;
}

/** What staff tell the people of a departure: required, at most 1,000 characters, lines allowed. */
export function validateMessage(input: unknown): Checked<string> {
  const errors: FieldError[] = [];
  const value = text(input, 'text', DEPARTURE_LIMITS.message, (field, message) => errors.push({ field, message }), true);
  if (errors.length > 0) return { ok: false, errors };
  if (value === null) return { ok: false, errors: [{ field: 'text', message: 'is required: what the people assigned should know or do' }] };
  return { ok: true, value };
}
