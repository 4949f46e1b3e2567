import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sideBySide, type SideBySideRow } from '../../domain/diff.ts';
import { allowedActions, can, decide, sameContent, type WorkflowAction } from '../../domain/workflow.ts';
import { EditorialError } from '../../publishing/context.ts';
import type { Draft } from '../../publishing/draft-record.ts';
import { approveDraft, findDraft, publishDraft, returnDraft, submitDraft } from '../../publishing/drafts.ts';
import { currentAdvisory, findRevision, type StoredRevision } from '../../publishing/revisions.ts';
import { workflowSettings } from '../../publishing/settings.ts';
import { userLabels } from '../../staff/users.ts';
import { formOf, formText } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { idParam, page, redirect } from '../replies.ts';
import { consolePage, csrfField, errorSummary, fieldErrors, hasError, notice, statusBadge, when, who, type FieldMessage, type Labels, type Viewer } from './layout.ts';
import { notFound, noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';
import { advisoryPreview, diffLegend, sideBySideView } from './views.ts';

/**
 * A draft: its overview with the workflow actions (submit, approve, return, publish or schedule)
 * and its changes against what is published. Editing it is editor.ts's.
 */

/** A draft's overview page for the viewer, with the actions their role and the workflow allow now. */
export async function draftView({ store }: ConsoleScope, request: FastifyRequest, draft: Draft, extra: { notice?: string; errors?: DraftView['errors'] } = {}): Promise<string> {
  const staff = staffOf(request);
  const settings = await workflowSettings(store.db);
  const state = { status: draft.status, authorId: draft.authorId, updatedBy: draft.updatedBy };
  const actor = { id: staff.user.id, role: staff.user.role };
  const actions = allowedActions(state, actor, settings);
  const approve = decide('approve', state, actor, settings);
  const labels = await userLabels(store.db, [draft.authorId, draft.updatedBy, draft.submittedBy, draft.approvedBy, draft.publishedBy]);
  const current = draft.status === 'published' ? undefined : await currentAdvisory(store.db, draft.code);
  // Warn when the published content moved on (an import, another publication) since the draft began; a reissue does not count.
  const base = current && draft.baseRevision !== null && current.revision > draft.baseRevision ? await findRevision(store.db, draft.code, draft.baseRevision) : undefined;
  const newer = current && base && !sameContent(current, base) ? current.revision : undefined;
  return draftPage(viewerOf(request), {
    draft, labels, actions, twoPersonRule: settings.twoPersonRule, ...extra, ...(newer ? { newerRevision: newer } : {}),
    ...(!approve.ok && approve.status === 403 && draft.status === 'submitted' && can(staff.user.role, 'review') ? { approveBlocked: approve.reason } : {}),
  });
}

/** The draft of the URL's id, or null once the 404 page is sent. */
export async function loadDraft({ ctx }: ConsoleScope, request: FastifyRequest, reply: FastifyReply): Promise<Draft | null> {
  const id = idParam(request);
  const draft = id === null ? undefined : await findDraft(ctx, id);
  if (!draft) {
    notFound(request, reply, 'There is no such draft.');
    return null;
  }
  return draft;
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
    const editable = can(staffOf(request).user.role, 'edit') && (draft.status === 'draft' || draft.status === 'submitted');
    return page(reply, draftDiffPage(viewerOf(request), draft, base, rows, editable));
  });

  /** The workflow buttons: each runs the service's transition and comes back to the draft. */
  function workflowRoute(path: string, guard: typeof edit, run: (request: FastifyRequest, draft: Draft, expected: number | null) => Promise<string>) {
    app.post(`/console/drafts/:id/${path}`, { preValidation: guard, schema: { hide: true } }, async (request, reply) => {
      const draft = await loadDraft(scope, request, reply);
      if (!draft) return reply;
      const version = Number(formText(formOf(request).version));
      try {
        const done = await run(request, draft, Number.isInteger(version) && version > 0 ? version : null);
        return redirect(reply, `/console/drafts/${draft.id}?done=${done}`);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        const latest = (await findDraft(ctx, draft.id)) ?? draft;
        const message = error.status === 412 ? 'This draft changed after you loaded the page; here it is as it is now. Check it, then try again.' : error.message;
        const errors = error.status === 400 && error.errors?.length ? error.errors : [{ field: '', message }];
        return page(reply, await draftView(scope, request, latest, { errors }), error.status === 412 ? 409 : error.status);
      }
    });
  }

  workflowRoute('submit', edit, async (request, draft, expected) => {
    await submitDraft(ctx, staffOf(request).actor, draft.id, expected);
    return 'submitted';
  });
  workflowRoute('approve', review, async (request, draft, expected) => {
    await approveDraft(ctx, staffOf(request).actor, draft.id, expected);
    return 'approved';
  });
  workflowRoute('return', review, async (request, draft, expected) => {
    await returnDraft(ctx, staffOf(request).actor, draft.id, formText(formOf(request).comment), expected);
    return 'returned';
  });
  workflowRoute('publish', review, async (request, draft, expected) => {
    const body = formOf(request);
    if (formText(body.mode) === 'schedule') {
      // datetime-local gives "2026-05-01T09:00" without a zone: the form says UTC.
      const local = formText(body.publishAt).trim();
      const publishAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local) ? `${local}${local.length === 16 ? ':00' : ''}Z` : local;
      if (!publishAt) throw new EditorialError(400, 'Choose when to publish.', [{ field: 'publishAt', message: 'choose a date and time (UTC)' }]);
      await publishDraft(ctx, staffOf(request).actor, draft.id, { publishAt, expected });
      return 'scheduled';
    }
    await publishDraft(ctx, staffOf(request).actor, draft.id, { expected });
    return 'published';
  });
}

export function draftHead(draft: Draft, current: 'overview' | 'edit' | 'diff', canEdit: boolean): SafeHtml {
  const tab = (key: typeof current, href: string, label: string) => html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<div class="crumbs"><a href="/console/destinations">Destinations</a> › <a href="/console/destinations/${draft.code}">${draft.name}</a> ›</div>
<div class="page-head"><div><h1>${draft.name}: draft ${draft.id} ${statusBadge(draft.status)}</h1>
<p class="meta">Version ${draft.version} · started from revision ${draft.baseRevision ?? '— (first advisory)'} · last saved ${when(draft.updatedAt)}</p></div></div>
<ul class="tabs">
${tab('overview', `/console/drafts/${draft.id}`, 'Overview and preview')}
${canEdit ? tab('edit', `/console/drafts/${draft.id}/edit`, 'Edit') : ''}
${tab('diff', `/console/drafts/${draft.id}/diff`, draft.status === 'published' ? `Changes it made (revision ${draft.publishedRevision})` : 'Changes against published')}
</ul>`;
}

export interface DraftView {
  draft: Draft;
  /** The revision published now, when newer than the one the draft started from. */
  newerRevision?: number;
  labels: Labels;
  actions: readonly WorkflowAction[];
  twoPersonRule: boolean;
  notice?: string;
  errors?: readonly FieldMessage[];
  /** Why the viewer cannot approve, when that is the two-person rule. */
  approveBlocked?: string;
}

function draftPage(viewer: Viewer, view: DraftView): string {
  const { draft } = view;
  const can = (action: WorkflowAction) => view.actions.includes(action);
  const errors = view.errors ?? [];
  const soon = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
  return consolePage({
    title: `${draft.name}: draft ${draft.id}`,
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'destinations',
    main: html`${draftHead(draft, 'overview', can('edit'))}
${notice(view.notice)}
${errorSummary(errors, 'Not done:')}
${draft.comment && draft.status === 'draft' ? html`<div class="callout"><strong>Returned with a comment:</strong> ${draft.comment}</div>` : ''}
${view.newerRevision ? html`<div class="callout"><strong>The published advisory changed since this draft was started</strong> (revision ${view.newerRevision} is now published; the draft started from ${draft.baseRevision}). Publishing replaces it: check <a href="/console/drafts/${draft.id}/diff">the changes against what is published now</a>.</div>` : ''}
<div class="with-side">
<div>${advisoryPreview(draft.name, draft)}</div>
<div class="side">
<section class="card"><h2>Workflow</h2>
<dl class="facts">
<dt>Status</dt><dd>${statusBadge(draft.status)}</dd>
<dt>Change</dt><dd>${draft.changeType ?? html`<span class="muted">not chosen</span>`}</dd>
${draft.changeNote ? html`<dt>Note</dt><dd>${draft.changeNote}</dd>` : ''}
<dt>Written by</dt><dd>${who(view.labels, draft.authorId)}</dd>
<dt>Last edit</dt><dd>${who(view.labels, draft.updatedBy)}</dd>
${draft.submittedBy ? html`<dt>Submitted</dt><dd>${who(view.labels, draft.submittedBy)}</dd>` : ''}
${draft.approvedBy ? html`<dt>Approved</dt><dd>${who(view.labels, draft.approvedBy)}</dd>` : ''}
${draft.publishAt ? html`<dt>Publishes</dt><dd>${when(draft.publishAt)}</dd>` : ''}
${draft.publishedRevision ? html`<dt>Published</dt><dd>revision ${draft.publishedRevision}, ${when(draft.publishedAt)}, by ${who(view.labels, draft.publishedBy)}</dd>` : ''}
<dt>Next review</dt><dd>${draft.nextReviewDue ?? 'default cycle'}</dd>
</dl>
</section>
${view.actions.length || view.approveBlocked ? html`<section class="card stack"><h2>Actions</h2>
${can('edit') ? html`<a class="button secondary" href="/console/drafts/${draft.id}/edit">Edit the draft</a>` : ''}
${can('submit') ? actionForm(viewer, draft, 'submit', 'Submit for review', '') : ''}
${can('approve') ? actionForm(viewer, draft, 'approve', 'Approve', 'ok') : ''}
${view.approveBlocked ? html`<p class="small callout">${view.approveBlocked}</p>` : ''}
${can('publish') ? actionForm(viewer, draft, 'publish', 'Publish now', 'ok') : ''}
${can('schedule') ? html`<form method="post" action="/console/drafts/${draft.id}/publish" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}">
<div class="field${hasError(errors, 'publishAt') ? ' has-error' : ''}"><label for="f-publishAt">Publish at (UTC)</label>${fieldErrors(errors, 'publishAt')}<input id="f-publishAt" name="publishAt" type="datetime-local" min="${new Date().toISOString().slice(0, 16)}" value="${soon}"></div>
<button class="secondary" type="submit" name="mode" value="schedule">Schedule</button></form>` : ''}
${can('return') ? html`<form method="post" action="/console/drafts/${draft.id}/return" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}">
<div class="field${hasError(errors, 'comment') ? ' has-error' : ''}"><label for="f-comment">Return to draft with a comment</label>${fieldErrors(errors, 'comment')}<textarea id="f-comment" name="comment" rows="3" placeholder="What should change?"></textarea></div>
<button class="secondary" type="submit">Return to draft</button></form>` : ''}
</section>` : ''}
${view.twoPersonRule ? html`<p class="small muted">Two-person rule: whoever wrote or last edited a draft cannot approve it.</p>` : ''}
</div>
</div>`,
  });
}

function actionForm(viewer: Viewer, draft: Draft, action: string, label: string, style: string): SafeHtml {
  return html`<form method="post" action="/console/drafts/${draft.id}/${action}">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}"><button type="submit"${style ? html` class="${style}"` : ''}>${label}</button></form>`;
}

function draftDiffPage(viewer: Viewer, draft: Draft, current: StoredRevision | undefined, rows: readonly SideBySideRow[], canEdit: boolean): string {
  return consolePage({
    title: `${draft.name}: changes in draft ${draft.id}`,
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'destinations',
    main: html`${draftHead(draft, 'diff', canEdit)}
<div class="page-head"><p class="meta">Every field of the draft against ${current ? `revision ${current.revision}, published ${when(current.publishedAt)}` : 'nothing (no advisory is published yet)'}; word by word.</p>${diffLegend()}</div>
${sideBySideView(rows, { before: current ? `Published · revision ${current.revision}` : 'Published · nothing yet', after: `Draft ${draft.id} · version ${draft.version}` })}`,
  });
}
