import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { toUser, type StaffUser } from './users.ts';

/** The console session cookie: HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https. */
export const SESSION_COOKIE = 'waypost_session';
/** A session lasts a working day and a half, then the console asks for the password again. */
export const SESSION_HOURS = 12;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Constant-time comparison of a submitted token with the expected one. */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface StaffSession {
  /** sha256 of the cookie value (the row key). */
  id: string;
  user: StaffUser;
  csrfToken: string;
  expiresAt: string;
}

/** Starts a session: returns the cookie value (random, 32 bytes; only its hash is stored). */
export async function createSession(db: Kysely<Database>, userId: number, now = new Date()): Promise<{ cookie: string; csrfToken: string; expiresAt: Date }> {
  const cookie = randomToken(32);
  const csrfToken = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db
    .insertInto('sessions')
    .values({ id: sha256(cookie), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
  // Expired sessions go when anyone signs in: the table never grows without bound.
  await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
  return { cookie, csrfToken, expiresAt };
}

/** The live session of a cookie value, with its (enabled) staff member, or null. */
export async function findSession(db: Kysely<Database>, cookie: string | undefined, now = new Date()): Promise<StaffSession | null> {
  if (!cookie || cookie.length > 100) return null;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.csrf_token', 's.expires_at', 'u.id', 'u.email', 'u.name', 'u.role', 'u.disabled', 'u.created_at'])
    .where('s.id', '=', sha256(cookie))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString() || row.disabled === 1) return null;
  return { id: row.session_id, user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
