import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type QueryCreator } from 'kysely';
import type { Config } from '../config.ts';
import { CrisisTimers } from '../crises/timers.ts';
import type { MailTransport } from '../mail/transport.ts';
import type { Store } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import type { LookupAll } from '../webhooks/address-guard.ts';
import { fanOutPending, PRIORITY } from './audience.ts';
import { eventOf, expiredAlerts, loadDetails, workItems, type DeliveryDetail } from './batch.ts';
import { sendEmail } from './channels/email.ts';
import { sendSms } from './channels/sms.ts';
import { UnconfiguredSmsProvider, type SmsProvider } from './channels/sms-provider.ts';
import { sendWebhook } from './channels/webhook.ts';
import { idempotencyKey, isDigest, QUEUED, SENDING, type ClaimedDelivery, type Outcome } from './delivery.ts';
import type { NotifyEvent } from './events.ts';
import { DeliveryRecorder } from './record.ts';
import { notifySettings, type NotifySettings } from './settings.ts';
import { Sweeper } from './sweeper.ts';

/**
 * The delivery worker (docs/notifications.md, docs/decisions/004-delivery-exactly-once.md).
 * Each round: re-queue abandoned claims (sweeper.ts), fan out new events (audience.ts), claim a
 * batch of due deliveries (`FOR UPDATE SKIP LOCKED` on PostgreSQL; one atomic UPDATE on SQLite),
 * send each OUTSIDE any transaction (channels/) and record its result right after its own send
 * (record.ts). Any number of workers may run against one PostgreSQL database.
 */
export interface WorkerOptions {
  store: Pick<Store, 'db' | 'engine'>;
  config: Pick<Config, 'publicUrl' | 'secret'>;
  mail: MailTransport;
  /** The SMS provider (src/sms/); unset: SMS deliveries fail with "no SMS provider is configured". */
  sms?: SmsProvider;
  settings?: Partial<NotifySettings>;
  /** Sends in flight at once within a batch (`waypost worker --concurrency N`). */
  concurrency?: number;
  /** What `claimed_by` records; host:pid:random by default. */
  id?: string;
  now?: () => Date;
  random?: () => number;
  allowPrivateWebhooks?: boolean;
  lookup?: LookupAll;
  log?: (message: string) => void;
  error?: (message: string, error: unknown) => void;
}

const FAN_OUTS_PER_ROUND = 4;
const RETURNED = ['deliveries.id', 'deliveries.event_id', 'deliveries.traveller_id', 'deliveries.channel_id', 'deliveries.channel_kind', 'deliveries.attempts', 'deliveries.priority'] as const;

export class NotifyWorker {
  readonly id: string;
  readonly settings: NotifySettings;
  readonly #o: WorkerOptions;
  readonly #now: () => Date;
  readonly #sweeper: Sweeper;
  readonly #recorder: DeliveryRecorder;
  readonly #sms: SmsProvider;
  readonly #crisisTimers: CrisisTimers;
  /** Events the last round fanned out, plus crisis follow-ups and contact asks it wrote or sent: a round that sent no delivery but did this still did work. */
  fannedOutLastRound = 0;

  constructor(options: WorkerOptions) {
    this.#o = options;
    this.settings = { ...notifySettings({}), ...options.settings };
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.#now = options.now ?? (() => new Date());
    this.#sms = options.sms ?? new UnconfiguredSmsProvider();
    this.#sweeper = new Sweeper(options.store.db, this.settings);
    this.#crisisTimers = new CrisisTimers({ db: options.store.db, config: options.config, mail: options.mail, workerId: this.id, leaseMs: this.settings.leaseMs, maxAttempts: this.settings.maxAttempts });
    this.#recorder = new DeliveryRecorder({ db: options.store.db, workerId: this.id, settings: this.settings, now: this.#now, random: options.random ?? Math.random });
  }

  /** Returns `sending` rows whose claim is older than the lease to the queue (their worker died). */
  sweep(): Promise<number> {
    return this.#sweeper.sweep(this.#now());
  }

  /** Claims up to `limit` due deliveries, most urgent first; counts the attempt. */
  async claim(limit = this.settings.batchSize): Promise<ClaimedDelivery[]> {
    const { db, engine } = this.#o.store;
    const at = this.#now().toISOString();
    const set = { status: 'sending' as const, claimed_by: this.id, claimed_at: at, attempts: sql<number>`attempts + 1` };
    // The order of the partial index `deliveries_queue` (priority, next_attempt_at, id WHERE
    // status = 'queued'), so a claim reads `limit` index entries instead of sorting the whole
    // queue; the literal 'queued' lets SQLite prove the index's WHERE clause.
    const due = (qb: QueryCreator<Database>) => qb
      .selectFrom('deliveries')
      .select('id')
      .where('status', '=', QUEUED)
      .where('next_attempt_at', '<=', at)
      .orderBy('priority')
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit);
    // PostgreSQL: `WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` may be re-scanned by the
    // planner and claim far more than n rows; a materialised CTE runs the locking select once.
    // SQLite has one writer at a time, so the single UPDATE is atomic without locking clauses.
    const rows = engine === 'postgres'
      ? await db
        .with((cte) => cte('due').materialized(), (qb) => due(qb).forUpdate().skipLocked())
        .updateTable('deliveries')
        .from('due')
        .set(set)
        .whereRef('deliveries.id', '=', 'due.id')
        .where('deliveries.status', '=', QUEUED)
        .returning(RETURNED)
        .execute()
      : await db
        .updateTable('deliveries')
        .set(set)
        .where('id', 'in', due(db))
        .where('status', '=', QUEUED)
        .returning(RETURNED)
        .execute();
    return rows.sort((a, b) => a.id - b.id).map((row) => ({ ...row, idempotency_key: idempotencyKey(row.event_id, row.channel_id) }));
  }

  /** One round: sweep, fan out new events, claim a batch and send it. Returns the number of deliveries handled. */
  async runOnce(): Promise<number> {
    await this.#sweeper.sweepIfDue(this.#now());
    // Timed follow-ups and emergency-contact asks (src/crises/timers.ts), every few seconds at most.
    const timed = await this.#crisisTimers.runIfDue(this.#now());
    // A few events a round, so that sending starts while a burst of events is still being fanned out.
    const fannedOut = await fanOutPending(this.#o.store.db, this.#now(), { digestHourUtc: this.settings.digestHourUtc }, FAN_OUTS_PER_ROUND);
    this.fannedOutLastRound = fannedOut.length + timed;
    const batch = await this.claim();
    if (batch.length === 0) return 0;
    await this.#send(batch);
    return batch.length;
  }

  /** Runs rounds until nothing is due (tests, `waypost worker --once`). */
  async drain(maxRounds = 10_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0 && this.fannedOutLastRound === 0) break;
    }
    return total;
  }

  /** Sends a claimed batch in `concurrency` lanes, keeping the batch's claims alive meanwhile. */
  async #send(claimed: ClaimedDelivery[]): Promise<void> {
    // A digest covers every due digest row of its channel: claim the ones this batch did not take.
    const digestChannels = [...new Set(claimed.filter(isDigest).map((d) => d.channel_id))];
    const batch = digestChannels.length > 0 ? [...claimed, ...(await this.#claimDigestRest(digestChannels))] : claimed;
    const details = await loadDetails(this.#o.store.db, batch.map((d) => d.id));
    const items = workItems(batch);
    // A batch may take longer than the lease (slow relay, SMTP_RATE, webhook timeouts): keep its
    // claims fresh so that no sweeper hands them to another worker while they wait their turn here.
    const renewal = setInterval(() => {
      this.#renewClaims().catch((error: unknown) => this.#o.error?.('could not renew delivery claims', error));
    }, Math.max(10, Math.floor(this.settings.leaseMs / 3)));
    const lanes = Array.from({ length: Math.max(1, Math.min(this.#o.concurrency ?? 5, items.length)) }, async () => {
      for (let item = items.shift(); item; item = items.shift()) await this.#sendItem(item, details);
    });
    try {
      await Promise.all(lanes);
    } finally {
      clearInterval(renewal);
    }
  }

  /** Sends one work item (a delivery or a digest group) and records its outcome for each row. */
  async #sendItem(item: ClaimedDelivery[], details: Map<number, DeliveryDetail>): Promise<void> {
    // Its traveller or channel was deleted after the fan-out (deliveries have no foreign keys,
    // migration 005): nothing to send, and the orphan row goes rather than being swept back.
    const orphans = item.filter((d) => !details.has(d.id));
    if (orphans.length > 0) await this.#o.store.db.deleteFrom('deliveries').where('id', 'in', orphans.map((d) => d.id)).where('claimed_by', '=', this.id).execute();
    let group = item.filter((d) => details.has(d.id));
    // An alert held for a digest that has expired meanwhile is news no longer: drop it.
    if (group[0] && isDigest(group[0])) {
      const stale = expiredAlerts(group, details, this.#now());
      for (const d of stale) await this.#recorder.record(d, { status: 'failed', error: 'the alert expired before the digest went out' });
      group = group.filter((d) => !stale.includes(d));
    }
    const first = group[0];
    if (!first) return;
    const row = details.get(first.id)!;
    let outcome: Outcome;
    if (row.unsubscribed_at) outcome = { status: 'failed', error: 'traveller unsubscribed' };
    else if (row.disabled_at) outcome = { status: 'failed', error: 'channel disabled' };
    else outcome = await this.#deliver(first, group.map((d) => eventOf(d, details.get(d.id)!)), row);
    // One retry time for the whole group, so a digest comes back together as one e-mail.
    if (outcome.status === 'retry') outcome = { ...outcome, at: this.#recorder.retryAt(first.attempts) };
    for (const delivery of group) {
      try {
        await this.#recorder.record(delivery, outcome);
      } catch (error) {
        // The sweeper re-queues it after the lease; the same Message-ID lets receivers drop the copy.
        this.#o.error?.(`could not record delivery ${delivery.id}`, error);
      }
    }
  }

  #deliver(delivery: ClaimedDelivery, events: NotifyEvent[], row: DeliveryDetail): Promise<Outcome> {
    const now = this.#now();
    if (delivery.channel_kind === 'email') return sendEmail(this.#o, delivery, events, row.address, now, row.language);
    if (delivery.channel_kind === 'webhook') return sendWebhook(this.#o, delivery, events[0]!, row.address, row.secret, now);
    if (delivery.channel_kind === 'sms') return sendSms({ config: this.#o.config, sms: this.#sms }, this.#o.store.db, delivery, events[0]!, row.address, now, row.language);
    return Promise.resolve({ status: 'failed', error: `no sender for ${delivery.channel_kind} channels` });
  }

  /** Moves this worker's claims' `claimed_at` to now (the lease heartbeat). */
  async #renewClaims(): Promise<void> {
    await this.#o.store.db.updateTable('deliveries').set({ claimed_at: this.#now().toISOString() })
      .where('status', '=', SENDING).where('claimed_by', '=', this.id).execute();
  }

  /** Claims the due digest rows of these channels that the batch did not include. */
  async #claimDigestRest(channelIds: number[]): Promise<ClaimedDelivery[]> {
    const at = this.#now().toISOString();
    const { rows } = await sql<Omit<ClaimedDelivery, 'idempotency_key'>>`
      update deliveries set status = 'sending', claimed_by = ${this.id}, claimed_at = ${at}, attempts = attempts + 1
      where (event_id, channel_id) in (select e.id, c.id from events e cross join channels c where c.id in (${sql.join(channelIds)}))
        and priority = ${sql.lit(PRIORITY.digest)} and status = 'queued' and next_attempt_at <= ${at}
      returning id, event_id, traveller_id, channel_id, channel_kind, attempts, priority`.execute(this.#o.store.db);
    return rows.map((row) => ({ ...row, id: Number(row.id), event_id: Number(row.event_id), traveller_id: Number(row.traveller_id), channel_id: Number(row.channel_id), idempotency_key: idempotencyKey(Number(row.event_id), Number(row.channel_id)) }));
  }
}

export interface RunningWorker {
  worker: NotifyWorker;
  stop(): Promise<void>;
}

/** Runs rounds in a loop until stopped: back to back while there is work, every `pollMs` when idle. */
export function startWorker(options: WorkerOptions): RunningWorker {
  const worker = new NotifyWorker(options);
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        handled = await worker.runOnce();
      } catch (error) {
        options.error?.('delivery worker round failed', error);
      }
      if (handled === 0 && worker.fannedOutLastRound === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, worker.settings.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();
  return {
    worker,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
