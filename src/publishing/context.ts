import type { Kysely } from 'kysely';
import { subdivisionsOf } from '../enrolment/regions.ts';
import type { StaffRole } from '../domain/roles.ts';
import type { Database } from '../store/schema.ts';

/** What the editorial services need: the database and a clock (tests move it). */
export interface EditorialContext {
  db: Kysely<Database>;
  now: () => Date;
  /** ISO 3166-2 subdivision codes of a country; default: the bundled ISO 3166-2 list. */
  subdivisions?: (country: string) => readonly string[];
}

/** Who did something: a staff member, the scheduler, the command line, or an anonymous visitor. */
export interface Actor {
  id: number | null;
  /** E-mail of the staff member at the time, or "scheduler", "command line", "unknown account" (a failed sign-in to no account). */
  label: string;
  role: StaffRole | 'system';
}

export const SCHEDULER: Actor = { id: null, label: 'scheduler', role: 'system' };
export const COMMAND_LINE: Actor = { id: null, label: 'command line', role: 'system' };

export function editorialContext(db: Kysely<Database>, now: () => Date = () => new Date()): EditorialContext {
  return { db, now };
}

const cache = new Map<string, readonly string[]>();

export function subdivisionCodes(ctx: EditorialContext, country: string): readonly string[] {
  if (ctx.subdivisions) return ctx.subdivisions(country);
  let codes = cache.get(country);
  if (!codes) cache.set(country, (codes = subdivisionsOf(country).map((s) => s.code)));
  return codes;
}

/** A refusal with its HTTP status: the message is shown as is; `errors` point at fields. */
export class EditorialError extends Error {
  override name = 'EditorialError';
  readonly status: number;
  readonly errors: { field: string; message: string }[] | undefined;
  constructor(status: number, message: string, errors?: { field: string; message: string }[]) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

/** A unique-key violation on either engine (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
