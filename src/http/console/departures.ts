import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assignRequests, createDeparture, markBoarded, unassignRequest, updateDeparture, type DepartureContext } from '../../departures/arrange.ts';
import { departureManifest } from '../../departures/manifest.ts';
import { sendDepartureMessage } from '../../departures/message.ts';
import { findDeparture } from '../../departures/records.ts';
import { EditorialError } from '../../publishing/context.ts';
import { translator } from '../../i18n/translator.ts';
import { all, formOf, formText } from '../forms.ts';
import { idParam, page, redirect } from '../replies.ts';
import { refusalText } from './crisis-refusals.ts';
import { messagePage } from './layout.ts';
import { notFound, staffOf, type ConsoleScope, type BackLink } from './scope.ts';

/**
 * The console's departure actions (docs/crises.md "Departure assistance"; permission `departures`,
 * everyone else 403): each form on a crisis's Departures section goes through the same services as
 * the staff API, then back to the crisis page; a refusal is a page saying why, nothing changed.
 */

const BACK: BackLink = { href: '/console/crises', label: { id: 'console.allCrises' } };
const ids = (value: unknown) => all(value).map((v) => (/^\d{1,15}$/.test(v) ? Number(v) : -1));

export async function departureRoutes(app: FastifyInstance, { store, now, auth }: ConsoleScope): Promise<void> {
  const guard = auth.requirePermission('departures');
  const ctx: DepartureContext = { db: store.db, now };
  const opts = { preValidation: guard, schema: { hide: true } };

  async function run(request: FastifyRequest, reply: FastifyReply, crisisId: number, done: string, action: () => Promise<unknown>) {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      const tr = translator(request.locale);
      if (error.status === 404) return notFound(request, reply, refusalText(tr, error), BACK);
      const back = { href: `/console/crises/${crisisId}#departures`, label: tr.t('consoleCrises.dep.back') };
      return page(reply, messagePage(staffOf(request).user, staffOf(request).csrfToken, tr.t('consoleCrises.dep.refused'), refusalText(tr, error), back, tr), error.status);
    }
    return redirect(reply, `/console/crises/${crisisId}?done=${done}#departures`);
  }

  app.post('/console/crises/:id/departures', opts, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return notFound(request, reply, translator(request.locale).t('consoleCrises.noSuchCrisis'), BACK);
    const body = formOf(request);
    const input = Object.fromEntries(['mode', 'label', 'capacity', 'meetingPoint', 'meetingAt'].map((k) => [k, formText(body[k])]));
    return run(request, reply, id, 'departure-created', () => createDeparture(ctx, staffOf(request).actor, id, input));
  });

  app.post('/console/crises/:id/departures/assign', opts, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return notFound(request, reply, translator(request.locale).t('consoleCrises.noSuchCrisis'), BACK);
    const body = formOf(request);
    const departure = /^\d{1,15}$/.test(formText(body.departure)) ? await findDeparture(store.db, Number(formText(body.departure))) : null;
    if (!departure || departure.crisisId !== id) return notFound(request, reply, translator(request.locale).t('consoleCrises.dep.noSuchInCrisis'), BACK);
    return run(request, reply, id, 'departure-assigned', () => assignRequests(ctx, staffOf(request).actor, departure.id, ids(body.request)));
  });

  const actions: [string, string, (id: number, request: FastifyRequest) => Promise<unknown>][] = [
    ['boarded', 'departure-boarded', (id, request) => markBoarded(ctx, staffOf(request).actor, id, ids(formOf(request).request))],
    ['unassign', 'departure-unassigned', (id, request) => unassignRequest(ctx, staffOf(request).actor, id, ids(formOf(request).request)[0] ?? -1)],
    ['status', 'departure-updated', (id, request) => updateDeparture(ctx, staffOf(request).actor, id, { status: formText(formOf(request).status) })],
    ['message', 'departure-messaged', (id, request) => sendDepartureMessage(ctx, staffOf(request).actor, id, formText(formOf(request).text))],
  ];
  for (const [path, done, action] of actions) {
    app.post(`/console/departures/:id/${path}`, opts, async (request, reply) => {
      const id = idParam(request);
      const departure = id === null ? null : await findDeparture(store.db, id);
      if (!departure) return notFound(request, reply, translator(request.locale).t('consoleCrises.dep.noSuchDeparture'), BACK);
      return run(request, reply, departure.crisisId, done, () => action(departure.id, request));
    });
  }

  // Personal data: every manifest downloaded is in the audit log. The CSV stays in English whatever
  // the page's language: programs read it by its column names.
  app.get('/console/departures/:id/manifest.csv', opts, async (request, reply) => {
    const id = idParam(request);
    const departure = id === null ? null : await findDeparture(store.db, id);
    if (!departure) return notFound(request, reply, translator(request.locale).t('consoleCrises.dep.noSuchDeparture'), BACK);
    const { csv } = await departureManifest(ctx, staffOf(request).actor, departure.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="departure-${departure.id}-manifest.csv"`).send(csv);
  });
}
