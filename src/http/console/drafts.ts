import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sideBySide, type SideBySideRow } from '../../domain/diff.ts';
import { decide } from '../../domain/workflow.ts';
import { EditorialError } from '../../publishing/context.ts';
import { draftState, findDraft, type Draft } from '../../publishing/draft-record.ts';
import { approveDraft, publishDraft, returnDraft, submitDraft } from '../../publishing/drafts.ts';
import { previewDraft } from '../../publishing/publication-preview.ts';
import { currentAdvisory, findRevision, type StoredRevision } from '../../publishing/revisions.ts';
import { workflowSettings } from '../../publishing/settings.ts';
import { translator } from '../../i18n/translator.ts';
import { formOf, formText } from '../forms.ts';
import { html } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { draftHead, draftView, loadDraft, mayEdit } from './draft-page.ts';
import { editorPage } from './editor.ts';
import { modelFromDraft } from './form.ts';
import { consolePage, when, type Viewer, frameOf, placeName } from './layout.ts';
import { confirmationPage } from './publication.ts';
import { noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';
import { diffLegend, sideBySideView } from './views.ts';

/**
 * A draft's routes: its overview (draft-page.ts), its changes against what is published, and the
 * workflow buttons (submit, approve, return, publish after a confirmation, schedule). Every step
 * is the publishing service's, so the console refuses exactly what the staff API refuses, and says
 * why on the page. Editing is editor.ts's.
 */

/** A refusal for a version the viewer did not see (412): the page as it is now, in the viewer's language. */
const stale = (request: FastifyRequest) => translator(request.locale).t('consoleDrafts.stale');

/** A positive whole version number from a form or query field, else null. */
function versionOf(value: unknown): number | null {
  const version = Number(formText(value));
  return Number.isInteger(version) && version > 0 ? version : null;
}

export async function draftRoutes(app: FastifyInstance, scope: ConsoleScope): Promise<void> {
  const { store, ctx, guards: { read, edit, review } } = scope;
  app.get('/console/drafts/:id', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const draft = await loadDraft(scope, request, reply);
    if (!draft) return reply;
    return page(reply, await draftView(scope, request, draft, { notice: noticeOf(request) }));
  });

  app.get('/console/drafts/:id/diff', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const draft = await loadDraft(scope, request, reply);
    if (!draft) return reply;
    const current = await currentAdvisory(store.db, draft.code);
    // A published draft is compared with the revision before it.
    const base = draft.status === 'published' && draft.publishedRevision ? await findRevision(store.db, draft.code, draft.publishedRevision - 1) : current;
    const rows = sideBySide(base ?? null, draft);
    return page(reply, draftDiffPage(viewerOf(request), draft, base, rows, await mayEdit(scope, request, draft)));
  });

  /**
   * The publish confirmation for the version the reviewer saw: what it will be published as and
   * who will be told. A draft that cannot be published, or has changed since, gets its page with why.
   */
  async function confirmation(request: FastifyRequest, reply: FastifyReply, draft: Draft, version: number | null): Promise<FastifyReply> {
    const { user } = staffOf(request);
    const decision = decide('publish', draftState(draft), { id: user.id, role: user.role }, await workflowSettings(store.db));
    if (!decision.ok) return page(reply, await draftView(scope, request, draft, { errors: [{ field: '', message: decision.reason }] }), decision.status);
    if (version !== null && version !== draft.version) return page(reply, await draftView(scope, request, draft, { errors: [{ field: '', message: stale(request) }] }), 409);
    return page(reply, confirmationPage(viewerOf(request), draft, draft.version, await previewDraft(ctx, draft)));
  }

  app.get('/console/drafts/:id/publish', { preValidation: review, schema: { hide: true } }, async (request, reply) => {
    const draft = await loadDraft(scope, request, reply);
    if (!draft) return reply;
    return confirmation(request, reply, draft, versionOf((request.query as Record<string, unknown>).version));
  });

  /**
   * The workflow buttons: each runs the service's transition and comes back to the draft (`run`
   * answers the `?done=` notice), or answers the page itself. A refusal is shown on the draft's
   * page; a submission refused for its fields, in the editor next to those fields.
   */
  function workflowRoute(path: string, guard: typeof edit, run: (request: FastifyRequest, reply: FastifyReply, draft: Draft, expected: number | null) => Promise<string | FastifyReply>) {
    app.post(`/console/drafts/:id/${path}`, { preValidation: guard, schema: { hide: true } }, async (request, reply) => {
      const draft = await loadDraft(scope, request, reply);
      if (!draft) return reply;
      try {
        const done = await run(request, reply, draft, versionOf(formOf(request).version));
        return typeof done === 'string' ? redirect(reply, `/console/drafts/${draft.id}?done=${done}`) : done;
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        const latest = (await findDraft(ctx, draft.id)) ?? draft;
        if (path === 'submit' && error.status === 400 && error.errors?.length && await mayEdit(scope, request, latest)) {
          return page(reply, editorPage(viewerOf(request), { draft: latest, model: modelFromDraft(latest), errors: error.errors, summary: translator(request.locale).t('consoleDrafts.notSubmitted') }), 400);
        }
        const message = error.status === 412 ? stale(request) : error.message;
        const errors = error.status === 400 && error.errors?.length ? error.errors : [{ field: '', message }];
        return page(reply, await draftView(scope, request, latest, { errors }), error.status === 412 ? 409 : error.status);
      }
    });
  }

  workflowRoute('submit', edit, async (request, _reply, draft, expected) => {
    await submitDraft(ctx, staffOf(request).actor, draft.id, expected);
    return 'submitted';
  });
  workflowRoute('approve', review, async (request, _reply, draft, expected) => {
    await approveDraft(ctx, staffOf(request).actor, draft.id, expected);
    return 'approved';
  });
  workflowRoute('return', review, async (request, _reply, draft, expected) => {
    await returnDraft(ctx, staffOf(request).actor, draft.id, formText(formOf(request).comment), expected);
    return 'returned';
  });
  workflowRoute('publish', review, async (request, reply, draft, expected) => {
    const body = formOf(request);
    if (formText(body.mode) === 'schedule') {
      // datetime-local gives "2026-05-01T09:00" without a zone: the form says UTC.
      const local = formText(body.publishAt).trim();
      const publishAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local) ? `${local}${local.length === 16 ? ':00' : ''}Z` : local;
      if (!publishAt) {
        const tr = translator(request.locale);
        throw new EditorialError(400, tr.t('consoleDrafts.chooseWhen'), [{ field: 'publishAt', message: tr.t('consoleDrafts.chooseWhenField') }]);
      }
      await publishDraft(ctx, staffOf(request).actor, draft.id, { publishAt, expected });
      return 'scheduled';
    }
    // Publishing now is never one click: without the confirmation's "yes", show the confirmation.
    if (formText(body.confirm) !== 'yes') return confirmation(request, reply, draft, expected);
    await publishDraft(ctx, staffOf(request).actor, draft.id, { expected });
    return 'published';
  });
}

function draftDiffPage(viewer: Viewer, draft: Draft, current: StoredRevision | undefined, rows: readonly SideBySideRow[], canEdit: boolean): string {
  const { tr } = viewer;
  const base = current ? tr.t('consoleDrafts.diff.base', { revision: current.revision, when: when(current.publishedAt) }) : tr.t('consoleDrafts.diff.nothing');
  return consolePage({
    title: tr.t('consoleDrafts.diff.title', { name: placeName(tr, draft.code, draft.name), id: draft.id }),
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`${draftHead(tr, draft, 'diff', canEdit)}
<div class="page-head"><p class="meta">${tr.t('consoleDrafts.diff.meta', { base })}</p>${diffLegend(tr)}</div>
${sideBySideView(rows, {
    before: current ? tr.t('consoleDrafts.diff.published', { revision: current.revision }) : tr.t('consoleDrafts.diff.publishedNothing'),
    after: tr.t('consoleDrafts.diff.draft', { id: draft.id, version: draft.version }),
  }, tr)}`,
  });
}
