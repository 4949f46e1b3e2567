import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { countAnswersPerStatement } from './crisis-answers-per-statement.ts';
import { storeWaveProgress } from './crisis-wave-progress.ts';

/**
 * Crisis counts at a million people (docs/crises.md, docs/benchmarks.md "Crises"): answers counted
 * per statement on PostgreSQL, so batches of answers can be written at once; each wave's delivery
 * progress stored instead of counted over its deliveries whenever the crisis is shown.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await countAnswersPerStatement(db, engine);
  await storeWaveProgress(db, engine);
}
