import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameContent } from '../../domain/draft-fields.ts';
import { allowedActions, contributorRefusal, decide, type WorkflowAction } from '../../domain/workflow.ts';
import { findDraft, draftState, type Draft } from '../../publishing/draft-record.ts';
import { previewDraft, type PublicationPreview } from '../../publishing/publication-preview.ts';
import { currentAdvisory, findRevision } from '../../publishing/revisions.ts';
import { workflowSettings } from '../../publishing/settings.ts';
import { userLabels } from '../../staff/users.ts';
import { html, type SafeHtml } from '../html.ts';
import { idParam } from '../replies.ts';
import { consolePage, csrfField, errorSummary, fieldErrors, hasError, notice, statusBadge, when, who, type FieldMessage, type Labels, type Viewer, frameOf } from './layout.ts';
import { publicationFacts } from './publication.ts';
import { notFound, staffOf, viewerOf, type ConsoleScope } from './scope.ts';
import { advisoryPreview } from './views.ts';

/**
 * A draft's overview page, the reviewer's screen: the advisory as it would read, who contributed,
 * what publishing it now would be (the derived change type and who would be told), and the
 * workflow actions the viewer may take, or why the contributor rules keep them from one.
 */

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

/** Whether the viewer may edit the draft now: the workflow's rule, as the service applies it. */
export async function mayEdit({ store }: ConsoleScope, request: FastifyRequest, draft: Draft): Promise<boolean> {
  const { user } = staffOf(request);
  return decide('edit', draftState(draft), { id: user.id, role: user.role }, await workflowSettings(store.db)).ok;
}

/** A draft's overview page for the viewer, with the actions their role and the workflow allow now. */
export async function draftView(scope: ConsoleScope, request: FastifyRequest, draft: Draft, extra: { notice?: string; errors?: readonly FieldMessage[] } = {}): Promise<string> {
  const { store, ctx } = scope;
  const { user } = staffOf(request);
  const settings = await workflowSettings(store.db);
  const state = draftState(draft);
  const actor = { id: user.id, role: user.role };
  const blocked = (['submit', 'approve'] as const).map((action) => contributorRefusal(action, state, actor, settings)).filter((reason) => reason !== null);
  const labels = await userLabels(store.db, [draft.authorId, draft.updatedBy, draft.submittedBy, draft.approvedBy, draft.publishedBy]);
  const current = draft.status === 'published' ? undefined : await currentAdvisory(store.db, draft.code);
  // Warn when the published content moved on (an import, another publication) since the draft began; a reissue does not count.
  const base = current && draft.baseRevision !== null && current.revision > draft.baseRevision ? await findRevision(store.db, draft.code, draft.baseRevision) : undefined;
  const newer = current && base && !sameContent(current, base) ? current.revision : undefined;
  return draftPage(viewerOf(request), {
    draft, labels, actions: allowedActions(state, actor, settings), twoPersonRule: settings.twoPersonRule, blocked, ...extra,
    ...(newer ? { newerRevision: newer } : {}),
    ...(draft.status === 'published' ? {} : { publication: await previewDraft(ctx, draft) }),
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

interface DraftView {
  draft: Draft;
  /** The revision published now, when newer than the one the draft started from. */
  newerRevision?: number;
  labels: Labels;
  actions: readonly WorkflowAction[];
  twoPersonRule: boolean;
  notice?: string;
  errors?: readonly FieldMessage[];
  /** Why the viewer may not submit or approve although their role may: the contributor rules. */
  blocked: readonly string[];
  /** What publishing it now would be; absent once published. */
  publication?: PublicationPreview;
}

function contributorList(draft: Draft): SafeHtml {
  if (draft.contributors.length === 0) return html`<span class="muted">nobody yet: its content is the published revision's</span>`;
  return html`<ul class="contributors">${draft.contributors.map((c) => html`<li>${c.email}</li>`)}</ul>`;
}

function draftPage(viewer: Viewer, view: DraftView): string {
  const { draft } = view;
  const can = (action: WorkflowAction) => view.actions.includes(action);
  const errors = view.errors ?? [];
  const soon = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
  return consolePage({
    title: `${draft.name}: draft ${draft.id}`,
    ...frameOf(viewer),
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
<dt>Contributors</dt><dd id="contributors">${contributorList(draft)}</dd>
<dt>Last edit</dt><dd>${who(view.labels, draft.updatedBy)}</dd>
${draft.submittedBy ? html`<dt>Submitted</dt><dd>${who(view.labels, draft.submittedBy)}</dd>` : ''}
${draft.approvedBy ? html`<dt>Approved</dt><dd>${who(view.labels, draft.approvedBy)}${draft.approvedVersion ? `, version ${draft.approvedVersion}` : ''}</dd>` : ''}
${draft.publishAt ? html`<dt>Publishes</dt><dd>${when(draft.publishAt)}</dd>` : ''}
${draft.publishedRevision ? html`<dt>Published</dt><dd>revision ${draft.publishedRevision}, ${when(draft.publishedAt)}, by ${who(view.labels, draft.publishedBy)}</dd>` : ''}
<dt>Next review</dt><dd>${draft.nextReviewDue ?? 'default cycle'}</dd>
</dl>
</section>
${view.publication ? html`<section class="card" id="publication"><h2>If published now</h2>${publicationFacts(view.publication)}</section>` : ''}
${view.actions.length || view.blocked.length ? html`<section class="card stack"><h2>Actions</h2>
${can('edit') ? html`<a class="button secondary" href="/console/drafts/${draft.id}/edit">Edit the draft</a>` : ''}
${can('submit') ? actionForm(viewer, draft, 'submit', 'Submit for review', '') : ''}
${can('approve') ? actionForm(viewer, draft, 'approve', 'Approve', 'ok') : ''}
${view.blocked.map((reason) => html`<p class="small callout">${reason}</p>`)}
${can('publish') ? html`<form method="get" action="/console/drafts/${draft.id}/publish"><input type="hidden" name="version" value="${draft.version}"><button type="submit" class="ok">Publish now…</button></form>` : ''}
${can('schedule') ? html`<form method="post" action="/console/drafts/${draft.id}/publish" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}">
<div class="field${hasError(errors, 'publishAt') ? ' has-error' : ''}"><label for="f-publishAt">Publish at (UTC)</label>${fieldErrors(errors, 'publishAt')}<input id="f-publishAt" name="publishAt" type="datetime-local" min="${new Date().toISOString().slice(0, 16)}" value="${soon}"></div>
<button class="secondary" type="submit" name="mode" value="schedule">Schedule</button></form>` : ''}
${can('return') ? html`<form method="post" action="/console/drafts/${draft.id}/return" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}">
<div class="field${hasError(errors, 'comment') ? ' has-error' : ''}"><label for="f-comment">Return to draft with a comment</label>${fieldErrors(errors, 'comment')}<textarea id="f-comment" name="comment" rows="3" placeholder="What should change?"></textarea></div>
<button class="secondary" type="submit">Return to draft</button></form>` : ''}
</section>` : ''}
${view.twoPersonRule ? html`<p class="small muted">Two-person rule: nobody who changed a draft's content can approve it.</p>` : ''}
</div>
</div>`,
  });
}

function actionForm(viewer: Viewer, draft: Draft, action: string, label: string, style: string): SafeHtml {
  return html`<form method="post" action="/console/drafts/${draft.id}/${action}">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}"><button type="submit"${style ? html` class="${style}"` : ''}>${label}</button></form>`;
}
