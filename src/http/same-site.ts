import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { signToken, verifyToken } from '../security/signed-links.ts';

/**
 * Login CSRF: a form that starts a session (the sign-in link's confirmation, the console's sign-in)
 * must not be sendable from another site, or an attacker signs a victim into the attacker's own
 * account and reads what the victim then enters. Two checks, both before anything is used up:
 *
 * - the browser's own word: `Sec-Fetch-Site: cross-site`, or an `Origin` that is not this site's
 *   (PUBLIC_URL's, or the Host the request was sent to), is refused (`Origin: null` says nothing);
 * - a pre-session token: the page that shows the form sets a random cookie (HttpOnly, SameSite=Lax,
 *   path-scoped) and puts in the form an HMAC-signed token bound to that cookie (and to `bind`,
 *   e.g. the link). Another site can neither read the form nor set the cookie, so it cannot send a
 *   matching pair; nor can a token copied from one browser be used with another's cookie.
 */

export interface PreSession {
  /** Cookie name; its path limits it to the form's own URLs. */
  cookie: string;
  path: string;
  /** What the token is for (`link`, `console-sign-in`): a token for one form never passes another. */
  form: string;
  secret: string;
  secure: boolean;
  now: () => Date;
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** Why a request that would start a session looks cross-site, or null when it does not. */
export function crossSiteRefusal(request: FastifyRequest, publicUrl: string): string | null {
  if (String(request.headers['sec-fetch-site'] ?? '').toLowerCase() === 'cross-site') return 'it was sent from another site';
  const origin = request.headers.origin;
  // "null" is what a browser sends when it will not say (the account pages' Referrer-Policy: no-referrer
  // makes Chromium send it for same-origin forms too): the pre-session token decides then.
  if (origin === undefined || origin === 'null') return null;
  const own = new Set([new URL(publicUrl).origin]);
  if (request.headers.host) own.add(`${request.protocol}://${request.headers.host}`);
  return own.has(String(origin)) ? null : 'it was sent from another site';
}

/** Sets the pre-session cookie (a new one each time the form is shown) and returns the form's token. */
export function issuePreSession(reply: FastifyReply, options: PreSession, bind = ''): string {
  const nonce = randomBytes(24).toString('base64url');
  reply.header('set-cookie', `${options.cookie}=${nonce}; Path=${options.path}; HttpOnly; SameSite=Lax; Max-Age=3600${options.secure ? '; Secure' : ''}`);
  return signToken(options.secret, 'form', { f: options.form, c: digest(nonce), b: digest(bind) }, { now: options.now(), ttlSeconds: 3600 });
}

/** Whether the form's token was made for this form, this browser's pre-session cookie and `bind`, and is fresh. */
export function preSessionValid(request: FastifyRequest, token: unknown, options: PreSession, bind = ''): boolean {
  const nonce = cookieOf(request, options.cookie);
  if (!nonce) return false;
  const verified = verifyToken<{ f?: unknown; c?: unknown; b?: unknown }>(options.secret, 'form', token, { now: options.now() });
  return verified.ok && verified.data?.f === options.form && verified.data.c === digest(nonce) && verified.data.b === digest(bind);
}

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const parsed = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  const value = parsed?.[name];
  return typeof value === 'string' && value.length <= 100 ? value : undefined;
}
