import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { updateCase } from '../../../cases/change.ts';
import { caseContext } from '../../../cases/context.ts';
import { addAccess, addContact, addNote, addPerson } from '../../../cases/log.ts';
import { openCase } from '../../../cases/open.ts';
import { readCase, readCases } from '../../../cases/read.ts';
import { can, isStaffRole } from '../../../domain/roles.ts';
import { EditorialError } from '../../../publishing/context.ts';
import { translator } from '../../../i18n/translator.ts';
import { listUsers } from '../../../staff/users.ts';
import { formOf, formText, type FormBody } from '../../forms.ts';
import { idParam, page, redirect } from '../../replies.ts';
import { refusalText } from '../crisis-refusals.ts';
import { errorsOf, notFound, noticeOf, staffOf, viewerOf, type ConsoleScope, type Notices, type BackLink } from '../scope.ts';
import { casePage } from './case-page.ts';
import { casesListPage, emptyOpenForm, type OpenForm } from './list-page.ts';

/**
 * /console/cases (consular staff and admins: permission `cases`; everyone else 403, and no
 * Cases link): the list with its flags and the form that opens a case, each case's page and its
 * forms. Every page view and change goes through src/cases/, which audits it, as the API does.
 */

const NOTICES: Notices = {
  opened: 'console.notice.caseOpened', saved: 'console.notice.caseSaved', notes: 'console.notice.caseNote', access: 'console.notice.caseAccess',
  contacts: 'console.notice.caseContact', people: 'console.notice.casePerson',
};
const BACK: BackLink = { href: '/console/cases', label: { id: 'console.allCases' } };

/** "There is no such case." in the staff member's language. */
const noSuchCase = (request: FastifyRequest) => translator(request.locale).t('consoleCases.noSuchCase');

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** What each form on a case's page sends, as the services take it. */
const INPUTS: Record<string, (body: FormBody) => Record<string, unknown>> = {
  notes: (body) => ({ body: formText(body.body) }),
  access: (body) => ({ kind: formText(body.kind), date: formText(body.date), note: optional(formText(body['access-note'])) }),
  contacts: (body) => ({ direction: formText(body.direction), channel: formText(body.channel), party: formText(body.party), summary: formText(body.summary) }),
  people: (body) => ({
    name: formText(body.name), relation: formText(body.relation), consent: formText(body.consent) === 'true',
    citizenships: formText(body.citizenships).split(/[,;]/).map((s) => s.trim()).filter(Boolean),
  }),
};
const ADD = { notes: addNote, access: addAccess, contacts: addContact, people: addPerson } as const;

function patchOf(body: FormBody): Record<string, unknown> {
  const assignee = formText(body.assigneeId);
  const status = formText(body.status);
  return {
    status, priority: formText(body.priority), type: formText(body.type) || null,
    assigneeId: assignee && /^\d{1,12}$/.test(assignee) ? Number(assignee) : null,
    ...(status === 'closed' && optional(formText(body.outcome)) ? { outcome: formText(body.outcome) } : {}),
  };
}

export async function caseRoutes(app: FastifyInstance, { store, now, auth }: ConsoleScope): Promise<void> {
  const guard = auth.requirePermission('cases');
  const ctx = caseContext(store.db, now);
  const opts = { preValidation: guard, schema: { hide: true } };
  const assignees = async () => (await listUsers(store.db)).filter((u) => !u.disabled && isStaffRole(u.role) && can(u.role, 'cases'));

  async function listPage(request: FastifyRequest, reply: FastifyReply, form: { model: OpenForm; errors: readonly { field: string; message: string }[] }, status = 200) {
    const cases = await readCases(ctx, staffOf(request).actor);
    const notice = noticeOf(request, NOTICES);
    return page(reply, casesListPage(viewerOf(request), cases, { ...form, ...(notice ? { notice } : {}) }), status);
  }

  async function showCase(request: FastifyRequest, reply: FastifyReply, id: number | null, problem?: EditorialError) {
    if (id === null) return notFound(request, reply, noSuchCase(request), BACK);
    try {
      const found = await readCase(ctx, staffOf(request).actor, id);
      const notice = noticeOf(request, NOTICES);
      return page(reply, casePage(viewerOf(request), found, await assignees(), { ...(notice ? { notice } : {}), ...(problem ? { problem: refusalText(translator(request.locale), problem) } : {}) }), problem?.status ?? 200);
    } catch (error) {
      if (error instanceof EditorialError && error.status === 404) return notFound(request, reply, refusalText(translator(request.locale), error), BACK);
      throw error;
    }
  }

  app.get('/console/cases', opts, async (request, reply) => listPage(request, reply, { model: emptyOpenForm, errors: [] }));

  app.post('/console/cases', opts, async (request, reply) => {
    const body = formOf(request);
    const model: OpenForm = { title: formText(body.title), country: formText(body.country), type: formText(body.type), priority: formText(body.priority) || 'normal', note: formText(body.note) };
    try {
      const opened = await openCase(ctx, staffOf(request).actor, { title: model.title, country: model.country, type: model.type || null, priority: model.priority, ...(model.note.trim() ? { note: model.note } : {}) });
      return redirect(reply, `/console/cases/${opened.id}?done=opened`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return listPage(request, reply, { model, errors: errorsOf(error) }, error.status);
    }
  });

  app.get('/console/cases/:id', opts, async (request, reply) => showCase(request, reply, idParam(request)));

  const change = (run: (id: number, request: FastifyRequest) => Promise<unknown>, done: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = idParam(request);
    if (id === null) return notFound(request, reply, noSuchCase(request), BACK);
    try {
      await run(id, request);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      if (error.status === 404) return notFound(request, reply, refusalText(translator(request.locale), error), BACK);
      return showCase(request, reply, id, error);
    }
    return redirect(reply, `/console/cases/${id}?done=${done}`);
  };

  app.post('/console/cases/:id', opts, change((id, request) => updateCase(ctx, staffOf(request).actor, id, patchOf(formOf(request))), 'saved'));
  for (const path of ['notes', 'access', 'contacts', 'people'] as const) {
    app.post(`/console/cases/:id/${path}`, opts, change((id, request) => ADD[path](ctx, staffOf(request).actor, id, INPUTS[path]!(formOf(request))), path));
  }
}
