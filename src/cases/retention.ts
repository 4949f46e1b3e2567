import type { Kysely } from 'kysely';
import { recordAudit } from '../publishing/audit.ts';
import type { Database } from '../store/schema.ts';
import { RETENTION } from './context.ts';

/**
 * Closed cases are kept CASE_RETENTION_DAYS (default 730) after they were closed, then deleted
 * with their notes, contacts, people and access log (ON DELETE CASCADE). Open cases are never
 * deleted; a reopened case's clock starts again when it is closed again. The daily purge of
 * `waypost serve` (src/enrolment/purge.ts) runs this; one audit entry per run says how many went.
 */
export async function purgeClosedCases(db: Kysely<Database>, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('cases').where('status', '=', 'closed').where('closed_at', '<', cutoff).returning('id').execute();
    if (gone.length) {
      await recordAudit(trx, { actor: RETENTION, action: 'case-deleted', subject: 'cases', at: now, detail: { cases: gone.map((g) => Number(g.id)), closedBefore: cutoff, retentionDays } });
    }
    return gone.length;
  });
}
