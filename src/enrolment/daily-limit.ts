import type { Kysely } from 'kysely';
import { DEFAULT_ORG_DAILY_IMPORT_LIMIT, limitMessage, nextUtcMidnight, withinDailyLimit, type DailyUse } from '../domain/organisations.ts';
import type { Database } from '../store/schema.ts';
import { EnrolmentError, today, type EnrolmentContext } from './context.ts';

/** Over ORG_DAILY_IMPORT_LIMIT: a 429 whose Retry-After is the next midnight UTC. */
export class DailyLimitError extends EnrolmentError {
  override name = 'DailyLimitError';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, 429);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Adds what an import is about to write and mail to the organisation's count for today (UTC), or
 * throws DailyLimitError when that would pass ORG_DAILY_IMPORT_LIMIT. Call it inside the import's
 * transaction before writing: the throw rolls the count back with everything else, and on
 * PostgreSQL the upsert locks the day's row, so two imports at once cannot both slip under the limit.
 */
export async function chargeDailyUse(trx: Kysely<Database>, ctx: Pick<EnrolmentContext, 'now' | 'settings'>, organisationId: number, wanted: DailyUse): Promise<void> {
  if (wanted.rows === 0 && wanted.messages === 0) return;
  const limit = ctx.settings.dailyImportLimit ?? DEFAULT_ORG_DAILY_IMPORT_LIMIT;
  const totals = await trx.insertInto('organisation_daily_counts')
    .values({ organisation_id: organisationId, day: today(ctx), row_count: wanted.rows, message_count: wanted.messages })
    .onConflict((oc) => oc.columns(['organisation_id', 'day']).doUpdateSet((eb) => ({
      row_count: eb('organisation_daily_counts.row_count', '+', wanted.rows),
      message_count: eb('organisation_daily_counts.message_count', '+', wanted.messages),
    })))
    .returning(['row_count', 'message_count'])
    .executeTakeFirstOrThrow();
  const used = { rows: Number(totals.row_count) - wanted.rows, messages: Number(totals.message_count) - wanted.messages };
  const decision = withinDailyLimit(used, wanted, limit);
  if (!decision.ok) {
    const now = ctx.now();
    throw new DailyLimitError(limitMessage(decision, now), Math.max(1, Math.ceil((nextUtcMidnight(now).getTime() - now.getTime()) / 1000)));
  }
}
