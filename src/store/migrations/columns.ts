import type { Engine } from '../connect.ts';

/** Auto-incrementing integer key: SQLite's rowid alias, or PostgreSQL's bigserial. */
export function idColumnType(engine: Engine): 'integer' | 'bigserial' {
  return engine === 'sqlite' ? 'integer' : 'bigserial';
}
