import { readArea } from './alert-area.ts';
import { checkPlaces, describeArea } from './places.ts';
import { parseDateTime, utcSecond } from './alert-times.ts';
import {
  ALERT_MSG_TYPES, ALERT_STATUSES, CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES, LIMITS,
  type AlertMsgType, type FieldError, type ReferenceInput, type RegionResolver, type ValidationResult,
} from './alerts.ts';

/**
 * How the input a client sends (camelCase JSON, or the console form made into the same shape)
 * becomes a checked alert, with field messages for everything wrong at once (docs/alerts.md).
 */

export interface ValidateOptions {
  now: Date;
  resolveRegion: RegionResolver;
  /** How the area reads when the client gives no areaDesc, from the resolved regions. */
  regionLabel?: (region: string) => string;
  /** The senderName of an alert whose client gives none: the deployment's authority (docs/identity.md). Without it, senderName is required. */
  defaultSenderName?: string;
}

type Body = Record<string, unknown>;
type Fail = (field: string, message: string) => void;

/** Characters XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE/FFFF; lone surrogates). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** Unicode control characters (C0, DEL, C1). */
const CONTROL = /\p{Cc}/u;
const ZONED_EXAMPLE = 'an RFC 3339 date-time with a zone, e.g. 2026-11-23T18:00:00+03:00';

const absent = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Checks what a client sent and returns the alert, or every field message at once. Unknown
 * destinations and regions, impossible coordinates, times in the wrong order and values outside
 * the CAP lists are refused; references are checked for shape here and against stored alerts by
 * the service. Fields are checked in a fixed order, which is the order of the messages.
 */
export function validateAlert(input: unknown, options: ValidateOptions): ValidationResult {
  const errors: FieldError[] = [];
  const fail: Fail = (field, message) => errors.push({ field, message });
  const body = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Body;
  const read = fieldReader(body, fail);

  const status = read.choice('status', ALERT_STATUSES, 'Actual');
  const msgType = read.choice('msgType', ALERT_MSG_TYPES, 'Alert');
  const category = read.choice('category', CAP_CATEGORIES);
  const urgency = read.choice('urgency', CAP_URGENCIES);
  const severity = read.choice('severity', CAP_SEVERITIES);
  const certainty = read.choice('certainty', CAP_CERTAINTIES);
  const event = read.text('event', true, LIMITS.event, false);
  const headline = read.text('headline', true, LIMITS.headline, false);
  const description = read.text('description', true, LIMITS.description, true);
  const instruction = read.text('instruction', false, LIMITS.instruction, true);
  const contact = read.text('contact', false, LIMITS.contact, true);
  const senderName = read.text('senderName', !options.defaultSenderName, LIMITS.senderName, false) ?? options.defaultSenderName?.slice(0, LIMITS.senderName);
  const note = read.text('note', false, LIMITS.note, true);
  const areaDescInput = read.text('areaDesc', false, LIMITS.areaDesc, false);
  const language = readLanguage(body, fail);
  const web = readWeb(read.text('web', false, LIMITS.web, false), fail);
  const { destinations, regions, regionDestinations, labels } = checkPlaces(body, options, fail);
  const { polygon, circle } = readArea(body, fail);
  const { effective, onset, expires } = readTimes(read, options.now, fail);
  const references = readReferences(body, msgType, fail);

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

type FieldReader = ReturnType<typeof fieldReader>;

/** Readers of one field each: text (trimmed, length and control characters checked), a CAP value, a time. */
function fieldReader(body: Body, fail: Fail) {
  return {
    text(field: string, required: boolean, max: number, multiline: boolean): string | null {
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
    },

    choice<T extends string>(field: string, values: readonly T[], fallback?: T): T | undefined {
      const value = body[field];
      if (absent(value) && fallback !== undefined) return fallback;
      if (absent(value)) {
        fail(field, `is required: one of ${values.join(', ')}`);
        return undefined;
      }
      if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
        fail(field, `must be one of ${values.join(', ')}`);
        return undefined;
      }
      return value as T;
    },

    time(field: string, required: boolean): Date | null {
      const value = body[field];
      if (absent(value)) {
        if (required) fail(field, `is required: ${ZONED_EXAMPLE}`);
        return null;
      }
      const parsed = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (!parsed) fail(field, `must be ${ZONED_EXAMPLE}`);
      return parsed ?? null;
    },
  };
}

function readLanguage(body: Body, fail: Fail): string {
  if (absent(body.language)) return 'en';
  if (typeof body.language !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(body.language)) {
    fail('language', 'must be a language tag such as en or en-GB');
    return 'en';
  }
  return body.language;
}

function readWeb(webText: string | null, fail: Fail): string | null {
  if (!webText) return null;
  try {
    const url = new URL(webText);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    return url.href;
  } catch {
    fail('web', 'must be an http or https URL');
    return null;
  }
}

/** Effective (default now), onset and expires, in order, with expires in the future. */
function readTimes(read: FieldReader, now: Date, fail: Fail) {
  const effective = read.time('effective', false) ?? now;
  const onset = read.time('onset', false);
  const expires = read.time('expires', true);
  if (expires && expires.getTime() <= effective.getTime()) fail('expires', 'must be after effective');
  else if (expires && expires.getTime() <= now.getTime()) fail('expires', 'is in the past: the alert would never be shown');
  if (onset && expires && onset.getTime() >= expires.getTime()) fail('onset', 'must be before expires');
  return { effective, onset, expires };
}

/** References: required for Update and Cancel, refused on a new Alert. */
function readReferences(body: Body, msgType: AlertMsgType | undefined, fail: Fail): ReferenceInput[] {
  const references: ReferenceInput[] = [];
  const raw = typeof body.references === 'string' || typeof body.references === 'number' ? [body.references] : body.references ?? [];
  if (!Array.isArray(raw)) {
    fail('references', 'must be a list of alert ids');
    return references;
  }
  raw.forEach((ref, i) => {
    if (typeof ref === 'number' && Number.isInteger(ref) && ref > 0 && ref < 2 ** 31) references.push(ref);
    else if (typeof ref === 'string' && /^\d{1,9}$/.test(ref.trim())) references.push(Number(ref.trim()));
    else if (typeof ref === 'string' && /^[^\s,<&\p{Cc}]{1,200}$/u.test(ref.trim())) references.push(ref.trim());
    else fail(`references.${i}`, 'must be an alert id or a CAP identifier');
  });
  if (msgType && msgType !== 'Alert' && raw.length === 0) fail('references', `an ${msgType} must name the alert it ${msgType === 'Update' ? 'updates' : 'cancels'}`);
  if (msgType === 'Alert' && raw.length > 0) fail('references', 'only an Update or a Cancel refers to earlier alerts; use msgType Update');
  if (raw.length > 20) fail('references', 'at most 20 references');
  return references;
}
