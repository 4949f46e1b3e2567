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
    .select(['status', 'channel_kind', 'priority', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['status', 'channel_kind', 'priority'])
    .execute();
  const pending = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('fanned_out_at', 'is', null).executeTakeFirstOrThrow();
  const oldest = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.min<string>('created_at').as('at'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  // Send latency (queued → accepted) over the most recent sends; newest ids first via the key.
  const recent = await db.selectFrom('deliveries').select(['created_at', 'sent_at']).where('status', '=', 'sent').orderBy('id', 'desc').limit(LATENCY_SAMPLE).execute();
  const latencies = recent.map((r) => (Date.parse(r.sent_at ?? r.created_at) - Date.parse(r.created_at)) / 1000).sort((a, b) => a - b);

  const lines = [
    '# HELP waypost_deliveries Deliveries by status, channel and priority (0 urgent, 1 routine, 2 digest).',
    '# TYPE waypost_deliveries gauge',
  ];
  let queued = 0;
  for (const row of byStatus) {
    if (row.status === 'queued') queued += Number(row.n);
    lines.push(`waypost_deliveries{status="${row.status}",channel="${row.channel_kind}",priority="${row.priority}"} ${Number(row.n)}`);
  }
  if (byStatus.length === 0) for (const status of DELIVERY_STATUSES) lines.push(`waypost_deliveries{status="${status}",channel="email",priority="1"} 0`);
  const age = oldest?.at ? Math.max(0, (now.getTime() - Date.parse(oldest.at)) / 1000) : 0;
  const quantile = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : 0);
  lines.push(
    '# HELP waypost_delivery_queue_depth Deliveries queued and not yet claimed by a worker.',
    '# TYPE waypost_delivery_queue_depth gauge',
    `waypost_delivery_queue_depth ${queued}`,
    '# HELP waypost_events_pending_fan_out Events whose audience has not been computed yet.',
    '# TYPE waypost_events_pending_fan_out gauge',
    `waypost_events_pending_fan_out ${Number(pending.n)}`,
    '# HELP waypost_deliveries_oldest_queued_seconds Age of the oldest delivery still queued.',
    '# TYPE waypost_deliveries_oldest_queued_seconds gauge',
    `waypost_deliveries_oldest_queued_seconds ${age.toFixed(3)}`,
    `# HELP waypost_delivery_latency_seconds Time from queued to accepted by the mail server or webhook, over the last ${LATENCY_SAMPLE} sends.`,
    '# TYPE waypost_delivery_latency_seconds summary',
    ...[0.5, 0.9, 0.99].map((q) => `waypost_delivery_latency_seconds{quantile="${q}"} ${quantile(q).toFixed(3)}`),
    `waypost_delivery_latency_seconds_sum ${latencies.reduce((a, b) => a + b, 0).toFixed(3)}`,
    `waypost_delivery_latency_seconds_count ${latencies.length}`,
  );
  return `${lines.join('\n')}\n`;
}

const LATENCY_SAMPLE = 1000;

/** The most recent events with their delivery counts, newest first (the console's list). */
export async function recentEventSummaries(db: Kysely<Database>, limit = 50): Promise<EventSummary[]> {
  const events = await db.selectFrom('events').select('id').orderBy('id', 'desc').limit(limit).execute();
  const summaries = await Promise.all(events.map((e) => eventSummary(db, e.id)));
  return summaries.filter((s): s is EventSummary => s !== null);
}

/** Why deliveries of an event failed or bounced, most common first (addresses were removed when stored). */
export async function eventErrors(db: Kysely<Database>, id: number, limit = 10): Promise<{ error: string; count: number }[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['last_error', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', id)
    .where('last_error', 'is not', null)
    .groupBy('last_error')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ error: r.last_error ?? '', count: Number(r.n) }));
}
