/**
 * What stopping every message would silence (issue 16). Urgent messages — a Level 4, a "leave now"
 * directive, a Severe or Extreme alert, a check-in — reach a traveller whatever their preferences,
 * unless they stop all messages. So before they do, and while they have, we say which of their
 * trips such messages are about now, and offer "only urgent messages" instead. The rule is the
 * same on every page that warns (the unsubscribe confirmation, the preferences page, the account).
 */

export interface TripNow {
  start: string;
  end: string | null;
  cancelled: boolean;
  destinations: readonly { name: string; level: number | null; departureUrged: boolean }[];
  alerts: readonly { headline: string; severity: string }[];
}

/** Alerts of these severities are sent as urgent messages (docs/alerts.md). */
const URGENT_SEVERITIES = new Set(['Severe', 'Extreme']);

/**
 * Why this trip's urgent messages matter today (`today` YYYY-MM-DD), in words; none for a trip
 * cancelled or over, or whose places are calm.
 */
export function urgentReasons(trip: TripNow, today: string): string[] {
  if (trip.cancelled || (trip.end !== null && trip.end < today)) return [];
  const reasons: string[] = [];
  for (const d of trip.destinations) {
    if (d.departureUrged) reasons.push(`${d.name}: the advice is to leave now`);
    if (d.level === 4) reasons.push(`${d.name}: Level 4 – Do Not Travel`);
  }
  for (const a of trip.alerts) if (URGENT_SEVERITIES.has(a.severity)) reasons.push(`${a.severity} alert: ${a.headline}`);
  return reasons;
}
