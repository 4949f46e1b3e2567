import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Config } from '../../config.ts';
import type { EditorialContext, EditorialError } from '../../publishing/context.ts';
import type { StaffAuth, StaffPrincipal } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import { translator } from '../../i18n/translator.ts';
import { page } from '../replies.ts';
import { messagePage, type FieldMessage, type Viewer } from './layout.ts';

/**
 * What every console resource (one fastify plugin each, registered by console/index.ts) is given,
 * and the replies they share. The hooks, cookie and form parsing and the guards are index.ts's.
 */

export type ConsoleConfig = Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'smtpUrl'>>;

/** preValidation guards by permission; each also checks the CSRF token of a form post. */
export interface ConsoleGuards {
  /** Any signed-in staff member. */
  any: preHandlerAsyncHookHandler;
  read: preHandlerAsyncHookHandler;
  edit: preHandlerAsyncHookHandler;
  review: preHandlerAsyncHookHandler;
  alert: preHandlerAsyncHookHandler;
  admin: preHandlerAsyncHookHandler;
}

export interface ConsoleScope {
  store: Store;
  config: ConsoleConfig;
  now: () => Date;
  /** The publishing service's context (the same rules as the staff API). */
  ctx: EditorialContext;
  auth: StaffAuth;
  guards: ConsoleGuards;
}

/** What a page says after a redirect, by the URL's `?done=`: a message id in the console catalogue. */
export type Notices = Record<string, MessageId>;

const NOTICES: Notices = {
  saved: 'console.notice.saved',
  created: 'console.notice.created',
  submitted: 'console.notice.submitted',
  approved: 'console.notice.approved',
  returned: 'console.notice.returned',
  published: 'console.notice.published',
  scheduled: 'console.notice.scheduled',
  reissued: 'console.notice.reissued',
  revoked: 'console.notice.revoked',
  'user-saved': 'console.notice.userSaved',
  settings: 'console.notice.settings',
  'signed-out': 'console.notice.signedOut',
};

const DASHBOARD = { href: '/console', label: { id: 'console.backToDashboard' as MessageId } };

/** Where a message page leads back to; the label is a message id or text already translated. */
export interface BackLink {
  href: string;
  label: { id: MessageId } | string;
}

/** The staff member a guarded route is serving. */
export const staffOf = (request: FastifyRequest): StaffPrincipal => request.staff!;

export const viewerOf = (request: FastifyRequest): Viewer => ({ user: staffOf(request).user, csrf: staffOf(request).csrfToken ?? '', tr: translator(request.locale), path: request.url });

export function noticeOf(request: FastifyRequest, notices: Notices = NOTICES): string | undefined {
  const id = notices[String((request.query as Record<string, unknown>).done ?? '')];
  return id ? translator(request.locale).t(id) : undefined;
}

/** A refusal's messages for its form: per field where the service names one, else one for the whole form. */
export const errorsOf = (error: EditorialError): readonly FieldMessage[] => error.errors ?? [{ field: '', message: error.message }];

function framedMessage(request: FastifyRequest, title: MessageId, message: string, back: BackLink): string {
  const tr = translator(request.locale);
  const label = typeof back.label === 'string' ? back.label : tr.t(back.label.id);
  return messagePage(request.staff?.user ?? null, request.staff?.csrfToken, tr.t(title), message, { href: back.href, label }, tr);
}

/** A 404 in the console's frame; `message` is already in the staff member's language. */
export function notFound(request: FastifyRequest, reply: FastifyReply, message: string, back: BackLink = DASHBOARD): FastifyReply {
  return page(reply, framedMessage(request, 'console.notFound', message, back), 404);
}

export function notAllowed(request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  return page(reply, framedMessage(request, 'console.notAllowed', message, DASHBOARD), 403);
}
