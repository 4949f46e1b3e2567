import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * Deletes the queued and past deliveries of a traveller's channels (all of them, or one).
 * `deliveries` has no foreign keys and no channel index (migration 005: both cost seconds per
 * million-row fan-out), so rows are found through the (event_id, channel_id) key: one index probe
 * per event and channel, cheap because there are few events and few channels per person.
 */
export async function deleteDeliveriesOf(db: Kysely<Database>, travellerId: number, channelId?: number): Promise<void> {
  const oneChannel = channelId === undefined ? sql`` : sql` and c.id = ${channelId}`;
  await sql`
    delete from deliveries
    where (event_id, channel_id) in (
      select e.id, c.id from events e cross join channels c where c.traveller_id = ${travellerId}${oneChannel}
    )`.execute(db);
}
