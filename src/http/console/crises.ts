import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { countsByOrganisation } from '../../crises/by-organisation.ts';
import { crisisPeople, crisisSummary, peopleCsv } from '../../crises/dashboard.ts';
import { closeCrisis, declareCrisis, updateCrisisSettings, type CrisisContext } from '../../crises/declare.ts';
import { findCrisis, listCrises } from '../../crises/records.ts';
import { answersOverTime } from '../../crises/timeline.ts';
import { sendWave } from '../../crises/waves.ts';
import { listDepartures, listRequests } from '../../departures/records.ts';
import { can } from '../../domain/roles.ts';
import { recordAudit } from '../../publishing/audit.ts';
import { EditorialError } from '../../publishing/context.ts';
import { translator } from '../../i18n/translator.ts';
import { formOf, formText } from '../forms.ts';
import { idParam, page, redirect } from '../replies.ts';
import { crisesListPage, crisisPage, emptyDeclareForm, type DeclareForm } from './crises-pages.ts';
import { DEPARTURE_NOTICES, departuresSection } from './departures-pages.ts';
import { refusalText } from './crisis-refusals.ts';
import { errorsOf, notFound, noticeOf, staffOf, viewerOf, type ConsoleScope, type Notices, type BackLink } from './scope.ts';

/**
 * /console/crises (crisis staff and admins: permission `crises`; everyone else 403): the list and
 * the declare form, each crisis's dashboard, its waves, closing it, and the CSV of its people for
 * consular staff (audited). Every change goes through the crisis services, as the staff API's do.
 */

const NOTICES: Notices = {
  declared: 'console.notice.crisisDeclared',
  wave: 'console.notice.wave',
  closed: 'console.notice.crisisClosed',
  ...DEPARTURE_NOTICES,
  settings: 'console.notice.timers',
};

const BACK: BackLink = { href: '/console/crises', label: { id: 'console.allCrises' } };

/** "There is no such crisis." in the staff member's language. */
const noSuchCrisis = (request: FastifyRequest) => translator(request.locale).t('consoleCrises.noSuchCrisis');

/** "RU, BY" → ["RU", "BY"]; regions may have spaces in their names, so only commas and semicolons split them. */
const list = (text: string, separator: RegExp) => text.split(separator).map((s) => s.trim()).filter(Boolean);

function inputOf(model: DeclareForm): Record<string, unknown> {
  return {
    title: model.title, destinations: list(model.destinations, /[\s,;]+/), regions: list(model.regions, /[,;]+/),
    ...(model.startedAt.trim() ? { startedAt: model.startedAt.trim() } : {}), exercise: model.exercise,
    // Hours as typed: the domain rule reads "6" and "0.5", says what is wrong with anything else, and '' is off.
    followUpEveryHours: model.followUpEveryHours.trim(), escalateAfterHours: model.escalateAfterHours.trim(),
  };
}

export async function crisisRoutes(app: FastifyInstance, { store, now, auth }: ConsoleScope): Promise<void> {
  const guard = auth.requirePermission('crises');
  const ctx: CrisisContext = { db: store.db, now };
  const opts = { preValidation: guard, schema: { hide: true } };

  async function listPage(request: FastifyRequest, reply: FastifyReply, form: { model: DeclareForm; errors: readonly { field: string; message: string }[] }, status = 200) {
    const crises = await Promise.all((await listCrises(store.db)).map(async (crisis) => ({ crisis, counts: (await crisisSummary(store.db, crisis.id)).counts })));
    const notice = noticeOf(request, NOTICES);
    return page(reply, crisesListPage(viewerOf(request), crises, { ...form, ...(notice ? { notice } : {}) }), status);
  }

  async function dashboard(request: FastifyRequest, reply: FastifyReply, id: number, problem?: { message: string; status: number }) {
    const crisis = await findCrisis(store.db, id);
    if (!crisis) return notFound(request, reply, noSuchCrisis(request), BACK);
    const [summary, needHelp, timeline, byOrganisation] = await Promise.all([
      crisisSummary(store.db, id), crisisPeople(store.db, id, { state: 'need_help', limit: 500 }), answersOverTime(store.db, id, crisis.closedAt ? new Date(crisis.closedAt) : now()),
      countsByOrganisation(store.db, id),
    ]);
    const notice = noticeOf(request, NOTICES);
    // Departure assistance, for those who arrange departures (docs/crises.md).
    const departures = can(staffOf(request).user.role, 'departures')
      ? departuresSection(viewerOf(request), crisis, await listDepartures(store.db, id), await listRequests(store.db, { crisisId: id })) : '';
    return page(reply, crisisPage(viewerOf(request), crisis, summary, needHelp, { ...(notice ? { notice } : {}), ...(problem ? { problem: problem.message } : {}) }, timeline, departures, byOrganisation), problem?.status ?? 200);
  }

  app.get('/console/crises', opts, async (request, reply) => listPage(request, reply, { model: emptyDeclareForm, errors: [] }));

  app.post('/console/crises', opts, async (request, reply) => {
    const body = formOf(request);
    const model: DeclareForm = {
      title: formText(body.title), destinations: formText(body.destinations), regions: formText(body.regions), startedAt: formText(body.startedAt),
      followUpEveryHours: formText(body.followUpEveryHours), escalateAfterHours: formText(body.escalateAfterHours), exercise: formText(body.exercise) === 'true',
    };
    try {
      const crisis = await declareCrisis(ctx, staffOf(request).actor, inputOf(model));
      return redirect(reply, `/console/crises/${crisis.id}?done=declared`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return listPage(request, reply, { model, errors: errorsOf(error) }, error.status);
    }
  });

  app.get('/console/crises/:id', opts, async (request, reply) => {
    const id = idParam(request);
    return id === null ? notFound(request, reply, noSuchCrisis(request), BACK) : dashboard(request, reply, id);
  });

  for (const [path, run, done] of [
    ['waves', (id: number, request: FastifyRequest) => sendWave(ctx, staffOf(request).actor, id, { followUp: formText(formOf(request).followUp) === 'true' }), 'wave'],
    ['close', (id: number, request: FastifyRequest) => closeCrisis(ctx, staffOf(request).actor, id), 'closed'],
    ['settings', (id: number, request: FastifyRequest) => {
      const form = formOf(request);
      return updateCrisisSettings(ctx, staffOf(request).actor, id, { followUpEveryHours: formText(form.followUpEveryHours), escalateAfterHours: formText(form.escalateAfterHours) });
    }, 'settings'],
  ] as const) {
    app.post(`/console/crises/:id/${path}`, opts, async (request, reply) => {
      const id = idParam(request);
      if (id === null) return notFound(request, reply, noSuchCrisis(request), BACK);
      try {
        await run(id, request);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        const message = refusalText(translator(request.locale), error);
        if (error.status === 404) return notFound(request, reply, message, BACK);
        return dashboard(request, reply, id, { message, status: error.status });
      }
      return redirect(reply, `/console/crises/${id}?done=${done}`);
    });
  }

  // Personal data for consular follow-up: who exported which crisis is in the audit log. The CSV
  // stays in English whatever the page's language: it is read by programs, by its column names.
  app.get('/console/crises/:id/people.csv', opts, async (request, reply) => {
    const id = idParam(request);
    const crisis = id === null ? null : await findCrisis(store.db, id);
    if (!crisis) return notFound(request, reply, noSuchCrisis(request), BACK);
    const people = await crisisPeople(store.db, crisis.id);
    await recordAudit(store.db, { actor: staffOf(request).actor, action: 'crisis-exported', subject: `crisis ${crisis.id}`, at: now(), detail: { crisis: crisis.id, people: people.length } });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="crisis-${crisis.id}-people.csv"`)
      .send(peopleCsv(people));
  });
}
