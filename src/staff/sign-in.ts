import type { Kysely } from 'kysely';
import { recordAudit } from '../publishing/audit.ts';
import type { Database } from '../store/schema.ts';
import { accountKey, clearFailures, clientLockedOutFor, lockedOutFor, recordFailure, recordRefusal, UNKNOWN_ACCOUNT } from './lockout.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { findUserByEmail, normaliseEmail, type StaffUser } from './users.ts';

export type SignInResult =
  | { ok: true; user: StaffUser; cookie: string; csrfToken: string; expiresAt: Date }
  | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

const WRONG = 'That e-mail address and password do not match a staff account that can sign in.';

/**
 * Checks a password and starts a session. `ip` is the client as TRUST_PROXY resolves it
 * (`request.ip`); failures are limited per account and client, and per client (src/staff/lockout.ts). Every
 * attempt is audited, naming the account only when there is one (what was typed may be a
 * password); refused attempts share one entry per window. An unknown address costs the same
 * argon2 verification as a known one.
 */
export async function signIn(db: Kysely<Database>, input: { email: unknown; password: unknown; ip: string }, now = new Date()): Promise<SignInResult> {
  const email = typeof input.email === 'string' ? normaliseEmail(input.email).slice(0, 254) : '';
  const password = typeof input.password === 'string' ? input.password.slice(0, 1024) : '';
  const ip = input.ip.slice(0, 64);
  const key = accountKey(email);
  const user = email ? await findUserByEmail(db, email) : undefined;
  const subject = user?.email ?? UNKNOWN_ACCOUNT;
  const actor = { id: user?.id ?? null, label: subject, role: 'system' as const };

  const retry = await lockedOutFor(db, key, ip, now);
  if (retry !== null) {
    await recordRefusal(db, { subject, actorId: actor.id, ip, now });
    return { ok: false, status: 429, message: `Too many failed sign-ins for this address from here. Try again in ${Math.ceil(retry / 60)} minutes.`, retryAfterSeconds: retry };
  }
  // Password spraying: many accounts, few tries each, from one client.
  const clientRetry = await clientLockedOutFor(db, ip, now);
  if (clientRetry !== null) {
    await recordRefusal(db, { subject, actorId: actor.id, ip, now, reason: 'too many failed attempts from this client' });
    return { ok: false, status: 429, message: `Too many failed sign-ins from here. Try again in ${Math.ceil(clientRetry / 60)} minutes.`, retryAfterSeconds: clientRetry };
  }
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !matches || user.disabled) {
    const reason = !user ? 'unknown address' : !matches ? 'wrong password' : 'account disabled';
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, key, ip, now);
      await recordAudit(trx, { actor, action: 'sign-in-failed', subject, at: now, detail: { ip, reason } });
    });
    return { ok: false, status: 401, message: WRONG };
  }
  const session = await createSession(db, user.id, now);
  await db.transaction().execute(async (trx) => {
    await clearFailures(trx, key, ip, now);
    await recordAudit(trx, { actor: { id: user.id, label: user.email, role: user.role }, action: 'sign-in', subject: user.email, at: now, detail: { ip } });
  });
  const { passwordHash: _, ...staff } = user;
  return { ok: true, user: staff, ...session };
}
