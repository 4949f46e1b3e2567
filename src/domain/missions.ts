import type { Mission, MissionStatus, MissionType } from './mission-types.ts';

export { MISSION_STATUSES, MISSION_TYPES, type Mission, type MissionPhone, type MissionStatus, type MissionType } from './mission-types.ts';

/**
 * A destination's embassies and consulates as data (docs/decisions/005-missions-in-advisories.md):
 * how each status reads, which status changes travellers must be told of, and when none is left to help. Missions are part of an advisory's content, so they are
 * versioned, reviewed and published with it. Reading them from input is mission-input.ts's.
 */

/** What a reader sees for each status. */
export const STATUS_LABELS: Record<MissionStatus, string> = {
  operating: 'Operating',
  reduced: 'Reduced staff',
  suspended: 'Consular services suspended',
  closed: 'Closed',
};

export const TYPE_LABELS: Record<MissionType, string> = {
  embassy: 'Embassy',
  'consulate-general': 'Consulate General',
  consulate: 'Consulate',
  'honorary-consul': 'Honorary Consul',
  'interests-section': 'Interests Section',
};

/** A mission that no longer helps travellers on the spot. */
export function isDown(status: MissionStatus): boolean {
  return status === 'suspended' || status === 'closed';
}

/** Whether a destination has missions and every one of them is suspended or closed. */
export function allMissionsDown(missions: readonly Mission[]): boolean {
  return missions.length > 0 && missions.every((m) => isDown(m.status));
}

/**
 * The status changes travellers must be told of: a mission (by id) that becomes suspended or
 * closed, including one first listed that way. Other changes (a phone, reopening) the editor grades.
 */
export function missionStatusChanges(before: readonly Mission[], after: readonly Mission[]): string[] {
  const was = new Map(before.map((m) => [m.id, m]));
  return after.flatMap((m) => {
    const old = was.get(m.id);
    if (!isDown(m.status) || (old && isDown(old.status) && old.status === m.status)) return [];
    const label = STATUS_LABELS[m.status].toLowerCase();
    return [old ? `${m.name} changed from ${STATUS_LABELS[old.status].toLowerCase()} to ${label}` : `${m.name} listed as ${label}`];
  });
}

/** Phone numbers still worth calling: the emergency lines of every mission, down or not. */
export function emergencyLines(missions: readonly Mission[]): { mission: string; label: string; number: string }[] {
  return missions.flatMap((m) => m.phones.filter((p) => p.emergency).map((p) => ({ mission: m.name, label: p.label, number: p.number })));
}

/** One line per mission for e-mails and CAP `contact`: "Embassy in Moscow (Reduced staff): +7 495 728-5000; moscow@example.org". */
export function contactLines(missions: readonly Mission[]): string[] {
  return missions.map((m) => {
    const phones = m.phones.map((p) => `${p.number}${p.emergency ? ' (24/7 emergencies)' : ''}`);
    const reach = [...phones, ...(m.email ? [m.email] : [])].join('; ');
    return `${m.name}, ${m.city} (${STATUS_LABELS[m.status]})${reach ? `: ${reach}` : ''}`;
  });
}

/** What a message says about where to turn: a warning first when every mission is down, then one line each. */
export function missionContacts(missions: readonly Mission[]): string[] {
  if (missions.length === 0) return [];
  const warning = allMissionsDown(missions) ? ['All our embassies and consulates here are suspended or closed: in an emergency call the numbers below.'] : [];
  return [...warning, ...contactLines(missions)];
}

/** Whether an advisory message carries mission contacts: at Level 3–4, or when a mission stopped helping. */
export function contactsBelongInMessage(level: number, statusChanges: readonly string[]): boolean {
  return level >= 3 || statusChanges.length > 0;
}
