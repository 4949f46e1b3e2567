import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { Config } from '../config.ts';

/**
 * Signed, expiring tokens for links in e-mails: sign-in links, one-click unsubscribe and the
 * preferences page. A token is `<payload>.<mac>`, both base64url: the payload is JSON
 * `{ p: purpose, d: data, e: expiry (Unix seconds) }`, the MAC is HMAC-SHA256 over the purpose
 * and the payload with a key derived from WAYPOST_SECRET. A token made for one purpose never
 * verifies for another, an expired one never verifies, and any change to either part breaks the MAC.
 * Tokens are not secret from their holder (the payload is readable): put only ids and nonces in them.
 */

export type LinkPurpose = 'sign-in' | 'unsubscribe' | 'preferences' | 'form' | 'invitation' | 'check-in' | 'contact-check';

export type Verified<T> = { ok: true; data: T; expiresAt: Date } | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' };

/** How long each kind of link works. Unsubscribe links must outlive the message they sit in. */
export const LINK_LIFETIME_SECONDS: Record<LinkPurpose, number> = {
  'sign-in': 15 * 60,
  unsubscribe: 180 * 24 * 3600,
  preferences: 60 * 24 * 3600,
  form: 12 * 3600,
  // An organisation's invitation to someone who already has an account (src/enrolment/invitations.ts).
  invitation: 14 * 24 * 3600,
  // The answer links of a crisis's check-in messages (src/crises/links.ts); closing the crisis ends them sooner.
  'check-in': 90 * 24 * 3600,
  // The answer links of the e-mail to an emergency contact (src/crises/contact-links.ts).
  'contact-check': 90 * 24 * 3600,
};

// The derived key of the last secret seen: every message of a fan-out signs several links.
let derived: { secret: string; key: KeyObject } | undefined;

function macKey(secret: string): KeyObject {
  if (derived?.secret !== secret) {
    // A key of its own, so a MAC made here can never be mistaken for a session or webhook signature.
    derived = { secret, key: createSecretKey(createHmac('sha256', secret).update('waypost signed links v1').digest()) };
  }
  return derived.key;
}

function mac(secret: string, purpose: string, payload: string): Buffer {
  return createHmac('sha256', macKey(secret)).update(`${purpose}\n${payload}`).digest();
}

export function signToken<T>(secret: string, purpose: LinkPurpose, data: T, options: { now?: Date; ttlSeconds?: number } = {}): string {
  const issued = options.now ?? new Date();
  const expiry = Math.floor(issued.getTime() / 1000) + (options.ttlSeconds ?? LINK_LIFETIME_SECONDS[purpose]);
  const payload = Buffer.from(JSON.stringify({ p: purpose, d: data, e: expiry })).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

export function verifyToken<T>(secret: string, purpose: LinkPurpose, token: unknown, options: { now?: Date } = {}): Verified<T> {
  if (typeof token !== 'string' || token.length > 2048) return { ok: false, reason: 'malformed' };
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const payload = match[1]!;
  const given = Buffer.from(match[2]!, 'base64url');
  let body: { p?: unknown; d?: unknown; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!body || typeof body !== 'object' || typeof body.p !== 'string' || typeof body.e !== 'number') return { ok: false, reason: 'malformed' };
  // The MAC binds the purpose: a genuine token made for another purpose fails here too.
  const valid = (p: string) => {
    const expected = mac(secret, p, payload);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!valid(purpose)) return { ok: false, reason: body.p !== purpose && valid(body.p) ? 'wrong-purpose' : 'bad-signature' };
  if (body.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  const now = options.now ?? new Date();
  if (Math.floor(now.getTime() / 1000) >= body.e) return { ok: false, reason: 'expired' };
  return { ok: true, data: body.d as T, expiresAt: new Date(body.e * 1000) };
}

type LinkConfig = Pick<Config, 'secret' | 'publicUrl'>;

/** The lists a traveller opts into apart from trips and subscriptions: 'peers' = other governments' changes (docs/notifications.md). */
export type UnsubscribeList = 'peers';

/** What an unsubscribe link removes: one subscription, one list, or (without either) every message to the traveller. */
export interface UnsubscribeData {
  t: number;
  s?: number;
  l?: UnsubscribeList;
}

/** A subscription's id, or a list; neither: everything. */
export type UnsubscribeScope = number | { list: UnsubscribeList } | undefined;

export function unsubscribeToken(config: Pick<Config, 'secret'>, travellerId: number, scope?: UnsubscribeScope, now?: Date): string {
  const data: UnsubscribeData = scope === undefined ? { t: travellerId } : typeof scope === 'number' ? { t: travellerId, s: scope } : { t: travellerId, l: scope.list };
  return signToken(config.secret, 'unsubscribe', data, now ? { now } : {});
}

export function preferencesToken(config: Pick<Config, 'secret'>, travellerId: number, now?: Date): string {
  return signToken(config.secret, 'preferences', { t: travellerId }, now ? { now } : {});
}

/** The one-click unsubscribe URL (RFC 8058): POST with `List-Unsubscribe=One-Click` unsubscribes; GET asks first. */
export function unsubscribeUrl(config: LinkConfig, travellerId: number, scope?: UnsubscribeScope, now?: Date): string {
  return `${config.publicUrl}/unsubscribe?token=${unsubscribeToken(config, travellerId, scope, now)}`;
}

/** A link to the traveller's preferences page that works without signing in. */
export function preferencesUrl(config: LinkConfig, travellerId: number, now?: Date): string {
  return `${config.publicUrl}/preferences?token=${preferencesToken(config, travellerId, now)}`;
}

/** The two RFC 8058 headers every message to a traveller carries. */
export function listUnsubscribeHeaders(config: LinkConfig, travellerId: number, scope?: UnsubscribeScope, now?: Date): Record<'List-Unsubscribe' | 'List-Unsubscribe-Post', string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(config, travellerId, scope, now)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
