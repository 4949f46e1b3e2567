import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { followUpDueAt, isDue } from '../domain/crisis-timers.ts';
import { readIdentity } from '../identity/settings.ts';
import type { MailTransport } from '../mail/transport.ts';
import { contactAskEmail } from '../notify/contact-messages.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { sendContactAsks } from './contact-sending.ts';
import { queueContactAsks } from './escalation.ts';
import { sendWave, type WaveResult } from './waves.ts';

/**
 * What crises do by themselves, run by every delivery worker (src/notify/worker.ts): timed
 * follow-ups, and asking emergency contacts after hours of silence (docs/crises.md). Each is safe
 * with any number of workers: a follow-up's due time is unique per crisis, a contact's ask unique
 * per crisis, person and contact, and each ask is claimed before it is sent.
 */

export const FOLLOW_UP_ACTOR = { id: null, label: 'timed follow-up', role: 'system' } as const;

/**
 * Sends the follow-up of every active crisis whose interval has passed since its last wave, if
 * anybody it found is still silent (a follow-up to nobody would only fill the list of waves).
 */
export async function sendDueFollowUps(db: Kysely<Database>, now: Date): Promise<WaveResult[]> {
  const crises = await db.selectFrom('crises as c').innerJoin('crisis_waves as w', 'w.crisis_id', 'c.id')
    .select((eb) => ['c.id', 'c.follow_up_every_minutes', eb.fn.max('w.sent_at').as('last')])
    .where('c.status', '=', 'active').where('c.follow_up_every_minutes', 'is not', null)
    .groupBy(['c.id', 'c.follow_up_every_minutes']).execute();
  const sent: WaveResult[] = [];
  for (const crisis of crises) {
    const dueAt = followUpDueAt(crisis.last, crisis.follow_up_every_minutes === null ? null : Number(crisis.follow_up_every_minutes));
    if (!isDue(dueAt, now)) continue;
    const silent = await db.selectFrom('crisis_people as p').select('p.traveller_id').where('p.crisis_id', '=', crisis.id)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('crisis_answers as a').select('a.id').where('a.crisis_id', '=', crisis.id).whereRef('a.traveller_id', '=', 'p.traveller_id'))))
      .limit(1).executeTakeFirst();
    if (!silent) continue;
    try {
      sent.push(await sendWave({ db, now: () => now }, FOLLOW_UP_ACTOR, crisis.id, { followUp: true, dueAt }));
    } catch (error) {
      // 409: another worker sent this follow-up (same due time), or the crisis closed meanwhile.
      if (!(error instanceof EditorialError && error.status === 409)) throw error;
    }
  }
  return sent;
}

export interface CrisisTimersOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'publicUrl' | 'secret'>;
  mail: MailTransport;
  workerId: string;
  leaseMs: number;
  maxAttempts: number;
  /** How often a worker looks (default 15 s); the first round always does. */
  everyMs?: number;
}

export class CrisisTimers {
  readonly #o: CrisisTimersOptions;
  #ranAt = Number.NEGATIVE_INFINITY;

  constructor(options: CrisisTimersOptions) {
    this.#o = options;
  }

  /** Follow-ups due, asks due, then the asks waiting to be sent. Returns how much it did. */
  async run(now: Date): Promise<{ followUps: number; asked: number; sent: number }> {
    const { db, config } = this.#o;
    const followUps = (await sendDueFollowUps(db, now)).length;
    const asked = await queueContactAsks(db, now);
    // Sent in the authority's name (docs/identity.md), read once a run.
    const identity = await readIdentity(db);
    const sent = await sendContactAsks({ ...this.#o, build: (ask) => contactAskEmail({ ...config, identity }, ask, now) }, now);
    return { followUps, asked, sent };
  }

  async runIfDue(now: Date): Promise<number> {
    if (now.getTime() - this.#ranAt < (this.#o.everyMs ?? 15_000)) return 0;
    this.#ranAt = now.getTime();
    const done = await this.run(now);
    return done.followUps + done.asked + done.sent;
  }
}
