import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameContent } from '../../domain/draft-fields.ts';
import { allowedActions, contributorRefusal, decide, type WorkflowAction } from '../../domain/workflow.ts';
import { findDraft, draftState, type Draft } from '../../publishing/draft-record.ts';
import { previewDraft, type PublicationPreview } from '../../publishing/publication-preview.ts';
import { currentAdvisory, findRevision } from '../../publishing/revisions.ts';
import { workflowSettings } from '../../publishing/settings.ts';
import { userLabels } from '../../staff/users.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { html, type HtmlValue, type SafeHtml } from '../html.ts';
import { message } from '../html-messages.ts';
import { idParam } from '../replies.ts';
import { consolePage, csrfField, errorSummary, fieldErrors, hasError, notice, statusBadge, when, who, type FieldMessage, type Labels, type Viewer, frameOf, placeName } from './layout.ts';
import { refusalsIn, refusalText } from './editorial-refusals.ts';
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
    notFound(request, reply, translator(request.locale).t('consoleDrafts.noDraft'));
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

export function draftHead(tr: Translator, draft: Draft, current: 'overview' | 'edit' | 'diff', canEdit: boolean): SafeHtml {
  const tab = (key: typeof current, href: string, label: string) => html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<div class="crumbs"><a href="/console/destinations">${tr.t('console.nav.destinations')}</a> › <a href="/console/destinations/${draft.code}">${placeName(tr, draft.code, draft.name)}</a> ›</div>
<div class="page-head"><div><h1>${tr.t('consoleDrafts.title', { name: placeName(tr, draft.code, draft.name), id: draft.id })} ${statusBadge(draft.status, undefined, tr)}</h1>
<p class="meta">${tr.t('consoleDrafts.meta', { version: draft.version, base: draft.baseRevision ?? tr.t('consoleDrafts.firstAdvisory'), saved: when(draft.updatedAt) })}</p></div></div>
<ul class="tabs">
${tab('overview', `/console/drafts/${draft.id}`, tr.t('consoleDrafts.tab.overview'))}
${canEdit ? tab('edit', `/console/drafts/${draft.id}/edit`, tr.t('consoleDrafts.tab.edit')) : ''}
${tab('diff', `/console/drafts/${draft.id}/diff`, draft.status === 'published' ? tr.t('consoleDrafts.tab.made', { revision: draft.publishedRevision }) : tr.t('consoleDrafts.tab.against'))}
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

function contributorList(tr: Translator, draft: Draft): SafeHtml {
  if (draft.contributors.length === 0) return html`<span class="muted">${tr.t('consoleDrafts.nobodyYet')}</span>`;
  return html`<ul class="contributors">${draft.contributors.map((c) => html`<li>${c.email}</li>`)}</ul>`;
}

/** The workflow facts: status, change, who wrote, submitted, approved and published it, the next review. */
function workflowFacts(tr: Translator, draft: Draft, labels: Labels): SafeHtml {
  const fact = (id: MessageId, value: HtmlValue) => html`<dt>${tr.t(id)}</dt><dd>${value}</dd>`;
  return html`<dl class="facts">
${fact('consoleDrafts.fact.status', statusBadge(draft.status, undefined, tr))}
${fact('consoleDrafts.fact.change', draft.changeType ? tr.t('consoleEditorial.changeType', { type: draft.changeType }) : html`<span class="muted">${tr.t('consoleDrafts.fact.notChosen')}</span>`)}
${draft.changeNote ? fact('consoleDrafts.fact.note', draft.changeNote) : ''}
${fact('consoleDrafts.fact.writtenBy', who(labels, draft.authorId))}
<dt>${tr.t('consoleDrafts.fact.contributors')}</dt><dd id="contributors">${contributorList(tr, draft)}</dd>
${fact('consoleDrafts.fact.lastEdit', who(labels, draft.updatedBy))}
${draft.submittedBy ? fact('consoleDrafts.fact.submitted', who(labels, draft.submittedBy)) : ''}
${draft.approvedBy ? fact('consoleDrafts.fact.approved', `${who(labels, draft.approvedBy)}${draft.approvedVersion ? tr.t('consoleDrafts.fact.approvedVersion', { version: draft.approvedVersion }) : ''}`) : ''}
${draft.publishAt ? fact('consoleDrafts.fact.publishes', when(draft.publishAt)) : ''}
${draft.publishedRevision ? fact('consoleDrafts.fact.published', tr.t('consoleDrafts.fact.publishedAs', { revision: draft.publishedRevision, when: when(draft.publishedAt), who: who(labels, draft.publishedBy) })) : ''}
${fact('consoleDrafts.fact.nextReview', draft.nextReviewDue ?? tr.t('consoleDrafts.fact.defaultCycle'))}
</dl>`;
}

function draftPage(viewer: Viewer, view: DraftView): string {
  const { draft } = view;
  const { tr } = viewer;
  const can = (action: WorkflowAction) => view.actions.includes(action);
  const errors = refusalsIn(tr, view.errors ?? []);
  const soon = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
  return consolePage({
    title: tr.t('consoleDrafts.title', { name: placeName(tr, draft.code, draft.name), id: draft.id }),
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`${draftHead(tr, draft, 'overview', can('edit'))}
${notice(view.notice)}
${errorSummary(errors, tr.t('consoleEditorial.notDone'), undefined, tr)}
${draft.comment && draft.status === 'draft' ? html`<div class="callout"><strong>${tr.t('consoleDrafts.returned')}</strong> ${draft.comment}</div>` : ''}
${view.newerRevision ? html`<div class="callout"><strong>${tr.t('consoleDrafts.newer.title')}</strong>${message(tr, 'consoleDrafts.newer.body', { revision: view.newerRevision, base: draft.baseRevision ?? '', link: html`<a href="/console/drafts/${draft.id}/diff">${tr.t('consoleDrafts.newer.link')}</a>` })}</div>` : ''}
<div class="with-side">
<div>${advisoryPreview(placeName(tr, draft.code, draft.name), draft, tr)}</div>
<div class="side">
<section class="card"><h2>${tr.t('consoleDrafts.workflow')}</h2>
${workflowFacts(tr, draft, view.labels)}
</section>
${view.publication ? html`<section class="card" id="publication"><h2>${tr.t('consoleDrafts.ifPublished')}</h2>${publicationFacts(view.publication, tr)}</section>` : ''}
${view.actions.length || view.blocked.length ? html`<section class="card stack"><h2>${tr.t('consoleDrafts.actions')}</h2>
${can('edit') ? html`<a class="button secondary" href="/console/drafts/${draft.id}/edit">${tr.t('consoleDrafts.editDraft')}</a>` : ''}
${can('submit') ? actionForm(viewer, draft, 'submit', tr.t('consoleDrafts.submit'), '') : ''}
${can('approve') ? actionForm(viewer, draft, 'approve', tr.t('consoleDrafts.approve'), 'ok') : ''}
${view.blocked.map((reason) => html`<p class="small callout">${refusalText(tr, reason)}</p>`)}
${can('publish') ? html`<form method="get" action="/console/drafts/${draft.id}/publish"><input type="hidden" name="version" value="${draft.version}"><button type="submit" class="ok">${tr.t('consoleDrafts.publishNow')}</button></form>` : ''}
${can('schedule') ? html`<form method="post" action="/console/drafts/${draft.id}/publish" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}">
<div class="field${hasError(errors, 'publishAt') ? ' has-error' : ''}"><label for="f-publishAt">${tr.t('consoleDrafts.publishAt')}</label>${fieldErrors(errors, 'publishAt')}<input id="f-publishAt" name="publishAt" type="datetime-local" min="${new Date().toISOString().slice(0, 16)}" value="${soon}"></div>
<button class="secondary" type="submit" name="mode" value="schedule">${tr.t('consoleDrafts.schedule')}</button></form>` : ''}
${can('return') ? html`<form method="post" action="/console/drafts/${draft.id}/return" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}">
<div class="field${hasError(errors, 'comment') ? ' has-error' : ''}"><label for="f-comment">${tr.t('consoleDrafts.returnLabel')}</label>${fieldErrors(errors, 'comment')}<textarea id="f-comment" name="comment" rows="3" placeholder="${tr.t('consoleDrafts.returnPlaceholder')}"></textarea></div>
<button class="secondary" type="submit">${tr.t('consoleDrafts.return')}</button></form>` : ''}
</section>` : ''}
${view.twoPersonRule ? html`<p class="small muted">${tr.t('consoleDrafts.twoPerson')}</p>` : ''}
</div>
</div>`,
  });
}

function actionForm(viewer: Viewer, draft: Draft, action: string, label: string, style: string): SafeHtml {
  return html`<form method="post" action="/console/drafts/${draft.id}/${action}">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${draft.version}"><button type="submit"${style ? html` class="${style}"` : ''}>${label}</button></form>`;
}
