import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteAdapter, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL schema to work in (created if missing); lets tests and tenants share a database. */
  schema?: string;
  /** Size of the PostgreSQL connection pool. */
  poolSize?: number;
}

/** Opens `sqlite:<path>`, `sqlite::memory:` or `postgres://…`. */
export function connect(url: string, options: ConnectOptions = {}): Store {
  if (url.startsWith('sqlite:')) return connectSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return connectPostgres(url, options);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
}

function connectSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  // WAL lets readers go on while the worker writes; the busy timeout rides out short write locks.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Deleted rows (a traveller's account, expired trips) are overwritten with zeros instead of
  // lingering in free space, where anyone with a copy of the file could read them (docs/security.md).
  database.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}

/**
 * After deleting personal data: on SQLite, copies the write-ahead log into the database file and
 * empties it, because the WAL still holds earlier versions of the changed pages (secure_delete zeroes
 * the current ones). Best effort: while another process is reading, SQLite waits up to the busy
 * timeout and then leaves the log as it is, to be emptied by the next call (the daily purge makes
 * one). PostgreSQL keeps dead rows until VACUUM instead (docs/security.md).
 */
export async function checkpointDeletions(db: Kysely<Database>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

// COUNT(*) and bigserial keys are int8; JavaScript numbers hold them exactly up to 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function connectPostgres(url: string, options: ConnectOptions): Store {
  const pool = new pg.Pool({
    connectionString: withDefaultUser(url),
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return name;
}

/**
 * libpq (psql) defaults the user to the operating-system account; node-postgres reads only $USER,
 * which service managers and CI often leave unset. Do what psql does so `postgres://localhost/test` works.
 */
export function withDefaultUser(url: string): string {
  const parsed = new URL(url);
  if (parsed.username || process.env.PGUSER || process.env.USER) return url;
  parsed.username = encodeURIComponent(userInfo().username);
  return parsed.toString();
}
