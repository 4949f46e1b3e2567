import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDefaultUser } from '../src/store/connect.ts';

/**
 * One run's PostgreSQL schemas share a prefix and are dropped together after the last test file,
 * not one by one as files finish: Kysely's migrator introspects every schema in the database, and
 * a DROP SCHEMA in another file at that moment fails it with "schema … does not exist" (seen in CI).
 */
export default function setup(): () => Promise<void> {
  const run = randomBytes(4).toString('hex');
  process.env.WAYPOST_TEST_RUN = run;
  return async () => {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://localhost/test';
    const client = new pg.Client({ connectionString: withDefaultUser(url), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [`t\\_${run}\\_%`]);
      for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
    } catch {
      // No PostgreSQL (a SQLite-only run): nothing was created.
    } finally {
      await client.end().catch(() => {});
    }
  };
}
