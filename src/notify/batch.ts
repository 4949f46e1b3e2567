import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { isDigest, type ClaimedDelivery } from './delivery.ts';
import { isAlertEvent, readEvent, type NotifyEvent } from './events.ts';

/** What sending a claimed delivery needs: its channel, its traveller's state and its event. */
export interface DeliveryDetail {
  id: number;
  address: string;
  secret: string | null;
  disabled_at: string | null;
  unsubscribed_at: string | null;
  /** The traveller's language (BCP 47): every message to them is written in it. */
  language: string;
  kind: string;
  urgent: number | boolean;
  payload: string;
}

/** One query for a whole batch; a delivery missing from the map lost its traveller or channel. */
export async function loadDetails(db: Kysely<Database>, ids: number[]): Promise<Map<number, DeliveryDetail>> {
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('channels as c', 'c.id', 'd.channel_id')
    .innerJoin('travellers as tr', 'tr.id', 'd.traveller_id')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'c.address', 'c.secret', 'c.disabled_at', 'tr.unsubscribed_at', 'tr.language', 'e.kind', 'e.urgent', 'e.payload'])
    .where('d.id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Work items in id order: one delivery, or all of one channel's digest rows (one e-mail). */
export function workItems(batch: ClaimedDelivery[]): ClaimedDelivery[][] {
  const items: ClaimedDelivery[][] = [];
  const digests = new Map<number, ClaimedDelivery[]>();
  for (const delivery of [...batch].sort((a, b) => a.id - b.id)) {
    if (!isDigest(delivery)) {
      items.push([delivery]);
      continue;
    }
    const group = digests.get(delivery.channel_id);
    if (group) group.push(delivery);
    else {
      digests.set(delivery.channel_id, [delivery]);
      items.push(digests.get(delivery.channel_id)!);
    }
  }
  return items;
}

/** The event a claimed delivery carries. */
export function eventOf(delivery: ClaimedDelivery, detail: DeliveryDetail): NotifyEvent {
  return readEvent({ ...detail, id: delivery.event_id });
}

/** The alerts in a digest group that expired before the digest went out: news no longer. */
export function expiredAlerts(group: ClaimedDelivery[], details: Map<number, DeliveryDetail>, now: Date): ClaimedDelivery[] {
  const nowText = now.toISOString();
  return group.filter((d) => {
    const event = eventOf(d, details.get(d.id)!);
    return isAlertEvent(event) && event.payload.expires <= nowText;
  });
}
