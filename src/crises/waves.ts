import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { crisisScope, type CrisisScope } from '../domain/crises.ts';
import { equivalentRegions } from '../enrolment/regions.ts';
import { fanOutWithin } from '../notify/audience.ts';
import { CRISIS_WAVE, writeEvent, type CrisisWavePayload } from '../notify/events.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, isUniqueViolation, type Actor } from '../publishing/context.ts';
import { retryDeadlocks } from '../store/deadlocks.ts';
import type { Database } from '../store/schema.ts';
import { mayRunCrises, type CrisisContext } from './declare.ts';
import { countNewPeople } from './counters.ts';
import { findCrisis } from './records.ts';

/**
 * Sending a check-in wave (docs/crises.md). One transaction: the wave row; everyone newly in scope
 * added to the crisis's population (one INSERT … SELECT over trips, `tripInScope` in SQL) and to its
 * stored counts (counters.ts); the `crisis.wave` event and its deliveries, queued at once (fan-out.ts),
 * which the notification workers send, urgently; the audit entry.
 */

export interface WaveResult {
  /** The wave's number within the crisis: 1, 2, 3… */
  wave: number;
  waveId: number;
  eventId: number;
  followUp: boolean;
  /** People the wave asks, every one queued (reachable ones; for a follow-up, those who have not answered). */
  audience: number;
  /** Messages queued: one per person and channel. */
  deliveries: number;
  /** People added to the crisis's population by this wave. */
  added: number;
}

/**
 * Trips in scope, one row per person and place, in the column order of `crisis_people`; once the
 * crisis has a population (`known`), only those not in it yet. An anti-join rather than ON CONFLICT:
 * PostgreSQL's speculative insertion cost seconds per million rows (docs/benchmarks.md), and two waves
 * of one crisis never insert at once (the second waits on the (crisis, number) key, then fails).
 */
function scopeSelect(db: Kysely<Database>, crisisId: number, waveId: number, scope: CrisisScope, known: boolean) {
  const region = sql<string>`coalesce(td.region, '')`;
  return db
    .selectFrom('trips as t')
    .innerJoin('trip_destinations as td', 'td.trip_id', 't.id')
    .where('td.destination_code', 'in', scope.codes)
    .where('t.cancelled_at', 'is', null)
    .where('t.start_date', '<=', scope.toDay)
    .where((eb) => eb.or([eb('t.end_date', 'is', null), eb('t.end_date', '>=', scope.fromDay)]))
    .$if(scope.regionKeys.length > 0 && scope.regionDestinations.length > 0, (q) => q.where((eb) => eb.or([
      eb('td.region', 'is', null),
      eb(eb.fn('lower', ['td.region']), 'in', scope.regionKeys),
      eb('td.destination_code', 'not in', scope.regionDestinations),
    ])))
    .$if(known, (q) => q.where((eb) => eb.not(eb.exists(eb.selectFrom('crisis_people as o').select(sql.lit(1).as('one'))
      .where('o.crisis_id', '=', crisisId).whereRef('o.traveller_id', '=', 't.traveller_id').whereRef('o.destination_code', '=', 'td.destination_code')
      .where(sql<boolean>`o.region = coalesce(td.region, '')`)))))
    .groupBy(['t.traveller_id', 'td.destination_code', region])
    // In the order of the population's key: PostgreSQL then appends to the key's index instead of
    // inserting all over it (a million people: 4.0 s against 7.8 s, EXPLAIN ANALYZE).
    .orderBy('t.traveller_id').orderBy('td.destination_code').orderBy(region)
    .select((eb) => [
      sql<number>`${sql.lit(crisisId)}`.as('crisis_id'),
      't.traveller_id as traveller_id',
      'td.destination_code as destination_code',
      region.as('region'),
      eb.fn.min('t.organisation_id').as('organisation_id'),
      sql<number>`${sql.lit(waveId)}`.as('first_wave_id'),
    ]);
}

/** `dueAt`: the due time a timed follow-up answers (src/crises/timers.ts); unique per crisis, so it is sent once. */
export async function sendWave(ctx: CrisisContext, actor: Actor, crisisId: number, options: { followUp?: boolean; dueAt?: string } = {}): Promise<WaveResult> {
  mayRunCrises(actor);
  const followUp = options.followUp ?? false;
  const now = ctx.now();
  const at = now.toISOString();
  try {
    // A wave holds counter rows while it updates population rows, an answer the other way round:
    // when PostgreSQL breaks such a deadlock by failing the wave, the wave is sent again (and its
    // audit entry says which attempt got through).
    return await retryDeadlocks((attempt) => ctx.db.transaction().execute(async (trx) => {
      const crisis = await findCrisis(trx, crisisId);
      if (!crisis) throw new EditorialError(404, `There is no crisis ${crisisId}.`);
      if (crisis.status !== 'active') throw new EditorialError(409, `Crisis ${crisisId} is closed: it sends no more check-ins.`);
      const last = await trx.selectFrom('crisis_waves').select((eb) => eb.fn.max('number').as('n')).where('crisis_id', '=', crisisId).executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      if (followUp && number === 1) throw new EditorialError(409, 'A follow-up goes to those who did not answer an earlier wave: send a first wave before it.');
      const { id: waveId } = await trx.insertInto('crisis_waves')
        .values({ crisis_id: crisisId, number, kind: followUp ? 'follow-up' : 'initial', event_id: null, sent_at: at, sent_by: actor.label, due_at: options.dueAt ?? null })
        .returning('id').executeTakeFirstOrThrow();

      const scope = crisisScope(crisis, now, equivalentRegions);
      const added = await trx.insertInto('crisis_people')
        .columns(['crisis_id', 'traveller_id', 'destination_code', 'region', 'organisation_id', 'first_wave_id'])
        .expression(scopeSelect(trx, crisisId, waveId, scope, number > 1))
        .executeTakeFirst();
      const joined = Number(added.numInsertedOrUpdatedRows ?? 0n);
      // Without autovacuum's statistics PostgreSQL takes a million new rows for a few hundred and
      // plans the audience and the fan-out as nested loops (seconds more per million, measured).
      if (joined > 10_000 && trx.getExecutor().adapter instanceof PostgresAdapter) await sql`analyze crisis_people`.execute(trx);
      await countNewPeople(trx, crisisId, Number(waveId));

      const payload: CrisisWavePayload = {
        crisisId, waveId, number, followUp, exercise: crisis.exercise, title: crisis.title, code: crisis.destinations[0]!,
        destinations: crisis.destinations, areaDesc: crisis.areaDesc, startedAt: crisis.startedAt, sentAt: at, urgent: true,
      };
      const eventId = await writeEvent(trx, { kind: CRISIS_WAVE, destinationCode: payload.code, at: now, payload });
      await trx.updateTable('crisis_waves').set({ event_id: eventId }).where('id', '=', waveId).execute();
      // Queued here rather than by a worker later: the 202 then means every message is in the queue,
      // and its audience is who was asked, not a count made beforehand by the same SELECT (that
      // count took 1.0–2.3 s of a million-person wave, docs/benchmarks.md).
      const queued = await fanOutWithin(trx, eventId, now);
      const asked = await trx.selectFrom('crisis_waves').select('people').where('id', '=', waveId).executeTakeFirstOrThrow();
      const result: WaveResult = {
        wave: number, waveId: Number(waveId), eventId, followUp, audience: Number(asked.people ?? 0), deliveries: queued?.inserted ?? 0, added: joined,
      };
      await recordAudit(trx, {
        actor, action: 'crisis-wave-sent', destination: payload.code, subject: `crisis ${crisisId} wave ${number}`, at: now,
        detail: { crisis: crisisId, wave: number, followUp, ...(options.dueAt ? { dueAt: options.dueAt } : {}), exercise: crisis.exercise, audience: result.audience, deliveries: result.deliveries, ...(attempt > 1 ? { attempt } : {}) },
      });
      return result;
    }));
  } catch (error) {
    // Two waves of one crisis at the same moment: the (crisis, number) key lets one through.
    if (isUniqueViolation(error)) throw new EditorialError(409, 'Another wave of this crisis was sent at the same moment; reload and look before sending again.');
    throw error;
  }
}
