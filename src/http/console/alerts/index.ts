import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { capDocument } from '../../../alerts/cap.ts';
import { cancelAlert, issueAlert, previewAlert, updateAlert, updateInput, type AlertContext } from '../../../alerts/issue.ts';
import { findAlert, listAlerts } from '../../../alerts/records.ts';
import { can } from '../../../domain/roles.ts';
import { translator } from '../../../i18n/translator.ts';
import { EditorialError } from '../../../publishing/context.ts';
import { formOf, formText } from '../../forms.ts';
import { idParam, page, redirect } from '../../replies.ts';
import { errorsOf, notFound as notFoundPage, noticeOf, staffOf, viewerOf, type ConsoleScope, type Notices } from '../scope.ts';
import { alertFormFromAlert, alertFormFromBody, alertInputFromForm, emptyAlertForm, withFormErrors } from './form.ts';
import { alertDetailPage, alertFormPage, alertsListPage } from './pages.ts';
import { alertPreview, type AlertPreview } from './preview.ts';

/**
 * The console's alert pages under /console/alerts (docs/alerts.md). Every staff member may read
 * them; only crisis staff and admins issue, update and cancel (the alert service checks too).
 */

const NOTICES: Notices = {
  issued: 'console.notice.alertIssued',
  'issued-private': 'console.notice.alertIssuedPrivate',
  updated: 'console.notice.alertUpdated',
  cancelled: 'console.notice.alertCancelled',
};

export async function alertRoutes(app: FastifyInstance, { store, config, now, guards: { read, alert: issue } }: ConsoleScope): Promise<void> {
  const ctx: AlertContext = { db: store.db, now, publicUrl: config.publicUrl };
  const alertOf = (request: FastifyRequest) => {
    const id = idParam(request);
    return id === null ? undefined : findAlert(store.db, id);
  };
  const pageUrl = (id: number) => `${config.publicUrl.replace(/\/+$/, '')}/alerts/${id}/`;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const tr = translator(request.locale);
    return notFoundPage(request, reply, tr.t('consoleAlerts.noSuchAlert'), { href: '/console/alerts', label: tr.t('consoleAlerts.all') });
  };

  app.get('/console/alerts', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const alerts = await listAlerts(store.db, { publicOnly: false, limit: 200 }, now());
    const notice = noticeOf(request, NOTICES);
    return page(reply, alertsListPage(viewerOf(request), alerts, { canIssue: can(staffOf(request).user.role, 'alert'), now: now(), ...(notice ? { notice } : {}) }));
  });

  app.get('/console/alerts/new', { preValidation: issue, schema: { hide: true } }, async (request, reply) =>
    page(reply, alertFormPage(viewerOf(request), { model: emptyAlertForm(), errors: [] })));

  /** Preview or issue, from the form; a refusal shows the form again as typed, with the messages. */
  async function fromForm(request: FastifyRequest, reply: FastifyReply, updating?: Awaited<ReturnType<typeof findAlert>>) {
    const body = formOf(request);
    const model = alertFormFromBody(body);
    const form = alertInputFromForm(model);
    const { input } = form;
    const viewer = viewerOf(request);
    const again = (errors: readonly { field: string; message: string }[], status: number, preview?: AlertPreview) =>
      page(reply, alertFormPage(viewer, { model, errors, ...(preview ? { preview } : {}), ...(updating ? { updating } : {}) }), status);
    try {
      // The service checks everything else even when the form refused a field, so every message shows at once.
      if (formText(body.op) === 'preview' || form.errors.length) {
        const preview = await previewAlert(ctx, updating ? updateInput(updating, input) : input);
        if (form.errors.length) return again(form.errors, 400);
        return again([], 200, await alertPreview(store.db, config, preview, now()));
      }
      const result = updating ? await updateAlert(ctx, staffOf(request).actor, updating.id, input) : await issueAlert(ctx, staffOf(request).actor, input);
      const done = updating ? 'updated' : result.eventId === null ? 'issued-private' : 'issued';
      return redirect(reply, `/console/alerts/${result.alert.id}?done=${done}`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return again(withFormErrors(form, errorsOf(error)), error.status);
    }
  }

  app.post('/console/alerts', { preValidation: issue, schema: { hide: true } }, async (request, reply) => fromForm(request, reply));

  app.get('/console/alerts/:id', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const alert = await alertOf(request);
    if (!alert) return notFound(request, reply);
    const notice = noticeOf(request, NOTICES);
    return page(reply, alertDetailPage(viewerOf(request), alert, {
      cap: capDocument(alert, { pageUrl: pageUrl(alert.id) }), canIssue: can(staffOf(request).user.role, 'alert'), now: now(), ...(notice ? { notice } : {}),
    }));
  });

  app.get('/console/alerts/:id/update', { preValidation: issue, schema: { hide: true } }, async (request, reply) => {
    const alert = await alertOf(request);
    if (!alert) return notFound(request, reply);
    return page(reply, alertFormPage(viewerOf(request), { model: alertFormFromAlert(alert), errors: [], updating: alert }));
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
      const result = await cancelAlert(ctx, staffOf(request).actor, alert.id, { note: formText(formOf(request).note) });
      return redirect(reply, `/console/alerts/${result.alert.id}?done=cancelled`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return page(reply, alertDetailPage(viewerOf(request), alert, {
        cap: capDocument(alert, { pageUrl: pageUrl(alert.id) }), canIssue: can(staffOf(request).user.role, 'alert'), now: now(), errors: errorsOf(error),
      }), error.status);
    }
  });
}
