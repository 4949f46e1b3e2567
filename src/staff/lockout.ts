import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, updateAuditCount } from '../publishing/audit.ts';
import type { Database } from '../store/schema.ts';

/**
 * Staff sign-in lock-outs: at most FAILURE_LIMIT failed sign-ins per account and client (the
 * address TRUST_PROXY lets `request.ip` name) in FAILURE_WINDOW_MINUTES, and CLIENT_FAILURE_LIMIT
 * per client across all accounts; then 429 until enough age out. Counted in the database, so the limit holds across processes and restarts. Keyed on the
 * account *and* the client, so an attacker hammering an account does not lock its owner out from
 * elsewhere, and one client cannot lock every account for everyone.
 */
export const FAILURE_LIMIT = 5;
export const FAILURE_WINDOW_MINUTES = 15;

/**
 * Password spraying: one client trying a common password on many accounts stays under every
 * account's limit. So a client (whatever the accounts) has at most CLIENT_FAILURE_LIMIT failed
 * sign-ins in the window; then every sign-in from it is refused, the right password too, until
 * enough age out. High enough for an office behind one address to mistype now and then.
 */
export const CLIENT_FAILURE_LIMIT = 20;

/** The audit subject of a failed sign-in that names no staff account: never the text typed (sometimes a password). */
export const UNKNOWN_ACCOUNT = 'unknown account';

/**
 * What failures are counted under: a digest of the address as typed, so the table never holds the
 * text. Known and unknown addresses are counted alike: a lock-out must not tell which have accounts.
 */
export function accountKey(email: string): string {
  return createHash('sha256').update(`waypost staff sign-in:${email}`).digest('base64url');
}

function windowStart(now: Date): string {
  return new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000).toISOString();
}

/** Seconds until this account may be tried again from this client, or null when it may now. */
export function lockedOutFor(db: Kysely<Database>, key: string, ip: string, now: Date): Promise<number | null> {
  return retryAfter(db, { key, ip }, FAILURE_LIMIT, now);
}

/** Seconds until this client may try any account again, or null when it may now. */
export function clientLockedOutFor(db: Kysely<Database>, ip: string, now: Date): Promise<number | null> {
  return retryAfter(db, { ip }, CLIENT_FAILURE_LIMIT, now);
}

/**
 * With `limit` or more failures in the window, the seconds until the limit-th newest ages out (then
 * fewer than `limit` remain); else null. One indexed query (migration 011 indexes the client alone).
 */
async function retryAfter(db: Kysely<Database>, where: { key?: string; ip: string }, limit: number, now: Date): Promise<number | null> {
  let query = db.selectFrom('sign_in_failures').select('at').where('ip', '=', where.ip).where('at', '>', windowStart(now));
  if (where.key !== undefined) query = query.where('account_key', '=', where.key);
  const limiting = await query.orderBy('at', 'desc').limit(1).offset(limit - 1).executeTakeFirst();
  if (!limiting) return null;
  const freed = Date.parse(limiting.at) + FAILURE_WINDOW_MINUTES * 60_000;
  return Math.max(1, Math.ceil((freed - now.getTime()) / 1000));
}

/** Counts a failure (in the caller's transaction, beside its audit entry); failures older than the window go. */
export async function recordFailure(db: Kysely<Database>, key: string, ip: string, now: Date): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('at', '<=', windowStart(now)).execute();
  await db.insertInto('sign_in_failures').values({ account_key: key, ip, at: now.toISOString() }).execute();
}

/** A good sign-in forgives this client's failures on this account. */
export async function clearFailures(db: Kysely<Database>, key: string, ip: string, now: Date): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('account_key', '=', key).where('ip', '=', ip).execute();
  await db.deleteFrom('sign_in_failures').where('at', '<=', windowStart(now)).execute();
}

/**
 * Audits a refused (locked-out) attempt. The first refusal for a subject and client in a window
 * writes an entry; later ones only raise its count, so a flood of attempts is one entry, not one each.
 * The upsert holds the row's lock until commit: concurrent refusals queue instead of both writing.
 */
export async function recordRefusal(db: Kysely<Database>, refusal: { subject: string; actorId: number | null; ip: string; now: Date; reason?: string }): Promise<void> {
  const { subject, ip, now, reason = 'too many failed attempts' } = refusal;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sign_in_refusals').where('since', '<=', windowStart(now)).execute();
    const row = await trx
      .insertInto('sign_in_refusals')
      .values({ subject, ip, since: now.toISOString(), attempts: 1, audit_id: null })
      .onConflict((oc) => oc.columns(['subject', 'ip']).doUpdateSet((eb) => ({ attempts: eb('sign_in_refusals.attempts', '+', 1) })))
      .returning(['attempts', 'audit_id'])
      .executeTakeFirstOrThrow();
    const detail = { ip, reason, attempts: row.attempts, last: now.toISOString() };
    if (row.audit_id !== null) return updateAuditCount(trx, Number(row.audit_id), detail);
    const id = await recordAudit(trx, { actor: { id: refusal.actorId, label: subject, role: 'system' }, action: 'sign-in-failed', subject, at: now, detail });
    await trx.updateTable('sign_in_refusals').set({ audit_id: id }).where('subject', '=', subject).where('ip', '=', ip).execute();
  });
}
