import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Store } from './connect.ts';
import * as advisories from './migrations/001-advisories.ts';
import * as editorial from './migrations/002-editorial.ts';
import * as outbox from './migrations/003-outbox.ts';
import * as enrolment from './migrations/004-enrolment.ts';
import * as notify from './migrations/005-notify.ts';
import * as alerts from './migrations/006-alerts.ts';
import * as draftContributors from './migrations/007-draft-contributors.ts';
import * as sourceSync from './migrations/008-source-sync.ts';
import * as security from './migrations/009-security.ts';
import * as organisationVerification from './migrations/010-organisation-verification.ts';
import * as clientSignInFailures from './migrations/011-client-sign-in-failures.ts';
import * as crises from './migrations/012-crises.ts';
import * as peerAdvice from './migrations/013-peer-advice.ts';
import * as tripBriefings from './migrations/014-trip-briefings.ts';
import * as cases from './migrations/015-cases.ts';
import * as sms from './migrations/016-sms.ts';
import * as departures from './migrations/017-departures.ts';
import * as crisisCounters from './migrations/018-crisis-counters.ts';
import * as crisisFollowUps from './migrations/019-crisis-follow-ups.ts';
import * as missions from './migrations/021-missions.ts';
import * as peerChangeNews from './migrations/022-peer-change-news.ts';
import * as crisisCountersAtScale from './migrations/023-crisis-counters-at-scale.ts';
import * as organisationMessages from './migrations/024-organisation-messages.ts';
import * as advisoryTranslations from './migrations/026-advisory-translations.ts';
import * as crisisAnswersInOneCall from './migrations/027-crisis-answers-in-one-call.ts';
import * as crisisAnswersIndexProbes from './migrations/028-crisis-answers-index-probes.ts';
import * as crisisPeopleRoomToUpdate from './migrations/029-crisis-people-room-to-update.ts';
import * as crisisPeopleRemovedPerStatement from './migrations/030-crisis-people-removed-per-statement.ts';
import { syncDestinations } from './destinations.ts';

type EngineMigration = { up: (db: Kysely<unknown>, engine: Store['engine']) => Promise<void> };

/** Every migration, in order. Names sort lexically; never rename or edit one that has shipped. */
const MIGRATIONS: Record<string, EngineMigration> = {
  '001-advisories': advisories,
  '002-editorial': editorial,
  '003-outbox': outbox,
  '004-enrolment': enrolment,
  '005-notify': notify,
  '006-alerts': alerts,
  '007-draft-contributors': draftContributors,
  '008-source-sync': sourceSync,
  '009-security': security,
  '010-organisation-verification': organisationVerification,
  '011-client-sign-in-failures': clientSignInFailures,
  '012-crises': crises,
  '013-peer-advice': peerAdvice,
  '014-trip-briefings': tripBriefings,
  '015-cases': cases,
  '016-sms': sms,
  '017-departures': departures,
  '018-crisis-counters': crisisCounters,
  '019-crisis-follow-ups': crisisFollowUps,
  '021-missions': missions,
  '022-peer-change-news': peerChangeNews,
  '023-crisis-counters-at-scale': crisisCountersAtScale,
  '024-organisation-messages': organisationMessages,
  '026-advisory-translations': advisoryTranslations,
  '027-crisis-answers-in-one-call': crisisAnswersInOneCall,
  '028-crisis-answers-index-probes': crisisAnswersIndexProbes,
  '029-crisis-people-room-to-update': crisisPeopleRoomToUpdate,
  '030-crisis-people-removed-per-statement': crisisPeopleRemovedPerStatement,
};

class StaticProvider implements MigrationProvider {
  readonly #engine: Store['engine'];
  constructor(engine: Store['engine']) {
    this.#engine = engine;
  }
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db) => m.up(db, this.#engine) }]),
    );
  }
}

/** Brings the schema up to date and refreshes the destination list. Safe to run any number of times. */
export async function migrate(store: Store): Promise<string[]> {
  // Without an explicit schema Kysely looks for its bookkeeping tables in every schema on
  // PostgreSQL, and finds another tenant's (or test's) instead of creating its own.
  const migrationTableSchema = store.engine === 'postgres'
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db: store.db,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
    provider: new StaticProvider(store.engine),
    // Features land in parallel; a database may have run a later-numbered migration first.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  await syncDestinations(store.db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
