import { ADVISORY_PUBLISHED, ALERT_PUBLISHED, CRISIS_WAVE, DEPARTURE_MESSAGE } from './event-kinds.ts';

/**
 * Which events go by SMS as well (docs/notifications.md, "SMS"): a text message costs money and
 * interrupts, so only what someone in danger must know at once — a check-in wave, a departure's
 * message to its people, an advisory at
 * Level 3 or 4 or with a departure directive, a Severe or Extreme alert. Everything else stays on
 * e-mail and webhooks.
 */
export interface SmsReachEvent {
  kind: string;
  /** advisory.published: `level`, `departureUrged`, `higherRegions`; alert.published: `severity`. */
  payload?: unknown;
}

export const SMS_ALERT_SEVERITIES: readonly string[] = ['Severe', 'Extreme'];

export function goesBySms(event: SmsReachEvent): boolean {
  // A check-in, and what staff tell the people on a departure out (where and when to meet).
  if (event.kind === CRISIS_WAVE || event.kind === DEPARTURE_MESSAGE) return true;
  const payload = (event.payload ?? {}) as { level?: unknown; departureUrged?: unknown; severity?: unknown; higherRegions?: unknown };
  // An area at Level 3 or 4 inside a lower-level destination is as urgent for the people there.
  const areaLevels = Array.isArray(payload.higherRegions) ? payload.higherRegions.map((r: { level?: unknown } | null) => r?.level) : [];
  if (event.kind === ADVISORY_PUBLISHED) return payload.departureUrged === true || [payload.level, ...areaLevels].some((l) => typeof l === 'number' && l >= 3);
  if (event.kind === ALERT_PUBLISHED) return typeof payload.severity === 'string' && SMS_ALERT_SEVERITIES.includes(payload.severity);
  return false;
}
