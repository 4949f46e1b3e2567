import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, withDefaultUser, type Engine, type Store } from '../../src/store/connect.ts';
import { migrate } from '../../src/store/migrate.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://localhost/test';

/**
 * Whether PostgreSQL answers. Under CI=true an unreachable server is an error, not a skip:
 * a green run must mean both engines were tested.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDefaultUser(TEST_DATABASE_URL), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} is required under CI=true: ${(error as Error).message}`, { cause: error });
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresReachable = await postgresAvailable();

/** The engines database tests run against: both, or SQLite alone on a machine without PostgreSQL. */
export const ENGINES: Engine[] = postgresReachable ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStore extends Store {
  /** The URL another process (a CLI run) can use to reach this same database. */
  url: string;
}

/**
 * A fresh, migrated (unless `migrated: false`, for migration tests), empty database: an in-memory or temporary SQLite file, or a PostgreSQL
 * schema of its own (so test files can run in parallel); dropped after the run (or by `close`
 * outside vitest's global setup).
 */
export async function createTestStore(engine: Engine, options: { file?: string; migrated?: boolean } = {}): Promise<TestStore> {
  const migrated = options.migrated ?? true;
  if (engine === 'sqlite') {
    const url = `sqlite:${options.file ?? ':memory:'}`;
    const store = connect(url);
    if (migrated) await migrate(store);
    return { ...store, url };
  }
  // Under vitest the run's schemas are dropped together at the end (test/global-setup.ts).
  const run = process.env.WAYPOST_TEST_RUN;
  const schema = `t_${run ? `${run}_` : ''}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDefaultUser(TEST_DATABASE_URL) });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = connect(TEST_DATABASE_URL, { schema, poolSize: 4 });
  if (migrated) await migrate(store);
  const separator = TEST_DATABASE_URL.includes('?') ? '&' : '?';
  return {
    ...store,
    url: `${TEST_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async close() {
      await store.close();
      if (run) return;
      const cleanup = new pg.Client({ connectionString: withDefaultUser(TEST_DATABASE_URL) });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
