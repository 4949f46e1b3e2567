import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { recordAnswersInOneCall } from './crisis-answers-in-one-call.ts';

/** A batch of check-in answers as one call on PostgreSQL (ADR 008; crisis-answers-in-one-call.ts). */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await recordAnswersInOneCall(db, engine);
}
