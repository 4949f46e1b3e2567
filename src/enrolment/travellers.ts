import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { signToken, verifyToken } from '../security/signed-links.ts';
import type { Database } from '../store/schema.ts';
import { EnrolmentError, timestamp, type EnrolmentContext } from './context.ts';
import { readIdentity } from '../identity/settings.ts';
import { signInMail } from './mail.ts';
import { normaliseEmail, validEmail } from './validation.ts';

export const SIGN_IN_LINK_MINUTES = 15;
/** At most this many links per address per 15 minutes; more requests get the same answer and no mail. */
export const LINKS_PER_WINDOW = 5;
export const SESSION_DAYS = 30;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Sends a sign-in link to an address: a confirmation (double opt-in) for a new address, a
 * sign-in link for a known one. The caller answers the same whatever happened here, so nobody
 * learns from the response whether an address is registered. Throws only for an invalid address.
 * A known address gets its traveller's language; a new one the language the request was made in
 * (`requestLanguage`: the sign-in page's reader, src/http/locale.ts), as nothing else is known yet.
 */
export async function requestSignInLink(ctx: EnrolmentContext, input: unknown, requestLanguage?: string): Promise<void> {
  const email = validEmail(input);
  if (!email) throw new EnrolmentError('Enter a valid e-mail address, like name@example.org.', 400, 'email');
  const normalised = normaliseEmail(email);
  const now = ctx.now();
  const windowStart = new Date(now.getTime() - SIGN_IN_LINK_MINUTES * 60_000).toISOString();
  const recent = await ctx.db
    .selectFrom('sign_in_links')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('email_normalised', '=', normalised)
    .where('created_at', '>', windowStart)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= LINKS_PER_WINDOW) return;
  const nonce = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
  await ctx.db
    .insertInto('sign_in_links')
    .values({ token_hash: sha256(nonce), email, email_normalised: normalised, purpose: 'sign-in', created_at: now.toISOString(), expires_at: expires.toISOString(), used_at: null })
    .execute();
  const token = signToken(ctx.config.secret, 'sign-in', { n: nonce }, { now, ttlSeconds: SIGN_IN_LINK_MINUTES * 60 });
  const registered = await ctx.db.selectFrom('travellers').select(['id', 'language']).where('email_normalised', '=', normalised).executeTakeFirst();
  try {
    await ctx.mail.send(signInMail(ctx, email, `${ctx.config.publicUrl}/account/link/${token}`, Boolean(registered), await readIdentity(ctx.db), registered?.language ?? requestLanguage));
  } catch {
    // Either kind of address gets this answer, so it reveals nothing; the SMTP reply (which may quote the address) is not logged.
    throw new EnrolmentError('We could not send the e-mail just now. Please try again in a few minutes.', 503);
  }
}

/**
 * Uses a sign-in link once: checks the signature and expiry, marks the link used in the same
 * statement that finds it (so two clicks cannot both succeed), and creates the traveller on the
 * first confirmation. Returns the traveller's id.
 */
export async function consumeSignInLink(ctx: EnrolmentContext, token: unknown): Promise<{ travellerId: number; created: boolean }> {
  const now = ctx.now();
  const verified = verifyToken<{ n?: unknown }>(ctx.config.secret, 'sign-in', token, { now });
  if (!verified.ok) {
    throw new EnrolmentError(verified.reason === 'expired'
      ? 'This link has expired: links work for 15 minutes. Ask for a new one below.'
      : 'This link is not valid. Ask for a new one below.', verified.reason === 'expired' ? 410 : 400);
  }
  const nonce = verified.data.n;
  if (typeof nonce !== 'string') throw new EnrolmentError('This link is not valid. Ask for a new one below.', 400);
  const stamp = now.toISOString();
  const used = await ctx.db
    .updateTable('sign_in_links')
    .set({ used_at: stamp })
    .where('token_hash', '=', sha256(nonce))
    .where('used_at', 'is', null)
    .where('expires_at', '>', stamp)
    .returning(['email', 'email_normalised'])
    .executeTakeFirst();
  if (!used) throw new EnrolmentError('This link has already been used or has expired. Ask for a new one below.', 410);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('travellers').select('id').where('email_normalised', '=', used.email_normalised).executeTakeFirst();
    if (existing) return { travellerId: existing.id, created: false };
    const travellerId = await createTraveller(trx, { email: used.email, name: '', confirmedBy: 'link', at: stamp });
    return { travellerId, created: true };
  });
}

/** A confirmed traveller with their e-mail channel. */
export async function createTraveller(db: Kysely<Database>, input: { email: string; name: string; confirmedBy: 'link' | 'organisation'; at: string }): Promise<number> {
  const normalised = normaliseEmail(input.email);
  // Two links for one new address used at the same moment: the second finds the first's row
  // instead of failing on the unique index (whose error text would quote the address).
  const row = (await db
    .insertInto('travellers')
    .values({ email: input.email, email_normalised: normalised, name: input.name, confirmed_by: input.confirmedBy, created_at: input.at, confirmed_at: input.at, unsubscribed_at: null, phone: null })
    .onConflict((oc) => oc.column('email_normalised').doNothing())
    .returning('id')
    .executeTakeFirst()) ?? (await db.selectFrom('travellers').select('id').where('email_normalised', '=', normalised).executeTakeFirstOrThrow());
  await db
    .insertInto('channels')
    .values({ traveller_id: row.id, kind: 'email', address: input.email, secret: null, created_at: input.at, confirmed_at: input.at, disabled_at: null, disabled_reason: null })
    .onConflict((oc) => oc.columns(['traveller_id', 'kind', 'address']).doNothing())
    .execute();
  return row.id;
}

export interface TravellerSession {
  travellerId: number;
  csrfToken: string;
}

/** A new session; the returned value goes in the `waypost_traveller` cookie, only its hash is stored. */
export async function createSession(ctx: EnrolmentContext, travellerId: number): Promise<{ cookie: string; csrfToken: string; expires: Date }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.now();
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db
    .insertInto('traveller_sessions')
    .values({ id_hash: sha256(cookie), traveller_id: travellerId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expires.toISOString() })
    .execute();
  return { cookie, csrfToken, expires };
}

export async function findSession(ctx: EnrolmentContext, cookie: string | undefined): Promise<TravellerSession | null> {
  if (!cookie || cookie.length > 100) return null;
  const row = await ctx.db
    .selectFrom('traveller_sessions')
    .select(['traveller_id', 'csrf_token'])
    .where('id_hash', '=', sha256(cookie))
    .where('expires_at', '>', timestamp(ctx))
    .executeTakeFirst();
  return row ? { travellerId: row.traveller_id, csrfToken: row.csrf_token } : null;
}

export async function endSession(ctx: EnrolmentContext, cookie: string | undefined): Promise<void> {
  if (cookie) await ctx.db.deleteFrom('traveller_sessions').where('id_hash', '=', sha256(cookie)).execute();
}
