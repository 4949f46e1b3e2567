import { slugify } from './advisory.ts';
import { findByCode } from './destinations.ts';
import type { FieldError } from './draft-fields.ts';
import { MISSION_STATUSES, MISSION_TYPES, type Mission, type MissionPhone, type MissionStatus, type MissionType } from './mission-types.ts';

/** Reads a destination's missions (src/domain/missions.ts) from untrusted input: API JSON or the console form. */

export const MISSION_LIMITS = { missions: 50, phones: 10, services: 30, short: 200, address: 500, note: 2_000 } as const;

const PHONE = /^\+?[0-9][0-9 ().-]{2,29}$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>"]{2,}$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const MISSION_KEYS = ['id', 'type', 'name', 'city', 'address', 'phones', 'email', 'hours', 'services', 'status', 'statusSince', 'statusNote', 'hostCountry'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clean(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

function str(value: unknown, field: string, max: number, errors: FieldError[], required = false): string {
  if (value === undefined || value === null) value = '';
  if (typeof value !== 'string') {
    errors.push({ field, message: 'must be text' });
    return '';
  }
  const text = clean(value);
  if (required && !text) errors.push({ field, message: 'is required' });
  if (text.length > max) errors.push({ field, message: `is too long (at most ${max} characters)` });
  return text;
}

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function readPhones(value: unknown, at: string, errors: FieldError[]): MissionPhone[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MISSION_LIMITS.phones) {
    errors.push({ field: at, message: `must be a list of at most ${MISSION_LIMITS.phones} { label, number, emergency }` });
    return [];
  }
  return value.flatMap((phone, i) => {
    const field = `${at}.${i}`;
    if (!isRecord(phone)) {
      errors.push({ field, message: "must be { label, number, emergency }" });
      return [];
    }
    const label = str(phone.label, `${field}.label`, MISSION_LIMITS.short, errors);
    const number = str(phone.number, `${field}.number`, 30, errors, true);
    if (number && !PHONE.test(number)) errors.push({ field: `${field}.number`, message: 'must be a phone number: digits, spaces, brackets, dots or dashes, with an optional leading +' });
    if (phone.emergency !== undefined && typeof phone.emergency !== 'boolean') errors.push({ field: `${field}.emergency`, message: 'must be true or false' });
    for (const key of Object.keys(phone)) if (!['label', 'number', 'emergency'].includes(key)) errors.push({ field: `${field}.${key}`, message: 'is not a field of a phone' });
    return [{ label, number, emergency: phone.emergency === true }];
  });
}

function readServices(value: unknown, at: string, errors: FieldError[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MISSION_LIMITS.services) {
    errors.push({ field: at, message: `must be a list of at most ${MISSION_LIMITS.services} services` });
    return [];
  }
  return value.map((s, i) => str(s, `${at}.${i}`, MISSION_LIMITS.short, errors, true));
}

function readMission(input: unknown, at: string, errors: FieldError[]): Mission | undefined {
  if (!isRecord(input)) return void errors.push({ field: at, message: 'must be a mission object' });
  const count = errors.length;
  const type = input.type as MissionType;
  if (!MISSION_TYPES.includes(type)) errors.push({ field: `${at}.type`, message: `must be one of ${MISSION_TYPES.join(', ')}` });
  const status = input.status as MissionStatus;
  if (!MISSION_STATUSES.includes(status)) errors.push({ field: `${at}.status`, message: `must be one of ${MISSION_STATUSES.join(', ')}` });
  const name = str(input.name, `${at}.name`, MISSION_LIMITS.short, errors, true);
  const city = str(input.city, `${at}.city`, MISSION_LIMITS.short, errors, true);
  const address = str(input.address, `${at}.address`, MISSION_LIMITS.address, errors);
  const email = str(input.email, `${at}.email`, 254, errors);
  if (email && !EMAIL.test(email)) errors.push({ field: `${at}.email`, message: 'must be an e-mail address like consular@example.org' });
  const hours = str(input.hours, `${at}.hours`, MISSION_LIMITS.address, errors);
  const statusNote = str(input.statusNote, `${at}.statusNote`, MISSION_LIMITS.note, errors);
  const since = str(input.statusSince, `${at}.statusSince`, 10, errors);
  if (since && !isDate(since)) errors.push({ field: `${at}.statusSince`, message: 'must be a date like 2026-04-30, or empty' });
  let id = str(input.id, `${at}.id`, 80, errors);
  if (id && !ID.test(id)) errors.push({ field: `${at}.id`, message: 'must be lower-case letters, digits and hyphens, like "embassy-moscow"' });
  if (!id) id = slugify(`${type ?? 'mission'} ${city}`) || 'mission';
  const host = str(input.hostCountry, `${at}.hostCountry`, 3, errors).toUpperCase();
  if (type === 'interests-section' && !host) errors.push({ field: `${at}.hostCountry`, message: 'an interests section names the country hosting it (its protecting power)' });
  if (host && !findByCode(host)) errors.push({ field: `${at}.hostCountry`, message: 'must be an ISO 3166-1 country code like CH' });
  const phones = readPhones(input.phones, `${at}.phones`, errors);
  const services = readServices(input.services, `${at}.services`, errors);
  for (const key of Object.keys(input)) if (!MISSION_KEYS.includes(key)) errors.push({ field: `${at}.${key}`, message: 'is not a field of a mission' });
  if (errors.length !== count) return undefined;
  return {
    id, type, name, city, address, phones, email, hours, services, status,
    statusSince: since || null, statusNote, hostCountry: type === 'interests-section' ? host : null,
  };
}

/** Reads a destination's missions; ids are made unique ("consulate-kazan-2") where generated ones collide. */
export function readMissions(value: unknown, errors: FieldError[], field = 'missions'): Mission[] | undefined {
  if (!Array.isArray(value) || value.length > MISSION_LIMITS.missions) {
    errors.push({ field, message: `must be a list of at most ${MISSION_LIMITS.missions} missions` });
    return undefined;
  }
  const count = errors.length;
  const missions = value.flatMap((item, i) => readMission(item, `${field}.${i}`, errors) ?? []);
  const seen = new Set<string>();
  missions.forEach((m, i) => {
    if (seen.has(m.id)) {
      let n = 2;
      while (seen.has(`${m.id}-${n}`)) n++;
      if ((value[i] as Record<string, unknown>).id) errors.push({ field: `${field}.${i}.id`, message: `another mission already uses the id "${m.id}"` });
      else m.id = `${m.id}-${n}`;
    }
    seen.add(m.id);
  });
  return errors.length === count ? missions : undefined;
}
