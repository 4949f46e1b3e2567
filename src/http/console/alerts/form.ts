import type { StoredAlert } from '../../../alerts/records.ts';
import { formText, type FormBody } from '../../forms.ts';

/**
 * The alert form as typed, and as the JSON the alert service takes. The form keeps what was typed
 * so a refusal shows it again; the rules are the alert service's.
 */

/** The alert form as typed. Times are UTC in `datetime-local` form ("2026-11-23T10:00"). */
export interface AlertFormModel {
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
  'destinations', 'regions', 'status', 'category', 'event', 'urgency', 'severity', 'certainty', 'headline', 'description', 'instruction',
  'contact', 'senderName', 'web', 'effective', 'onset', 'expires', 'polygon', 'circle', 'areaDesc', 'note',
];

export function emptyAlertForm(): AlertFormModel {
  const model = Object.fromEntries(FIELDS.map((f) => [f, ''])) as unknown as AlertFormModel;
  return { ...model, status: 'Actual', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' };
}

export function alertFormFromBody(body: FormBody): AlertFormModel {
  return Object.fromEntries(FIELDS.map((f) => [f, formText(body[f])])) as unknown as AlertFormModel;
}

const localTime = (stored: string | null) => (stored ? stored.slice(0, 16) : '');

/** An alert's fields in the form, for an Update. */
export function alertFormFromAlert(alert: StoredAlert): AlertFormModel {
  return {
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

/** "2026-11-23T10:00" (the form says UTC) → "2026-11-23T10:00:00Z"; anything else is passed on for the rules to refuse. */
function utcFromForm(value: string): string {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return `${text}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text)) return `${text}Z`;
  return text;
}

/** The form as the JSON the staff API takes. */
export function alertInputFromForm(model: AlertFormModel): Record<string, unknown> {
  const list = (text: string, separator: RegExp) => text.split(separator).map((s) => s.trim()).filter(Boolean);
  return {
    destinations: list(model.destinations, /[\s,;]+/),
    regions: list(model.regions, /[,;\n]+/),
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
    effective: utcFromForm(model.effective),
    onset: utcFromForm(model.onset),
    expires: utcFromForm(model.expires),
    area: { polygon: model.polygon, circle: model.circle },
    areaDesc: model.areaDesc,
    note: model.note,
  };
}
