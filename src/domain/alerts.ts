/**
 * Embassy alerts as plain rules (no I/O), mapped 1:1 onto OASIS CAP 1.2 (docs/alerts.md): the
 * value lists and what an alert may contain. Times are in alert-times.ts, the area's geometry in
 * alert-area.ts, and how a client's input becomes a checked alert in alert-input.ts.
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

import type { FieldError } from './places.ts';

export type { FieldError, RegionResolver } from './places.ts';

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

/** Severe and Extreme alerts go to everyone in the area at once, ignoring message-type choices. */
export function isUrgentAlert(severity: CapSeverity): boolean {
  return severity === 'Severe' || severity === 'Extreme';
}

/** Field limits (characters). CAP suggests headlines under 160 characters, for SMS and pagers. */
export const LIMITS = { event: 120, headline: 160, description: 10_000, instruction: 5_000, contact: 500, senderName: 200, note: 1_000, areaDesc: 500, web: 2_000 } as const;
