import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Engine } from '../../src/store/connect.ts';
import type { TestStore } from './databases.ts';

type EngineMigration = { up: (db: Kysely<unknown>, engine: Engine) => Promise<void> };

/**
 * Runs only the migrations given (by name) on a store created with `{ migrated: false }`: a
 * database as an older release left it, for testing what a later migration does to its rows.
 */
export async function migrateOnly(store: TestStore, engine: Engine, migrations: Record<string, EngineMigration>): Promise<void> {
  const schema = engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]!.schema : undefined;
  const { error } = await new Migrator({
    db: store.db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: async () => Object.fromEntries(Object.entries(migrations).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, engine) }])) },
  }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
