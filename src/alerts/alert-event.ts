import type { Kysely } from 'kysely';
import { isUrgentAlert } from '../domain/alerts.ts';
import { findByCode } from '../domain/destinations.ts';
import { ALERT_PUBLISHED, writeEvent, type AlertPublishedPayload } from '../notify/events.ts';
import type { Database } from '../store/schema.ts';
import { contactsFor } from '../missions/read.ts';
import type { StoredAlert } from './records.ts';

/** Writes the `alert.published` event the notification worker fans out (src/notify/events.ts). */
export async function writeAlertEvent(trx: Kysely<Database>, alert: StoredAlert, now: Date): Promise<number> {
  const payload = await alertEventPayload(trx, alert);
  return writeEvent(trx, { kind: ALERT_PUBLISHED, destinationCode: payload.code, at: now, payload });
}

/** What the event says of an alert: also what the console's preview renders as travellers will read it. */
export async function alertEventPayload(db: Kysely<Database>, alert: StoredAlert): Promise<AlertPublishedPayload> {
  const first = findByCode(alert.destinations[0]!)!;
  const urgent = isUrgentAlert(alert.severity);
  const destinationNames = alert.destinations.map((code) => findByCode(code)?.name ?? code);
  // Where to turn, as published when the alert went out: the message says it even if it changes later.
  const contacts = await contactsFor(db, alert.destinations);
  return {
    ...(contacts.length ? { contacts } : {}),
    alertId: alert.id,
    identifier: alert.identifier,
    msgType: alert.msgType,
    status: alert.status,
    code: first.code,
    name: destinationNames.join(', '),
    slug: first.slug,
    destinations: alert.destinations,
    destinationNames,
    regions: alert.regions,
    regionDestinations: alert.regionDestinations,
    effective: alert.effective,
    expires: alert.expires,
    onset: alert.onset,
    urgent,
    category: alert.category,
    event: alert.event,
    urgency: alert.urgency,
    severity: alert.severity,
    certainty: alert.certainty,
    headline: alert.headline,
    description: alert.description,
    instruction: alert.instruction,
    senderName: alert.senderName,
    areaDesc: alert.area.areaDesc,
    note: alert.note,
    references: alert.references,
    sent: alert.sent,
  };
}
