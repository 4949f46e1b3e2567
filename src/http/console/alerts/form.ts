import type { StoredAlert } from '../../../alerts/records.ts';
import { utcSecond } from '../../../domain/alert-times.ts';
import { findByCode, findByName } from '../../../domain/destinations.ts';
import { isTimeZone, localFromUtc, mainZone, UTC, utcFromLocal } from '../../../domain/local-time.ts';
import { formText, type FormBody } from '../../forms.ts';
import type { FieldMessage } from '../layout.ts';

/**
 * The alert form as typed, and as the JSON the alert service takes. The form keeps what was typed
 * so a refusal shows it again; the rules are the alert service's, except reading local times,
 * which only the form does (the API takes zoned RFC 3339 times).
 */

/**
 * The alert form as typed. Times are wall-clock times in `timeZone` (empty: the first
 * destination's main zone) in `datetime-local` form ("2026-11-23T22:00").
 */
export interface AlertFormModel {
  timeZone: string;
  destinations: string;
  regions: string;
  status: string;
  category: string;
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string;
  contact: string;
  senderName: string;
  web: string;
  effective: string;
  onset: string;
  expires: string;
  polygon: string;
  circle: string;
  areaDesc: string;
  note: string;
}

const FIELDS: (keyof AlertFormModel)[] = [
  'timeZone', 'destinations', 'regions', 'status', 'category', 'event', 'urgency', 'severity', 'certainty', 'headline', 'description', 'instruction',
  'contact', 'senderName', 'web', 'effective', 'onset', 'expires', 'polygon', 'circle', 'areaDesc', 'note',
];

export function emptyAlertForm(): AlertFormModel {
  const model = Object.fromEntries(FIELDS.map((f) => [f, ''])) as unknown as AlertFormModel;
  return { ...model, status: 'Actual', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' };
}

export function alertFormFromBody(body: FormBody): AlertFormModel {
  return Object.fromEntries(FIELDS.map((f) => [f, formText(body[f])])) as unknown as AlertFormModel;
}

const splitList = (text: string) => text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean);

/** The zone the form's times are read in: as chosen, else the first destination's main zone, else UTC. */
export function formZone(model: Pick<AlertFormModel, 'timeZone' | 'destinations'>): string {
  const chosen = model.timeZone.trim();
  if (chosen) return chosen;
  const first = splitList(model.destinations)[0];
  const destination = first ? findByCode(first) ?? findByName(first) : undefined;
  return destination ? mainZone(destination.code) : UTC;
}

/** An alert's fields in the form, for an Update, with its times on the first destination's clock. */
export function alertFormFromAlert(alert: StoredAlert): AlertFormModel {
  const timeZone = mainZone(alert.destinations[0] ?? '');
  const localTime = (stored: string | null) => (stored ? localFromUtc(new Date(stored), timeZone) : '');
  return {
    timeZone,
    destinations: alert.destinations.join(', '),
    regions: alert.regions.join(', '),
    status: alert.status,
    category: alert.category,
    event: alert.event,
    urgency: alert.urgency,
    severity: alert.severity,
    certainty: alert.certainty,
    headline: alert.headline,
    description: alert.description,
    instruction: alert.instruction ?? '',
    contact: alert.contact ?? '',
    senderName: alert.senderName,
    web: alert.web ?? '',
    effective: localTime(alert.effective),
    onset: localTime(alert.onset),
    expires: localTime(alert.expires),
    polygon: alert.area.polygon ?? '',
    circle: alert.area.circle ?? '',
    areaDesc: '',
    note: '',
  };
}

const TIME_FIELDS = ['effective', 'onset', 'expires'] as const;

/** The form made into the API's JSON, with the fields the form itself refused. */
export interface FormInput {
  input: Record<string, unknown>;
  errors: FieldMessage[];
  /** Fields passed on as typed because the form could not read them: the service's messages on them are noise. */
  unread: string[];
}

/**
 * The form as the JSON the staff API takes, and what only the form can refuse: an unknown zone, a
 * local time the clocks skip. Those fields are passed on as typed; their messages replace the
 * service's for the same field (`withFormErrors`).
 */
export function alertInputFromForm(model: AlertFormModel): FormInput {
  const errors: FieldMessage[] = [];
  const unread: string[] = [];
  const zone = formZone(model);
  const zoneKnown = isTimeZone(zone);
  if (!zoneKnown) errors.push({ field: 'timeZone', message: `no time zone is called "${zone.slice(0, 40)}": use UTC or an IANA name such as Europe/Moscow` });
  const times = Object.fromEntries(TIME_FIELDS.map((field) => {
    const text = model[field].trim();
    // Empty stays empty (effective: now); a zoned RFC 3339 time is the service's to read.
    if (!text || /(Z|[+-]\d{2}:\d{2})$/i.test(text)) return [field, text];
    const local = zoneKnown ? utcFromLocal(text, zone) : undefined;
    if (local?.ok) return [field, utcSecond(local.utc)];
    if (local) errors.push({ field, message: local.reason });
    unread.push(field);
    return [field, text];
  }));
  const input = {
    destinations: splitList(model.destinations),
    regions: splitList(model.regions),
    status: model.status,
    category: model.category,
    event: model.event,
    urgency: model.urgency,
    severity: model.severity,
    certainty: model.certainty,
    headline: model.headline,
    description: model.description,
    instruction: model.instruction,
    contact: model.contact,
    senderName: model.senderName,
    web: model.web,
    ...times,
    area: { polygon: model.polygon, circle: model.circle },
    areaDesc: model.areaDesc,
    note: model.note,
  };
  return { input, errors, unread };
}

/** The form's own messages first, then the service's on every field the form could read. */
export function withFormErrors(form: FormInput, service: readonly FieldMessage[]): FieldMessage[] {
  const taken = new Set([...form.unread, ...form.errors.map((e) => e.field)]);
  return [...form.errors, ...service.filter((e) => !taken.has(e.field))];
}
