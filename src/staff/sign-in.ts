import type { Kysely } from 'kysely';
import { recordAudit } from '../publishing/audit.ts';
import type { Database } from '../store/schema.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { findUserByEmail, normaliseEmail, type StaffUser } from './users.ts';

/** At most this many failed sign-ins per address and IP address in the window; then 429 until the oldest ages out. */
export const FAILURE_LIMIT = 5;
export const FAILURE_WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: StaffUser; cookie: string; csrfToken: string; expiresAt: Date }
  | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

const WRONG = 'That e-mail address and password do not match a staff account that can sign in.';

/**
 * Checks a password and starts a session. Failures are counted per (address, IP) in the database,
 * so the limit holds across processes and restarts; every attempt, good or bad, is in the audit log.
 * An unknown address costs the same argon2 verification as a known one.
 */
export async function signIn(db: Kysely<Database>, input: { email: unknown; password: unknown; ip: string }, now = new Date()): Promise<SignInResult> {
  const email = typeof input.email === 'string' ? normaliseEmail(input.email).slice(0, 254) : '';
  const password = typeof input.password === 'string' ? input.password.slice(0, 1024) : '';
  const ip = input.ip.slice(0, 64);
  const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000).toISOString();
  const recent = await db
    .selectFrom('sign_in_failures')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('at').as('oldest')])
    .where('email', '=', email)
    .where('ip', '=', ip)
    .where('at', '>', windowStart)
    .executeTakeFirstOrThrow();
  const anonymous = { id: null, label: email || '(no address)', role: 'system' as const };
  if (Number(recent.n) >= FAILURE_LIMIT) {
    await recordAudit(db, { actor: anonymous, action: 'sign-in-failed', subject: email, at: now, detail: { ip, reason: 'too many failed attempts' } });
    const retry = recent.oldest ? Math.max(1, Math.ceil((Date.parse(String(recent.oldest)) + FAILURE_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000)) : FAILURE_WINDOW_MINUTES * 60;
    return { ok: false, status: 429, message: `Too many failed sign-ins for this address from here. Try again in ${Math.ceil(retry / 60)} minutes.`, retryAfterSeconds: retry };
  }
  const user = email ? await findUserByEmail(db, email) : undefined;
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !matches || user.disabled) {
    const reason = !user ? 'unknown address' : !matches ? 'wrong password' : 'account disabled';
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('sign_in_failures').values({ email, ip, at: now.toISOString() }).execute();
      await recordAudit(trx, { actor: user ? { ...anonymous, id: user.id } : anonymous, action: 'sign-in-failed', subject: email, at: now, detail: { ip, reason } });
    });
    return { ok: false, status: 401, message: WRONG };
  }
  const session = await createSession(db, user.id, now);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sign_in_failures').where('email', '=', email).where('ip', '=', ip).execute();
    await trx.deleteFrom('sign_in_failures').where('at', '<', windowStart).execute();
    await recordAudit(trx, { actor: { id: user.id, label: user.email, role: user.role }, action: 'sign-in', subject: user.email, at: now, detail: { ip } });
  });
  const { passwordHash: _, ...staff } = user;
  return { ok: true, user: staff, ...session };
}
