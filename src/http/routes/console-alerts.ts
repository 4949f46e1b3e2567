import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { capDocument } from '../../alerts/cap.ts';
import { cancelAlert, issueAlert, previewAlert, updateAlert, updateInput, type AlertContext } from '../../alerts/issue.ts';
import { findAlert, listAlerts } from '../../alerts/records.ts';
import type { Config } from '../../config.ts';
import { can } from '../../domain/workflow.ts';
import { EditorialError } from '../../publishing/context.ts';
import type { StaffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import * as views from '../console/alerts.ts';
import * as pages from '../console/pages.ts';
import { formOf, formText } from '../forms.ts';
import { idParam, page, redirect } from '../replies.ts';

/**
 * The console's alert pages under /console/alerts (docs/alerts.md). Every staff member may read
 * them; only crisis staff and admins issue, update and cancel (the alert service checks too).
 * Registered by consoleRoutes, so the session, CSRF and security headers are the console's own.
 */

const NOTICES: Record<string, string> = {
  issued: 'Alert issued. It is on the public pages and feeds, and its audience is being notified.',
  'issued-private': 'Alert issued as an exercise or test: staff can see it here; the public cannot, and nobody is notified.',
  updated: 'Update issued. It replaces the earlier alert and is sent to its audience.',
  cancelled: 'Cancellation issued. The alert has left the active lists and its audience is told.',
};

export interface AlertConsoleOptions {
  store: Store;
  config: Pick<Config, 'publicUrl'>;
  auth: StaffAuth;
  now: () => Date;
}

export function registerAlertConsole(app: FastifyInstance, options: AlertConsoleOptions): void {
  const { store, auth, now } = options;
  const ctx: AlertContext = { db: store.db, now, publicUrl: options.config.publicUrl };
  const read = auth.requirePermission('read');
  const issue = auth.requirePermission('alert');
  const viewerOf = (request: FastifyRequest): pages.Viewer => ({ user: request.staff!.user, csrf: request.staff!.csrfToken ?? '' });
  const alertOf = (request: FastifyRequest) => {
    const id = idParam(request);
    return id === null ? undefined : findAlert(store.db, id);
  };
  const pageUrl = (id: number) => `${options.config.publicUrl.replace(/\/+$/, '')}/alerts/${id}/`;
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    page(reply, pages.messagePage(request.staff?.user ?? null, request.staff?.csrfToken, 'Not found', 'There is no such alert.', { href: '/console/alerts', label: 'All alerts' }), 404);
  const errorsOf = (error: EditorialError) => error.errors ?? [{ field: '', message: error.message }];

  app.get('/console/alerts', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const alerts = await listAlerts(store.db, { publicOnly: false, limit: 200 }, now());
    const notice = NOTICES[String((request.query as Record<string, unknown>).done ?? '')];
    return page(reply, views.alertsListPage(viewerOf(request), alerts, { canIssue: can(request.staff!.user.role, 'alert'), now: now(), ...(notice ? { notice } : {}) }));
  });

  app.get('/console/alerts/new', { preValidation: issue, schema: { hide: true } }, async (request, reply) =>
    page(reply, views.alertFormPage(viewerOf(request), { model: views.emptyAlertForm(), errors: [] })));

  /** Preview or issue, from the form; a refusal shows the form again as typed, with the messages. */
  async function fromForm(request: FastifyRequest, reply: FastifyReply, updating?: Awaited<ReturnType<typeof findAlert>>) {
    const body = formOf(request);
    const model = views.alertFormFromBody(body);
    const input = views.alertInputFromForm(model);
    const viewer = viewerOf(request);
    const again = (errors: readonly { field: string; message: string }[], status: number, preview?: string) =>
      page(reply, views.alertFormPage(viewer, { model, errors, ...(preview ? { preview } : {}), ...(updating ? { updating } : {}) }), status);
    try {
      if (formText(body.op) === 'preview') {
        const preview = await previewAlert(ctx, updating ? updateInput(updating, input) : input);
        return again([], 200, capDocument(preview));
      }
      const result = updating ? await updateAlert(ctx, request.staff!.actor, updating.id, input) : await issueAlert(ctx, request.staff!.actor, input);
      const done = updating ? 'updated' : result.eventId === null ? 'issued-private' : 'issued';
      return redirect(reply, `/console/alerts/${result.alert.id}?done=${done}`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return again(errorsOf(error), error.status);
    }
  }

  app.post('/console/alerts', { preValidation: issue, schema: { hide: true } }, async (request, reply) => fromForm(request, reply));

  app.get('/console/alerts/:id', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const alert = await alertOf(request);
    if (!alert) return notFound(request, reply);
    const notice = NOTICES[String((request.query as Record<string, unknown>).done ?? '')];
    return page(reply, views.alertDetailPage(viewerOf(request), alert, {
      cap: capDocument(alert, { pageUrl: pageUrl(alert.id) }), canIssue: can(request.staff!.user.role, 'alert'), now: now(), ...(notice ? { notice } : {}),
    }));
  });

  app.get('/console/alerts/:id/update', { preValidation: issue, schema: { hide: true } }, async (request, reply) => {
    const alert = await alertOf(request);
    if (!alert) return notFound(request, reply);
    return page(reply, views.alertFormPage(viewerOf(request), { model: views.alertFormFromAlert(alert), errors: [], updating: alert }));
  });

  app.post('/console/alerts/:id/update', { preValidation: issue, schema: { hide: true } }, async (request, reply) => {
    const alert = await alertOf(request);
    if (!alert) return notFound(request, reply);
    return fromForm(request, reply, alert);
  });

  app.post('/console/alerts/:id/cancel', { preValidation: issue, schema: { hide: true } }, async (request, reply) => {
    const alert = await alertOf(request);
    if (!alert) return notFound(request, reply);
    try {
      const result = await cancelAlert(ctx, request.staff!.actor, alert.id, { note: formText(formOf(request).note) });
      return redirect(reply, `/console/alerts/${result.alert.id}?done=cancelled`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return page(reply, views.alertDetailPage(viewerOf(request), alert, {
        cap: capDocument(alert, { pageUrl: pageUrl(alert.id) }), canIssue: can(request.staff!.user.role, 'alert'), now: now(), errors: errorsOf(error),
      }), error.status);
    }
  });
}
