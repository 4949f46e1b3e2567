import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { SENDING } from './delivery.ts';
import type { NotifySettings } from './settings.ts';

/**
 * The sweeper: returns `sending` rows whose claim is older than the lease to the queue (their
 * worker died), or fails them when every attempt ended that way. Returns how many it re-queued.
 */
export async function sweepAbandoned(db: Kysely<Database>, now: Date, settings: Pick<NotifySettings, 'leaseMs' | 'maxAttempts'>): Promise<number> {
  const cutoff = new Date(now.getTime() - settings.leaseMs).toISOString();
  // A delivery whose every attempt ended with its worker dying (a message that crashes the
  // worker?) is not retried for ever: attempts are counted at claim time.
  await db
    .updateTable('deliveries')
    .set({ status: 'failed', last_error: 'abandoned by its worker on every attempt', claimed_by: null, claimed_at: null })
    .where('status', '=', SENDING)
    .where('claimed_at', '<', cutoff)
    .where('attempts', '>=', settings.maxAttempts)
    .execute();
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'queued', claimed_by: null, claimed_at: null })
    .where('status', '=', SENDING)
    .where('claimed_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Sweeping every round (ten a second when busy) made each round read the claims index's entries
 * for every row ever claimed until VACUUM removes them (without autovacuum, sending fell from
 * ~2,900/s to ~1,000/s over a million messages). A claim only expires after a whole lease anyway,
 * so a worker sweeps at most four times a lease.
 */
export class Sweeper {
  readonly #db: Kysely<Database>;
  readonly #settings: Pick<NotifySettings, 'leaseMs' | 'maxAttempts'>;
  #sweptAt = Number.NEGATIVE_INFINITY;

  constructor(db: Kysely<Database>, settings: Pick<NotifySettings, 'leaseMs' | 'maxAttempts'>) {
    this.#db = db;
    this.#settings = settings;
  }

  sweep(now: Date): Promise<number> {
    return sweepAbandoned(this.#db, now, this.#settings);
  }

  /** Sweeps when a quarter of a lease has passed since the last sweep. */
  async sweepIfDue(now: Date): Promise<void> {
    if (now.getTime() - this.#sweptAt < this.#settings.leaseMs / 4) return;
    this.#sweptAt = now.getTime();
    await this.sweep(now);
  }
}
