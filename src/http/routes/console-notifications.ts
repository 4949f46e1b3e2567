import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { eventErrors, eventSummary, recentEventSummaries } from '../../notify/stats.ts';
import type { StaffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import * as views from '../console/notifications.ts';
import * as pages from '../console/pages.ts';
import { idParam, page as htmlPage } from '../replies.ts';

/**
 * /console/notifications: events with live audience and delivery counts (every staff member),
 * and the built-in outbox (admins only: it holds travellers' addresses). Registered by
 * consoleRoutes, so sessions and security headers are the console's own.
 */
export interface NotificationConsoleOptions {
  store: Store;
  config: Partial<Pick<Config, 'smtpUrl'>>;
  auth: StaffAuth;
}

export function registerNotificationConsole(app: FastifyInstance, { store, config, auth }: NotificationConsoleOptions): void {
  const read = auth.requirePermission('read');
  const admin = auth.requirePermission('administer');
  const page = (reply: FastifyReply, body: string, status = 200) => htmlPage(reply.header('cache-control', 'no-store'), body, status);
  const viewerOf = (request: FastifyRequest): pages.Viewer => ({ user: request.staff!.user, csrf: request.staff!.csrfToken ?? '' });
  const notFound = (request: FastifyRequest, reply: FastifyReply, what: string) =>
    page(reply, pages.messagePage(request.staff!.user, request.staff!.csrfToken, 'Not found', `There is no such ${what}.`, { href: '/console/notifications', label: 'Notifications' }), 404);
  const outboxInUse = !config.smtpUrl;

  app.get('/console/notifications', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const events = await recentEventSummaries(store.db, 50);
    const outbox = outboxInUse
      ? Number((await store.db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      : null;
    const description = outboxInUse ? 'the built-in outbox (no SMTP_URL is set)' : 'the SMTP server in SMTP_URL';
    return page(reply, views.notificationsPage(viewerOf(request), events, { description, outbox }));
  });

  app.get('/console/notifications/events/:id', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const id = idParam(request);
    const summary = id === null ? null : await eventSummary(store.db, id);
    if (!summary) return notFound(request, reply, 'event');
    return page(reply, views.eventPage(viewerOf(request), summary, await eventErrors(store.db, summary.id)));
  });

  app.get('/console/notifications/outbox', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const messages = await store.db.selectFrom('outbox_messages').select(['id', 'recipient', 'subject', 'created_at']).orderBy('id', 'desc').limit(200).execute();
    return page(reply, views.outboxPage(viewerOf(request), messages));
  });

  app.get('/console/notifications/outbox/:id', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const id = idParam(request);
    const message = id === null ? undefined : await store.db.selectFrom('outbox_messages').select(['id', 'recipient', 'subject', 'created_at', 'message_id', 'text_body']).where('id', '=', id).executeTakeFirst();
    if (!message) return notFound(request, reply, 'message');
    return page(reply, views.outboxMessagePage(viewerOf(request), message));
  });
}
