import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Config } from '../../config.ts';
import type { EditorialContext, EditorialError } from '../../publishing/context.ts';
import type { StaffAuth, StaffPrincipal } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
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

/** What a page says after a redirect, by the URL's `?done=`. */
const NOTICES: Record<string, string> = {
  saved: 'Draft saved.',
  created: 'Draft started from the current revision. Make your changes, then submit it for review.',
  submitted: 'Submitted for review. A reviewer will approve it or return it with a comment.',
  approved: 'Approved. It can now be published, now or at a set time.',
  returned: 'Returned to draft with your comment.',
  published: 'Published. The public pages and API show the new revision.',
  scheduled: 'Scheduled. It will be published at the set time.',
  reissued: 'Reissued after review: a new revision with the same content and a new review date.',
  revoked: 'Token revoked: it no longer works.',
  'user-saved': 'Account saved.',
  settings: 'Settings saved.',
  'signed-out': 'You are signed out.',
};

const DASHBOARD = { href: '/console', label: 'Back to the dashboard' };

/** The staff member a guarded route is serving. */
export const staffOf = (request: FastifyRequest): StaffPrincipal => request.staff!;

export const viewerOf = (request: FastifyRequest): Viewer => ({ user: staffOf(request).user, csrf: staffOf(request).csrfToken ?? '' });

export const noticeOf = (request: FastifyRequest, notices = NOTICES): string | undefined => notices[String((request.query as Record<string, unknown>).done ?? '')];

/** A refusal's messages for its form: per field where the service names one, else one for the whole form. */
export const errorsOf = (error: EditorialError): readonly FieldMessage[] => error.errors ?? [{ field: '', message: error.message }];

export function notFound(request: FastifyRequest, reply: FastifyReply, message: string, back = DASHBOARD): FastifyReply {
  return page(reply, messagePage(request.staff?.user ?? null, request.staff?.csrfToken, 'Not found', message, back), 404);
}

export function notAllowed(request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  return page(reply, messagePage(request.staff?.user ?? null, request.staff?.csrfToken, 'Not allowed', message, DASHBOARD), 403);
}
