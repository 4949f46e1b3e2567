import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query afresh. Preparing is where SQLite parses the SQL,
 * plans it and compiles the triggers it fires, and it was the largest cost of a check-in answer
 * (a sixth of the server's time in a profile, more than running the statements; docs/benchmarks.md).
 * Statements are kept per SQL text, least recently used out first. Re-use is safe because Kysely
 * runs one query at a time on this connection (its connection mutex), a finished statement can be
 * run again, and SQLite recompiles a kept statement by itself after a schema change. Very long SQL
 * (bulk inserts with many rows of parameters) is rarely repeated and is not kept.
 */
export function withStatementCache(database: BetterSqlite3.Database, capacity = 500, longestKept = 8_000): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    close() {
      kept.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const found = kept.get(sql);
      if (found) {
        kept.delete(sql);
        kept.set(sql, found);
        return found;
      }
      const statement = database.prepare(sql);
      if (sql.length <= longestKept) {
        kept.set(sql, statement);
        if (kept.size > capacity) kept.delete(kept.keys().next().value!);
      }
      return statement;
    },
  };
}
