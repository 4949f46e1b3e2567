import { checkPlaces, describeArea, type FieldError, type RegionResolver } from './places.ts';

export type { FieldError, RegionResolver } from './places.ts';

/**
 * Embassy alerts as plain rules (no I/O), mapped 1:1 onto OASIS CAP 1.2 (docs/alerts.md): the
 * value lists, what an alert may contain, and how the input a client sends (camelCase JSON, or
 * the console form) becomes a checked alert with field messages for everything wrong at once.
 */

export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
/** CAP also has System and Draft; neither is something an embassy issues to the public. */
export const ALERT_STATUSES = ['Actual', 'Exercise', 'Test'] as const;
/** CAP also has Ack and Error, which answer other systems' messages; Waypost does not receive any. */
export const ALERT_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;

export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertMsgType = (typeof ALERT_MSG_TYPES)[number];

export const CATEGORY_LABELS: Record<CapCategory, string> = {
  Geo: 'Geophysical (earthquake, landslide…)', Met: 'Weather (storm, flood…)', Safety: 'General safety', Security: 'Security (demonstration, attack, unrest…)',
  Rescue: 'Rescue and recovery', Fire: 'Fire', Health: 'Health (outbreak…)', Env: 'Pollution and environment', Transport: 'Transport (airport, border, roads…)',
  Infra: 'Infrastructure (power, telecoms…)', CBRNE: 'Chemical, biological, radiological, nuclear or explosive', Other: 'Other',
};

/** The area an alert covers: destinations (ISO 3166-1), optional regions, optional polygon and circle in CAP syntax. */
export interface AlertArea {
  areaDesc: string;
  /** "lat,lon lat,lon …", at least 4 pairs, first == last (WGS 84). */
  polygon: string | null;
  /** "lat,lon radius" with the radius in kilometres. */
  circle: string | null;
}

/** A checked alert, ready to store: every time is UTC, to the second ("2026-11-23T10:00:00Z"). */
export interface AlertContent {
  status: AlertStatus;
  msgType: AlertMsgType;
  /** Waypost ids of the alerts an Update or Cancel refers to (resolved by the service). */
  references: number[];
  note: string | null;
  language: string;
  category: CapCategory;
  event: string;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  headline: string;
  description: string;
  instruction: string | null;
  contact: string | null;
  senderName: string;
  web: string | null;
  effective: string;
  onset: string | null;
  expires: string;
  destinations: string[];
  /** ISO 3166-2 codes ("RU-MOW") or area names as travellers' trips store them ("Moscow"). */
  regions: string[];
  area: AlertArea;
}

/** References as the client sent them: Waypost ids or CAP identifiers. */
export type ReferenceInput = number | string;

export interface ValidatedAlert {
  content: Omit<AlertContent, 'references'>;
  /** The references as sent, to be resolved against stored alerts. */
  references: ReferenceInput[];
  /** Which destination each region narrows (for the audience: a region narrows only its own country). */
  regionDestinations: string[];
}

export type ValidationResult = { ok: true; alert: ValidatedAlert } | { ok: false; errors: FieldError[] };

// ---- Times ----

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** "2026-11-23T10:00:00Z" (UTC, whole seconds): how alert times are stored and compared as text. */
export function utcSecond(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Parses an RFC 3339 date-time with a zone; undefined for anything else (no zone, impossible dates). */
export function parseDateTime(text: string): Date | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  const date = new Date(text.trim());
  if (Number.isNaN(date.getTime())) return undefined;
  // "2026-02-30" rolls over to March in Date: refuse it rather than move the alert.
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(d) > days) return undefined;
  // Stored and compared as "YYYY-…Z" text: an offset must not carry the UTC year out of 4 digits.
  const year = date.getUTCFullYear();
  if (year < 1970 || year > 9999) return undefined;
  return date;
}

/** CAP's dateTime: "2026-11-23T10:00:00+00:00" (a zone offset, no fraction; "Z" is not allowed). */
export function capDateTime(stored: string): string {
  return `${stored.slice(0, 19)}+00:00`;
}

// ---- Area ----

type CoordinateResult = { ok: true; lat: number; lon: number } | { ok: false; message: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function coordinate(pair: string): CoordinateResult {
  const parts = pair.split(',');
  if (parts.length !== 2 || !NUMBER.test(parts[0]!) || !NUMBER.test(parts[1]!)) return { ok: false, message: `"${pair.slice(0, 40)}" is not a "latitude,longitude" pair` };
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (lat < -90 || lat > 90) return { ok: false, message: `latitude ${parts[0]} is outside -90…90` };
  if (lon < -180 || lon > 180) return { ok: false, message: `longitude ${parts[1]} is outside -180…180` };
  return { ok: true, lat, lon };
}

/** Checks a CAP polygon ("lat,lon lat,lon …"); returns it with single spaces, or a message. */
export function checkPolygon(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const pairs = text.trim().split(/\s+/).filter(Boolean);
  for (const pair of pairs) {
    const c = coordinate(pair);
    if (!c.ok) return c;
  }
  if (pairs.length < 4) return { ok: false, message: `a polygon needs at least 4 "lat,lon" pairs, the last equal to the first (got ${pairs.length})` };
  const [a, b] = [coordinate(pairs[0]!), coordinate(pairs.at(-1)!)];
  if (a.ok && b.ok && (a.lat !== b.lat || a.lon !== b.lon)) return { ok: false, message: 'the polygon is not closed: its last point must equal its first' };
  return { ok: true, value: pairs.join(' ') };
}

/** Checks a CAP circle ("lat,lon radius", radius in km); returns it normalised, or a message. */
export function checkCircle(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return { ok: false, message: 'a circle is "latitude,longitude radius" with the radius in kilometres, e.g. "55.75,37.62 5"' };
  const c = coordinate(parts[0]!);
  if (!c.ok) return c;
  if (!NUMBER.test(parts[1]!)) return { ok: false, message: `radius "${parts[1]!.slice(0, 20)}" is not a number of kilometres` };
  const radius = Number(parts[1]);
  if (radius < 0) return { ok: false, message: 'the radius cannot be negative' };
  if (radius > 20_040) return { ok: false, message: 'the radius is larger than half the Earth\'s circumference (20,040 km)' };
  return { ok: true, value: `${parts[0]} ${parts[1]}` };
}

// ---- Text ----

/** Characters XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE/FFFF; lone surrogates). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** Unicode control characters (C0, DEL, C1). */
const CONTROL = /\p{Cc}/u;

/** Severe and Extreme alerts go to everyone in the area at once, ignoring message-type choices. */
export function isUrgentAlert(severity: CapSeverity): boolean {
  return severity === 'Severe' || severity === 'Extreme';
}

/** Field limits (characters). CAP suggests headlines under 160 characters, for SMS and pagers. */
export const LIMITS = { event: 120, headline: 160, description: 10_000, instruction: 5_000, contact: 500, senderName: 200, note: 1_000, areaDesc: 500, web: 2_000 } as const;

export interface ValidateOptions {
  now: Date;
  resolveRegion: RegionResolver;
  /** How the area reads when the client gives no areaDesc, from the resolved regions. */
  regionLabel?: (region: string) => string;
}

/**
 * Checks what a client sent (JSON or a form made into the same shape) and returns the alert, or
 * every field message at once. Unknown destinations and regions, impossible coordinates, times in
 * the wrong order and values outside the CAP lists are refused; references are checked for shape
 * here and against stored alerts by the service.
 */
export function validateAlert(input: unknown, options: ValidateOptions): ValidationResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const body = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;

  function text(field: string, required: boolean, max: number, multiline: boolean): string | null {
    const value = body[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) fail(field, 'is required');
      return null;
    }
    if (typeof value !== 'string') {
      fail(field, 'must be text');
      return null;
    }
    const trimmed = value.replace(/\r\n?/g, '\n').trim();
    if (trimmed.length > max) fail(field, `must be at most ${max} characters (got ${trimmed.length})`);
    else if (NOT_XML.test(trimmed) || (multiline ? CONTROL.test(trimmed.replace(/[\n\t]/g, '')) : CONTROL.test(trimmed) || /[\n\t]/.test(trimmed))) {
      fail(field, multiline ? 'contains control characters' : 'must be one line without control characters');
    }
    return trimmed;
  }

  function choice<T extends string>(field: string, values: readonly T[], fallback?: T): T | undefined {
    const value = body[field];
    if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
    if (value === undefined || value === null || value === '') {
      fail(field, `is required: one of ${values.join(', ')}`);
      return undefined;
    }
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      fail(field, `must be one of ${values.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  function time(field: string, required: boolean): Date | null {
    const value = body[field];
    if (value === undefined || value === null || value === '') {
      if (required) fail(field, 'is required: an RFC 3339 date-time with a zone, e.g. 2026-11-23T18:00:00+03:00');
      return null;
    }
    const parsed = typeof value === 'string' ? parseDateTime(value) : undefined;
    if (!parsed) fail(field, 'must be an RFC 3339 date-time with a zone, e.g. 2026-11-23T18:00:00+03:00');
    return parsed ?? null;
  }

  const status = choice('status', ALERT_STATUSES, 'Actual');
  const msgType = choice('msgType', ALERT_MSG_TYPES, 'Alert');
  const category = choice('category', CAP_CATEGORIES);
  const urgency = choice('urgency', CAP_URGENCIES);
  const severity = choice('severity', CAP_SEVERITIES);
  const certainty = choice('certainty', CAP_CERTAINTIES);
  const event = text('event', true, LIMITS.event, false);
  const headline = text('headline', true, LIMITS.headline, false);
  const description = text('description', true, LIMITS.description, true);
  const instruction = text('instruction', false, LIMITS.instruction, true);
  const contact = text('contact', false, LIMITS.contact, true);
  const senderName = text('senderName', true, LIMITS.senderName, false);
  const note = text('note', false, LIMITS.note, true);
  const areaDescInput = text('areaDesc', false, LIMITS.areaDesc, false);

  let language = 'en';
  if (body.language !== undefined && body.language !== null && body.language !== '') {
    if (typeof body.language !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(body.language)) fail('language', 'must be a language tag such as en or en-GB');
    else language = body.language;
  }

  const webText = text('web', false, LIMITS.web, false);
  let web: string | null = null;
  if (webText) {
    try {
      const url = new URL(webText);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      web = url.href;
    } catch {
      fail('web', 'must be an http or https URL');
    }
  }

  const { destinations, regions, regionDestinations, labels } = checkPlaces(body, options, fail);

  let polygon: string | null = null;
  let circle: string | null = null;
  const area = body.area;
  if (area !== undefined && area !== null) {
    if (typeof area !== 'object' || Array.isArray(area)) fail('area', 'must be an object with polygon and/or circle');
    else {
      const { polygon: p, circle: c } = area as Record<string, unknown>;
      if (p !== undefined && p !== null && p !== '') {
        if (typeof p !== 'string' || p.length > 20_000) fail('area.polygon', 'must be CAP text: "lat,lon lat,lon …" (at most 20,000 characters)');
        else {
          const checked = checkPolygon(p);
          if (checked.ok) polygon = checked.value;
          else fail('area.polygon', checked.message);
        }
      }
      if (c !== undefined && c !== null && c !== '') {
        if (typeof c !== 'string' || c.length > 100) fail('area.circle', 'must be CAP text: "lat,lon radius"');
        else {
          const checked = checkCircle(c);
          if (checked.ok) circle = checked.value;
          else fail('area.circle', checked.message);
        }
      }
    }
  }

  const now = options.now;
  const effective = time('effective', false) ?? now;
  const onset = time('onset', false);
  const expires = time('expires', true);
  if (expires && expires.getTime() <= effective.getTime()) fail('expires', 'must be after effective');
  else if (expires && expires.getTime() <= now.getTime()) fail('expires', 'is in the past: the alert would never be shown');
  if (onset && expires && onset.getTime() >= expires.getTime()) fail('onset', 'must be before expires');

  // References: required for Update and Cancel, refused on a new Alert.
  const references: ReferenceInput[] = [];
  const rawReferences = typeof body.references === 'string' || typeof body.references === 'number' ? [body.references] : body.references ?? [];
  if (!Array.isArray(rawReferences)) fail('references', 'must be a list of alert ids');
  else {
    rawReferences.forEach((ref, i) => {
      if (typeof ref === 'number' && Number.isInteger(ref) && ref > 0 && ref < 2 ** 31) references.push(ref);
      else if (typeof ref === 'string' && /^\d{1,9}$/.test(ref.trim())) references.push(Number(ref.trim()));
      else if (typeof ref === 'string' && /^[^\s,<&\p{Cc}]{1,200}$/u.test(ref.trim())) references.push(ref.trim());
      else fail(`references.${i}`, 'must be an alert id or a CAP identifier');
    });
    if (msgType && msgType !== 'Alert' && rawReferences.length === 0) fail('references', `an ${msgType} must name the alert it ${msgType === 'Update' ? 'updates' : 'cancels'}`);
    if (msgType === 'Alert' && rawReferences.length > 0) fail('references', 'only an Update or a Cancel refers to earlier alerts; use msgType Update');
    if (rawReferences.length > 20) fail('references', 'at most 20 references');
  }

  if (errors.length > 0 || !status || !msgType || !category || !urgency || !severity || !certainty || !event || !headline || !description || !senderName || !expires) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    alert: {
      content: {
        status, msgType, note, language, category, event, urgency, severity, certainty, headline, description, instruction, contact, senderName, web,
        effective: utcSecond(effective),
        onset: onset ? utcSecond(onset) : null,
        expires: utcSecond(expires),
        destinations,
        regions,
        area: { areaDesc: areaDescInput ?? describeArea(destinations, labels), polygon, circle },
      },
      references,
      regionDestinations,
    },
  };
}
