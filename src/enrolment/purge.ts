import type { Kysely } from 'kysely';
import { caseSettings } from '../cases/context.ts';
import { purgeClosedCases } from '../cases/retention.ts';
import { checkpointDeletions } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import { addCount, enrolmentSettings, today, type EnrolmentContext } from './context.ts';

export interface PurgeReport {
  trips: number;
  sessions: number;
  links: number;
  /** The last end date (or cancellation day) that was purged. */
  cutoff: string;
  /** Closed consular cases past CASE_RETENTION_DAYS (docs/cases.md). */
  cases: number;
}

/**
 * Deletes trips that ended (or were cancelled) more than TRIP_RETENTION_DAYS ago (also those
 * waiting in invitations), expired sessions and sign-in links, and closed cases past
 * CASE_RETENTION_DAYS (src/cases/retention.ts). Safe to run any number of times; `waypost serve` runs it daily.
 */
export async function purgeExpired(ctx: Pick<EnrolmentContext, 'db' | 'now' | 'settings'> & { caseRetentionDays?: number }): Promise<PurgeReport> {
  const day = today(ctx);
  const cutoffDate = new Date(`${day}T00:00:00Z`);
  cutoffDate.setUTCDate(cutoffDate.getUTCDate() - ctx.settings.tripRetentionDays);
  const cutoff = cutoffDate.toISOString().slice(0, 10);
  const now = ctx.now().toISOString();
  const report = await ctx.db.transaction().execute(async (trx) => {
    const trips = await trx
      .deleteFrom('trips')
      .where((eb) => eb.or([eb('end_date', '<', cutoff), eb('cancelled_at', '<', `${cutoff}T00:00:00.000Z`)]))
      .executeTakeFirst();
    // Trips waiting in invitations go by the same rule; an invitation with none left goes once it is closed.
    await trx.deleteFrom('invitation_trips').where('end_date', '<', cutoff).execute();
    await trx.deleteFrom('organisation_invitations')
      .where((eb) => eb.or([eb('declined_at', 'is not', null), eb('expires_at', '<=', now)]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('invitation_trips').select('invitation_trips.id').whereRef('invitation_trips.invitation_id', '=', 'organisation_invitations.id'))))
      .execute();
    const sessions = await trx.deleteFrom('traveller_sessions').where('expires_at', '<=', now).executeTakeFirst();
    const links = await trx.deleteFrom('sign_in_links').where('expires_at', '<=', now).executeTakeFirst();
    const purged = Number(trips.numDeletedRows);
    await addCount(trx, 'trips_purged', day, purged);
    return { trips: purged, sessions: Number(sessions.numDeletedRows), links: Number(links.numDeletedRows), cutoff };
  });
  const cases = await purgeClosedCases(ctx.db, ctx.now(), ctx.caseRetentionDays ?? caseSettings().retentionDays);
  // What was purged (or deleted since the last run) leaves SQLite's write-ahead log too (src/store/connect.ts).
  await checkpointDeletions(ctx.db);
  return { ...report, cases };
}

/**
 * Runs the purge now and then once a day in this process (`waypost serve`). Running it in several
 * processes at once is harmless: each run deletes what is due and nothing else. Returns a stop function.
 */
export function scheduleDailyPurge(db: Kysely<Database>, log: (message: string) => void = () => {}): () => void {
  // Read once, at start-up: a wrong CASE_RETENTION_DAYS stops `waypost serve` with its message.
  const ctx = { db, now: () => new Date(), settings: enrolmentSettings(), caseRetentionDays: caseSettings().retentionDays };
  const run = () => {
    purgeExpired(ctx).then(
      (report) => {
        if (report.trips) log(`purged ${report.trips} trips that ended before ${report.cutoff}`);
        if (report.cases) log(`deleted ${report.cases} closed cases past their retention period`);
      },
      (error: Error) => log(`trip purge failed: ${error.message}`),
    );
  };
  const first = setTimeout(run, 60_000);
  const daily = setInterval(run, 24 * 3600_000);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
