import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { SENDING, type ClaimedDelivery, type Outcome } from './delivery.ts';
import { GroupCommit } from './group-commit.ts';
import type { NotifySettings } from './settings.ts';

export interface RecorderOptions {
  db: Kysely<Database>;
  /** The claiming worker's id: only its own claims are recorded. */
  workerId: string;
  settings: Pick<NotifySettings, 'retryBaseMs' | 'maxAttempts'>;
  now: () => Date;
  random: () => number;
}

/**
 * Writes each send's outcome right after it (ADR 004): sent, queued again with backoff, failed,
 * or bounced (which also disables the channel). Every write is guarded by this worker's claim,
 * so a claim the sweeper has handed to another worker meanwhile is left alone.
 */
export class DeliveryRecorder {
  readonly #o: RecorderOptions;
  readonly #sent: GroupCommit;

  constructor(options: RecorderOptions) {
    this.#o = options;
    this.#sent = new GroupCommit((ids) => this.#markSent(ids));
  }

  /** Exponential backoff from NOTIFY_RETRY_BASE_MS with ±50 % jitter. */
  retryAt(attempts: number): string {
    const jitter = 0.5 + this.#o.random();
    const delay = Math.round(this.#o.settings.retryBaseMs * 2 ** (attempts - 1) * jitter);
    return new Date(this.#o.now().getTime() + delay).toISOString();
  }

  async record(delivery: ClaimedDelivery, outcome: Outcome): Promise<void> {
    const { db, workerId, settings } = this.#o;
    if (outcome.status === 'sent') {
      await this.#sent.add(delivery.id);
      return;
    }
    const mine = db.updateTable('deliveries').where('id', '=', delivery.id).where('status', '=', 'sending').where('claimed_by', '=', workerId);
    if (outcome.status === 'retry' && delivery.attempts < settings.maxAttempts) {
      await mine.set({ status: 'queued', next_attempt_at: outcome.at ?? this.retryAt(delivery.attempts), last_error: outcome.error, claimed_by: null, claimed_at: null }).execute();
      return;
    }
    const status = outcome.status === 'bounced' ? 'bounced' : 'failed';
    const at = this.#o.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('deliveries').where('id', '=', delivery.id).where('status', '=', 'sending').where('claimed_by', '=', workerId)
        .set({ status, last_error: outcome.error, claimed_by: null, claimed_at: null }).execute();
      // A permanent SMTP refusal (5xx): stop mailing that address until the traveller fixes it.
      if (status === 'bounced') {
        await trx.updateTable('channels').set({ disabled_at: at, disabled_reason: `bounced: ${outcome.error}` }).where('id', '=', delivery.channel_id).where('disabled_at', 'is', null).execute();
      }
    });
  }

  async #markSent(ids: number[]): Promise<void> {
    // A record that fails leaves a sent message `sending`, to be sent again after the lease:
    // worth a few tries (a busy SQLite file, a PostgreSQL failover) before giving up.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#o.db.updateTable('deliveries')
          .set({ status: 'sent', sent_at: this.#o.now().toISOString(), last_error: null, claimed_by: null, claimed_at: null })
          .where('id', 'in', ids).where('status', '=', SENDING).where('claimed_by', '=', this.#o.workerId)
          .execute();
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
}
