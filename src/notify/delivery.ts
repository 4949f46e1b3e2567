import { sql } from 'kysely';
import type { DeliveryStatus } from '../store/schema.ts';
import { PRIORITY } from './audience.ts';

/** A delivery row as the worker holds it after claiming it. */
export interface ClaimedDelivery {
  id: number;
  event_id: number;
  traveller_id: number;
  channel_id: number;
  channel_kind: string;
  attempts: number;
  /** 0 urgent, 1 routine, 2 digest (PRIORITY in audience.ts). */
  priority: number;
  idempotency_key: string;
}

/** What one send came to; the worker records it (record.ts). */
export type Outcome =
  | { status: 'sent' }
  | { status: 'retry'; error: string; at?: string }
  | { status: 'failed'; error: string }
  | { status: 'bounced'; error: string };

// Literals rather than parameters, so that SQLite can prove the partial indexes' WHERE clauses.
export const QUEUED = sql<DeliveryStatus>`'queued'`;
export const SENDING = sql<DeliveryStatus>`'sending'`;

/** E-mail digest rows are sent together, one message per channel; webhooks get each event at once. */
export function isDigest(delivery: Pick<ClaimedDelivery, 'priority' | 'channel_kind'>): boolean {
  return delivery.priority === PRIORITY.digest && delivery.channel_kind === 'email';
}

/** The Message-ID local part and the webhook-id: the same for every attempt of one delivery. */
export function idempotencyKey(eventId: number, channelId: number): string {
  return `delivery-${eventId}-${channelId}`;
}
