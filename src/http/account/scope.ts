import type { FastifyReply, FastifyRequest } from 'fastify';
import { EnrolmentError, type EnrolmentContext } from '../../enrolment/context.ts';
import type { TravellerSession } from '../../enrolment/travellers.ts';
import type { Store } from '../../store/connect.ts';
import type { FormBody } from '../forms.ts';
import { idParam } from '../replies.ts';

/**
 * What every account resource (one fastify plugin each, registered by account/index.ts) is given,
 * and the small helpers they share. The hooks, parsers, sessions and form actions are index.ts's.
 */

/** The traveller session cookie; staff sessions use `waypost_session`. */
export const TRAVELLER_COOKIE = 'waypost_traveller';

/** What the account and preferences pages say after a redirect, by the URL's `?done=`. */
export const NOTICES: Record<string, string> = {
  welcome: 'Your address is confirmed and you are signed in. Enrol a trip or subscribe to a destination below.',
  signed: 'You are signed in.',
  trip: 'Trip enrolled. You will get its advisories and alerts.',
  'trip-saved': 'Trip saved.',
  'trip-cancelled': 'Trip cancelled: it brings no more messages.',
  subscribed: 'Subscribed.',
  unsubscribed: 'Unsubscribed.',
  preferences: 'Preferences saved.',
  'only-urgent': 'Only urgent messages from now on: a Level 4, a leave-now directive, Severe and Extreme alerts and check-ins still come at once; nothing else about your trips.',
  profile: 'Profile saved.',
  'webhook-confirmed': 'Webhook confirmed: it answered the challenge.',
  sms: 'SMS number saved.',
  'sms-code-sent': 'We texted a six-digit code to the number: enter it below to verify the number. Until then it receives nothing.',
  'sms-verified': 'Number verified: it now receives urgent messages and check-ins by SMS.',
  'channel-removed': 'Channel removed.',
  organisation: 'Organisation created: you are its admin. The service\'s administrators verify it before it can enrol anyone.',
  'invitation-accepted': 'Invitation accepted: you are a member, and its trips are in your account.',
  'invitation-declined': 'Invitation declined: nothing was added, and the organisation is not told.',
  'departure-request': 'Your request for help to leave is saved. Staff will message you with a departure, its meeting point and time.',
};

/** Account routes are pages, not API: none is in the OpenAPI document. */
export const hide = { schema: { hide: true } };

/** What a signed-in form action did: the notice and anchor of the account page, or JSON for API clients. */
export interface ActionResult {
  notice: string;
  anchor?: string;
  json?: unknown;
  status?: number;
  /** Where to go instead of the account page. */
  to?: string;
}

export type Action = (session: TravellerSession, body: FormBody, request: FastifyRequest) => Promise<ActionResult>;

export interface AccountScope {
  store: Store;
  ctx: EnrolmentContext;
  publicUrl: string;
  /** Cookies get `Secure` when PUBLIC_URL is https. */
  secureCookie: boolean;
  /** Sign-in requests one client may make per minute; 0: no limit. */
  signInsPerMinute: number;
  /** The signed-in traveller, or null once a redirect to sign in (pages), a 401 (API) or a CSRF refusal is sent. */
  requireSession(request: FastifyRequest, reply: FastifyReply): Promise<TravellerSession | null>;
  /**
   * A signed-in form action's handler: on success, back to the account page with a notice (or
   * JSON); on a refusal, the account page again with the message and its status, nothing saved.
   */
  action(run: Action): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/** API clients (JSON body, or asking for JSON and not HTML) get JSON and problems instead of pages. */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '');
  return String(request.headers['content-type'] ?? '').startsWith('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/** The URL's id; anything else is a refusal the action shows as a 404. */
export function idOf(request: FastifyRequest): number {
  const id = idParam(request);
  if (id === null) throw new EnrolmentError('Not found.', 404);
  return id;
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): FastifyReply {
  return reply.header('set-cookie', `${TRAVELLER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`);
}
