import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type QueryCreator } from 'kysely';
import type { Config } from '../config.ts';
import { MailError, type MailTransport } from '../mail/transport.ts';
import type { Store } from '../store/connect.ts';
import type { Database, DeliveryStatus } from '../store/schema.ts';
import { postSignedWebhook } from '../webhooks/send.ts';
import { allowPrivateFromEnv, type LookupAll } from '../webhooks/address-guard.ts';
import { fanOutPending, PRIORITY } from './audience.ts';
import { digestEmail, digestHourFromEnv } from './digest.ts';
import { eventEmail, webhookPayload } from './messages.ts';
import { isAlertEvent, readEvent, type NotifyEvent } from './events.ts';

/**
 * The delivery worker (docs/notifications.md, docs/decisions/004-delivery-exactly-once.md).
 * Each round: re-queue abandoned claims (sweeper), fan out new events, claim a batch of due
 * deliveries (`FOR UPDATE SKIP LOCKED` on PostgreSQL; one atomic UPDATE on SQLite), send each
 * OUTSIDE any transaction and record its result right after its own send. Any number of workers
 * may run against one PostgreSQL database.
 */
export interface NotifySettings {
  /** NOTIFY_RETRY_BASE_MS: first retry delay; doubles with each attempt, ±50 % jitter. */
  retryBaseMs: number;
  /** NOTIFY_MAX_ATTEMPTS: after this many temporary failures a delivery is failed. */
  maxAttempts: number;
  /** NOTIFY_LEASE_MS: a `sending` claim older than this is presumed abandoned and re-queued. */
  leaseMs: number;
  /** NOTIFY_BATCH_SIZE: deliveries claimed at once. */
  batchSize: number;
  /** NOTIFY_POLL_MS: how long an idle worker waits before looking again. */
  pollMs: number;
  /** DIGEST_HOUR_UTC: when daily digests go out. */
  digestHourUtc: number;
}

export function notifySettings(env: NodeJS.ProcessEnv = process.env): NotifySettings {
  return {
    retryBaseMs: positive(env, 'NOTIFY_RETRY_BASE_MS', 5000),
    maxAttempts: positive(env, 'NOTIFY_MAX_ATTEMPTS', 8),
    leaseMs: positive(env, 'NOTIFY_LEASE_MS', 60_000),
    batchSize: positive(env, 'NOTIFY_BATCH_SIZE', 50),
    pollMs: positive(env, 'NOTIFY_POLL_MS', 1000),
    digestHourUtc: digestHourFromEnv(env),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${text}")`);
  return value;
}

export interface WorkerOptions {
  store: Pick<Store, 'db' | 'engine'>;
  config: Pick<Config, 'publicUrl' | 'secret'>;
  mail: MailTransport;
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

/** E-mail digest rows are sent together, one message per channel; webhooks get each event at once. */
function isDigest(delivery: Pick<ClaimedDelivery, 'priority' | 'channel_kind'>): boolean {
  return delivery.priority === PRIORITY.digest && delivery.channel_kind === 'email';
}

const QUEUED = sql<DeliveryStatus>`'queued'`;
const FAN_OUTS_PER_ROUND = 4;
const SENDING = sql<DeliveryStatus>`'sending'`;

/** The Message-ID local part and the webhook-id: the same for every attempt of one delivery. */
export function idempotencyKey(eventId: number, channelId: number): string {
  return `delivery-${eventId}-${channelId}`;
}

type Outcome =
  | { status: 'sent' }
  | { status: 'retry'; error: string; at?: string }
  | { status: 'failed'; error: string }
  | { status: 'bounced'; error: string };

export class NotifyWorker {
  readonly id: string;
  readonly settings: NotifySettings;
  readonly #o: WorkerOptions;
  readonly #now: () => Date;
  readonly #random: () => number;
  readonly #sent: GroupCommit;
  #sweptAt = Number.NEGATIVE_INFINITY;
  /** Events the last round fanned out: a round that sent nothing but did this still did work. */
  fannedOutLastRound = 0;

  constructor(options: WorkerOptions) {
    this.#o = options;
    this.settings = { ...notifySettings({}), ...options.settings };
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#sent = new GroupCommit(async (ids) => {
      // A record that fails leaves a sent message `sending`, to be sent again after the lease:
      // worth a few tries (a busy SQLite file, a PostgreSQL failover) before giving up.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#o.store.db.updateTable('deliveries')
            .set({ status: 'sent', sent_at: this.#now().toISOString(), last_error: null, claimed_by: null, claimed_at: null })
            .where('id', 'in', ids).where('status', '=', SENDING).where('claimed_by', '=', this.id)
            .execute();
          return;
        } catch (error) {
          if (attempt >= 3) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    });
  }

  /** Returns `sending` rows whose claim is older than the lease to the queue (their worker died). */
  async sweep(): Promise<number> {
    const cutoff = new Date(this.#now().getTime() - this.settings.leaseMs).toISOString();
    // A delivery whose every attempt ended with its worker dying (a message that crashes the
    // worker?) is not retried for ever: attempts are counted at claim time.
    await this.#o.store.db
      .updateTable('deliveries')
      .set({ status: 'failed', last_error: 'abandoned by its worker on every attempt', claimed_by: null, claimed_at: null })
      .where('status', '=', SENDING)
      .where('claimed_at', '<', cutoff)
      .where('attempts', '>=', this.settings.maxAttempts)
      .execute();
    const result = await this.#o.store.db
      .updateTable('deliveries')
      .set({ status: 'queued', claimed_by: null, claimed_at: null })
      .where('status', '=', SENDING)
      .where('claimed_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Claims up to `limit` due deliveries, most urgent first; counts the attempt. */
  async claim(limit = this.settings.batchSize): Promise<ClaimedDelivery[]> {
    const { db, engine } = this.#o.store;
    const at = this.#now().toISOString();
    const set = { status: 'sending' as const, claimed_by: this.id, claimed_at: at, attempts: sql<number>`attempts + 1` };
    const returned = ['deliveries.id', 'deliveries.event_id', 'deliveries.traveller_id', 'deliveries.channel_id', 'deliveries.channel_kind', 'deliveries.attempts', 'deliveries.priority'] as const;
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
        .returning(returned)
        .execute()
      : await db
        .updateTable('deliveries')
        .set(set)
        .where('id', 'in', due(db))
        .where('status', '=', QUEUED)
        .returning(returned)
        .execute();
    return rows.sort((a, b) => a.id - b.id).map((row) => ({ ...row, idempotency_key: idempotencyKey(row.event_id, row.channel_id) }));
  }

  /** One round: sweep, fan out new events, claim a batch and send it. Returns the number of deliveries handled. */
  async runOnce(): Promise<number> {
    // Sweeping every round (ten a second when busy) made each round read the claims index's
    // entries for every row ever claimed until VACUUM removes them (without autovacuum, sending
    // fell from ~2,900/s to ~1,000/s over a million messages). A claim only expires after a
    // whole lease anyway.
    const now = this.#now().getTime();
    if (now - this.#sweptAt >= this.settings.leaseMs / 4) {
      this.#sweptAt = now;
      await this.sweep();
    }
    // A few events a round, so that sending starts while a burst of events is still being fanned out.
    const fannedOut = await fanOutPending(this.#o.store.db, this.#now(), { digestHourUtc: this.settings.digestHourUtc }, FAN_OUTS_PER_ROUND);
    this.fannedOutLastRound = fannedOut.length;
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

  async #send(claimed: ClaimedDelivery[]): Promise<void> {
    const { db } = this.#o.store;
    // A digest covers every due digest row of its channel: claim the ones this batch did not take.
    const digestChannels = [...new Set(claimed.filter(isDigest).map((d) => d.channel_id))];
    const batch = digestChannels.length > 0 ? [...claimed, ...(await this.#claimDigestRest(digestChannels))] : claimed;
    const details = await db
      .selectFrom('deliveries as d')
      .innerJoin('channels as c', 'c.id', 'd.channel_id')
      .innerJoin('travellers as tr', 'tr.id', 'd.traveller_id')
      .innerJoin('events as e', 'e.id', 'd.event_id')
      .select(['d.id', 'c.address', 'c.secret', 'c.disabled_at', 'tr.unsubscribed_at', 'e.kind', 'e.urgent', 'e.payload'])
      .where('d.id', 'in', batch.map((d) => d.id))
      .execute();
    const byId = new Map(details.map((row) => [row.id, row]));
    // Work items: one delivery, or all of one channel's digest rows (one e-mail).
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
    // A batch may take longer than the lease (slow relay, SMTP_RATE, webhook timeouts): keep its
    // claims fresh so that no sweeper hands them to another worker while they wait their turn here.
    const renewal = setInterval(() => {
      this.#renewClaims().catch((error: unknown) => this.#o.error?.('could not renew delivery claims', error));
    }, Math.max(10, Math.floor(this.settings.leaseMs / 3)));
    const workers = Array.from({ length: Math.max(1, Math.min(this.#o.concurrency ?? 5, items.length)) }, async () => {
      for (let item = items.shift(); item; item = items.shift()) {
        // Its traveller or channel was deleted after the fan-out (deliveries have no foreign keys,
        // migration 005): nothing to send, and the orphan row goes rather than being swept back.
        const orphans = item.filter((d) => !byId.has(d.id));
        if (orphans.length > 0) await db.deleteFrom('deliveries').where('id', 'in', orphans.map((d) => d.id)).where('claimed_by', '=', this.id).execute();
        let group = item.filter((d) => byId.has(d.id));
        // An alert held for a digest that has expired meanwhile is news no longer: drop it.
        if (group[0] && isDigest(group[0])) {
          const nowText = this.#now().toISOString();
          const stale = group.filter((d) => {
            const r = byId.get(d.id)!;
            const event = readEvent({ ...r, id: d.event_id });
            return isAlertEvent(event) && event.payload.expires <= nowText;
          });
          for (const d of stale) await this.#record(d, { status: 'failed', error: 'the alert expired before the digest went out' });
          group = group.filter((d) => !stale.includes(d));
        }
        if (group.length === 0) continue;
        const row = byId.get(group[0]!.id)!;
        let outcome: Outcome;
        if (row.unsubscribed_at) outcome = { status: 'failed', error: 'traveller unsubscribed' };
        else if (row.disabled_at) outcome = { status: 'failed', error: 'channel disabled' };
        else {
          const events = group.map((d): NotifyEvent => readEvent({ ...byId.get(d.id)!, id: d.event_id }));
          outcome = await this.#deliver(group[0]!, events, row.address, row.secret);
        }
        // One retry time for the whole group, so a digest comes back together as one e-mail.
        if (outcome.status === 'retry') outcome = { ...outcome, at: this.#retryAt(group[0]!.attempts) };
        for (const delivery of group) {
          try {
            await this.#record(delivery, outcome);
          } catch (error) {
            // The sweeper re-queues it after the lease; the same Message-ID lets receivers drop the copy.
            this.#o.error?.(`could not record delivery ${delivery.id}`, error);
          }
        }
      }
    });
    try {
      await Promise.all(workers);
    } finally {
      clearInterval(renewal);
    }
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

  async #deliver(delivery: ClaimedDelivery, events: NotifyEvent[], address: string, secret: string | null): Promise<Outcome> {
    const now = this.#now();
    const event = events[0]!;
    try {
      if (delivery.channel_kind === 'email') {
        const mail = isDigest(delivery)
          // Named after the group's first delivery: a retry of the same group keeps the Message-ID.
          ? digestEmail(this.#o.config, events, { to: address, travellerId: delivery.traveller_id, idempotencyKey: `digest-${delivery.channel_id}-${delivery.id}` }, now)
          : eventEmail(this.#o.config, event, { to: address, travellerId: delivery.traveller_id, idempotencyKey: delivery.idempotency_key }, now);
        await this.#o.mail.send(mail);
        return { status: 'sent' };
      }
      if (delivery.channel_kind === 'webhook') {
        if (!secret) return { status: 'failed', error: 'webhook channel has no signing secret' };
        const response = await postSignedWebhook(address, secret, webhookPayload(this.#o.config, event, delivery.idempotency_key, delivery.traveller_id), {
          id: delivery.idempotency_key,
          now,
          allowPrivate: this.#o.allowPrivateWebhooks ?? allowPrivateFromEnv(),
          ...(this.#o.lookup ? { lookup: this.#o.lookup } : {}),
        });
        if (response.status >= 200 && response.status < 300) return { status: 'sent' };
        const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
        return retryable ? { status: 'retry', error: `HTTP ${response.status}` } : { status: 'failed', error: `HTTP ${response.status}` };
      }
      return { status: 'failed', error: `no sender for ${delivery.channel_kind} channels` };
    } catch (error) {
      if (error instanceof MailError) {
        if (error.recipientRefused) return { status: 'bounced', error: shortError(error) };
        // A relay-level refusal (login, sender, "sending paused") is the operator's to fix: retry
        // with backoff rather than fail or disable every recipient at once.
        return { status: 'retry', error: shortError(error) };
      }
      if ((error as Error).name === 'UnsafeAddressError') {
        // A host that does not resolve may be a DNS hiccup: retry. A private address is refused for good.
        const message = (error as Error).message;
        return { status: / does not resolve$/.test(message) ? 'retry' : 'failed', error: shortError(error) };
      }
      return { status: 'retry', error: shortError(error) };
    }
  }

  /** Exponential backoff from NOTIFY_RETRY_BASE_MS with ±50 % jitter. */
  #retryAt(attempts: number): string {
    const jitter = 0.5 + this.#random();
    const delay = Math.round(this.settings.retryBaseMs * 2 ** (attempts - 1) * jitter);
    return new Date(this.#now().getTime() + delay).toISOString();
  }

  async #record(delivery: ClaimedDelivery, outcome: Outcome): Promise<void> {
    const { db } = this.#o.store;
    const now = this.#now();
    const at = now.toISOString();
    const mine = db.updateTable('deliveries').where('id', '=', delivery.id).where('status', '=', 'sending').where('claimed_by', '=', this.id);
    if (outcome.status === 'sent') {
      await this.#sent.add(delivery.id);
      return;
    }
    if (outcome.status === 'retry' && delivery.attempts < this.settings.maxAttempts) {
      await mine.set({ status: 'queued', next_attempt_at: outcome.at ?? this.#retryAt(delivery.attempts), last_error: outcome.error, claimed_by: null, claimed_at: null }).execute();
      return;
    }
    const status = outcome.status === 'bounced' ? 'bounced' : 'failed';
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('deliveries').where('id', '=', delivery.id).where('status', '=', 'sending').where('claimed_by', '=', this.id)
        .set({ status, last_error: outcome.error, claimed_by: null, claimed_at: null }).execute();
      // A permanent SMTP refusal (5xx): stop mailing that address until the traveller fixes it.
      if (status === 'bounced') {
        await trx.updateTable('channels').set({ disabled_at: at, disabled_reason: `bounced: ${outcome.error}` }).where('id', '=', delivery.channel_id).where('disabled_at', 'is', null).execute();
      }
    });
  }
}

/**
 * Records "sent" for several deliveries in one UPDATE: each send's record starts at once when no
 * write is under way, and sends that finish during a write share the next one (group commit).
 * A send is still recorded right after it finishes, before its lane takes the next message, so
 * a crash can re-send at most the messages in flight (ADR 004) — but the database sees one write
 * per group instead of one per message (measured: a fifth of a worker's CPU on SQLite).
 */
class GroupCommit {
  readonly #write: (ids: number[]) => Promise<void>;
  #waiting: { id: number; done: () => void; failed: (error: unknown) => void }[] = [];
  #writing = false;

  constructor(write: (ids: number[]) => Promise<void>) {
    this.#write = write;
  }

  add(id: number): Promise<void> {
    return new Promise((done, failed) => {
      this.#waiting.push({ id, done, failed });
      if (!this.#writing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#writing = true;
    while (this.#waiting.length > 0) {
      const group = this.#waiting;
      this.#waiting = [];
      try {
        await this.#write(group.map((g) => g.id));
        for (const g of group) g.done();
      } catch (error) {
        for (const g of group) g.failed(error);
      }
    }
    this.#writing = false;
  }
}

/**
 * SMTP and HTTP errors may quote an e-mail address, a webhook's host name or its IP address, all
 * of which can identify a person; staff see these texts. Keep the code and the words around them.
 */
export function shortError(error: unknown): string {
  const e = error as { responseCode?: number; message?: string };
  const text = (e.message ?? String(error))
    .replace(/<?[^\s<>]+@[^\s<>]+>?/g, '<address>')
    .replace(/\[?[0-9a-f]*:[0-9a-f:]{2,}\]?(?::\d+)?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/gi, '<ip>')
    .replace(/\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\b/gi, '<host>')
    .slice(0, 200);
  return e.responseCode ? `${e.responseCode} ${text}` : text;
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
