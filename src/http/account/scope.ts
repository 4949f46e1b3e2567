import type { FastifyReply, FastifyRequest } from 'fastify';
import { EnrolmentError, type EnrolmentContext } from '../../enrolment/context.ts';
import type { TravellerSession } from '../../enrolment/travellers.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { Store } from '../../store/connect.ts';
import type { FormBody } from '../forms.ts';
import { idParam } from '../replies.ts';

/**
 * What every account resource (one fastify plugin each, registered by account/index.ts) is given,
 * and the small helpers they share. The hooks, parsers, sessions and form actions are index.ts's.
 */

/** The traveller session cookie; staff sessions use `waypost_session`. */
export const TRAVELLER_COOKIE = 'waypost_traveller';

/** What the account and preferences pages say after a redirect, by the URL's `?done=` (messages in src/i18n/messages/account.*.ts). */
const NOTICES: Record<string, MessageId> = {
  welcome: 'account.notice.welcome',
  signed: 'account.notice.signed',
  trip: 'account.notice.trip',
  'trip-saved': 'account.notice.tripSaved',
  'trip-cancelled': 'account.notice.tripCancelled',
  subscribed: 'account.notice.subscribed',
  unsubscribed: 'account.notice.unsubscribed',
  preferences: 'account.notice.preferences',
  'only-urgent': 'account.notice.onlyUrgent',
  profile: 'account.notice.profile',
  'webhook-confirmed': 'account.notice.webhookConfirmed',
  sms: 'account.notice.sms',
  'sms-code-sent': 'account.notice.smsCodeSent',
  'sms-verified': 'account.notice.smsVerified',
  'channel-removed': 'account.notice.channelRemoved',
  organisation: 'account.notice.organisation',
  'invitation-accepted': 'account.notice.invitationAccepted',
  'invitation-declined': 'account.notice.invitationDeclined',
  'departure-request': 'account.notice.departureRequest',
};

/** The notice a `?done=` stands for, in the reader's language; none for an unknown one. */
export function noticeOf(tr: Translator, done: unknown): string | undefined {
  const id = typeof done === 'string' && Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
  return id ? tr.t(id) : undefined;
}

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

/** The language menu's link back from an organisation page: the page itself, or after a form the organisation's page (an id that is no number: the list, never a 5xx). */
export function organisationMenuHref(request: FastifyRequest): string {
  const id = idParam(request);
  return request.method === 'GET' ? request.url : id === null ? '/account/organisations' : `/account/organisations/${id}`;
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): FastifyReply {
  return reply.header('set-cookie', `${TRAVELLER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`);
}
