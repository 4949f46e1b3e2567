import type { Kysely } from 'kysely';
import type { Database, DeliveryStatus } from '../store/schema.ts';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['queued', 'sending', 'sent', 'failed', 'bounced'];

export interface EventSummary {
  id: number;
  kind: string;
  destinationCode: string | null;
  urgent: boolean;
  createdAt: string;
  fannedOutAt: string | null;
  audienceSize: number | null;
  /** Deliveries by status (every status present, 0 when none). */
  deliveries: Record<DeliveryStatus, number>;
  /** Deliveries by channel kind. */
  channels: Record<string, number>;
}

function zeroCounts(): Record<DeliveryStatus, number> {
  return { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0 };
}

/** One event and where its deliveries stand (`waypost events show ID`). */
export async function eventSummary(db: Kysely<Database>, id: number): Promise<EventSummary | null> {
  const event = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!event) return null;
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', 'channel_kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', id)
    .groupBy(['status', 'channel_kind'])
    .execute();
  const deliveries = zeroCounts();
  const channels: Record<string, number> = {};
  for (const row of rows) {
    deliveries[row.status] += Number(row.n);
    channels[row.channel_kind] = (channels[row.channel_kind] ?? 0) + Number(row.n);
  }
  return {
    id: event.id, kind: event.kind, destinationCode: event.destination_code, urgent: event.urgent === 1, createdAt: event.created_at,
    fannedOutAt: event.fanned_out_at, audienceSize: event.audience_size, deliveries, channels,
  };
}

/** Prometheus text exposition (format 0.0.4) of the delivery queue: what `/metrics` serves. */
export async function deliveryMetrics(db: Kysely<Database>, now: Date = new Date()): Promise<string> {
  const byStatus = await db
    .selectFrom('deliveries')
    .select(['status', 'priority', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['status', 'priority'])
    .execute();
  const pending = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('fanned_out_at', 'is', null).executeTakeFirstOrThrow();
  const oldest = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.min<string>('created_at').as('at'))
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirst();
  const lines = [
    '# HELP waypost_deliveries Deliveries by status and priority (0 urgent, 1 routine, 2 digest).',
    '# TYPE waypost_deliveries gauge',
  ];
  const seen = new Set<string>();
  for (const row of byStatus) {
    seen.add(`${row.status}/${row.priority}`);
    lines.push(`waypost_deliveries{status="${row.status}",priority="${row.priority}"} ${Number(row.n)}`);
  }
  for (const status of DELIVERY_STATUSES) {
    if (![0, 1, 2].some((p) => seen.has(`${status}/${p}`))) lines.push(`waypost_deliveries{status="${status}",priority="1"} 0`);
  }
  const age = oldest?.at ? Math.max(0, (now.getTime() - Date.parse(oldest.at)) / 1000) : 0;
  lines.push(
    '# HELP waypost_events_pending_fan_out Events whose audience has not been computed yet.',
    '# TYPE waypost_events_pending_fan_out gauge',
    `waypost_events_pending_fan_out ${Number(pending.n)}`,
    '# HELP waypost_deliveries_oldest_pending_seconds Age of the oldest delivery not yet sent, failed or bounced.',
    '# TYPE waypost_deliveries_oldest_pending_seconds gauge',
    `waypost_deliveries_oldest_pending_seconds ${age.toFixed(3)}`,
  );
  return `${lines.join('\n')}\n`;
}
