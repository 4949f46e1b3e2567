import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DESTINATIONS, findByCode, normaliseName, type Destination } from '../../domain/destinations.ts';
import { sideBySide, type SideBySideRow } from '../../domain/diff.ts';
import { reviewOverdue } from '../../domain/freshness.ts';
import type { Level } from '../../domain/levels.ts';
import { can } from '../../domain/roles.ts';
import { searchAudit, type AuditEntry } from '../../publishing/audit.ts';
import { EditorialError } from '../../publishing/context.ts';
import type { Draft } from '../../publishing/draft-record.ts';
import { draftsOf, listOpenDrafts } from '../../publishing/draft-record.ts';
import { createDraft } from '../../publishing/drafts.ts';
import { reissueAdvisory } from '../../publishing/publish.ts';
import { currentAdvisories, currentAdvisory, findRevision, revisionHistory, type StoredRevision } from '../../publishing/revisions.ts';
import { userLabels } from '../../staff/users.ts';
import { formOf, formText } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { auditTable } from './audit.ts';
import {
  card, consolePage, csrfField, errorSummary, fieldErrors, hasError, levelBadge, levelBadgeLong, notice, statusBadge, when, who,
  type FieldMessage, type Labels, type Viewer, frameOf } from './layout.ts';
import { errorsOf, notFound, noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';
import { advisoryPreview, diffLegend, sideBySideView } from './views.ts';

/**
 * Destinations: the list with levels and open drafts, a destination's page (current advisory,
 * history, drafts, audit), comparing two revisions, starting a draft and reissuing after review.
 */

export async function destinationRoutes(app: FastifyInstance, { store, ctx, guards: { read, edit, review } }: ConsoleScope): Promise<void> {
  app.get('/console/destinations', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const q = String((request.query as Record<string, unknown>).q ?? '').slice(0, 100).trim();
    const key = normaliseName(q);
    const current = new Map((await currentAdvisories(store.db)).map((a) => [a.code, a]));
    const open = new Map((await listOpenDrafts(ctx)).map((d) => [d.code, { id: d.id, status: d.status }]));
    const rows: DestinationRow[] = DESTINATIONS
      .filter((d) => (q ? d.code === q.toUpperCase() || d.iso3 === q.toUpperCase() || normaliseName(d.name).includes(key) || d.aliases.some((a) => normaliseName(a).includes(key)) : current.has(d.code) || open.has(d.code)))
      .map((d) => {
        const advisory = current.get(d.code);
        return { code: d.code, name: d.name, level: advisory?.level ?? null, publishedAt: advisory?.publishedAt ?? null, nextReviewDue: advisory?.nextReviewDue ?? null, draft: open.get(d.code) ?? null };
      });
    return page(reply, destinationsPage(viewerOf(request), rows, q));
  });

  async function destinationView(request: FastifyRequest, code: string, extra: { notice?: string; errors?: DestinationView['errors'] } = {}) {
    const destination = findByCode(code)!;
    const [current, history, drafts, audit] = await Promise.all([
      currentAdvisory(store.db, destination.code), revisionHistory(store.db, destination.code), draftsOf(ctx, destination.code),
      searchAudit(store.db, { destination: destination.code, limit: 20 }),
    ]);
    const labels = await userLabels(store.db, drafts.flatMap((d) => [d.authorId, d.approvedBy, d.publishedBy]));
    const role = staffOf(request).user.role;
    return destinationPage(viewerOf(request), {
      destination, current, history, drafts, audit, labels, canEdit: can(role, 'edit'), canReview: can(role, 'review'), ...extra,
    });
  }

  app.get('/console/destinations/:code', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const destination = findByCode((request.params as { code: string }).code);
    if (!destination) return notFound(request, reply, 'There is no destination with that code.');
    if (destination.code !== (request.params as { code: string }).code) return redirect(reply, `/console/destinations/${destination.code}`);
    return page(reply, await destinationView(request, destination.code, { notice: noticeOf(request) }));
  });

  app.get('/console/destinations/:code/compare', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const destination = findByCode((request.params as { code: string }).code);
    if (!destination) return notFound(request, reply, 'There is no destination with that code.');
    const query = request.query as Record<string, string | undefined>;
    const number = (value: string | undefined) => (value && /^\d{1,7}$/.test(value) ? Number(value) : 0);
    const from = await findRevision(store.db, destination.code, number(query.from));
    const to = await findRevision(store.db, destination.code, number(query.to));
    if (!from || !to) return notFound(request, reply, `${destination.name} has no such revision.`);
    return page(reply, compareRevisionsPage(viewerOf(request), destination, from, to, sideBySide(from, to)));
  });

  app.post('/console/destinations/:code/drafts', { preValidation: edit, schema: { hide: true } }, async (request, reply) => {
    const destination = findByCode((request.params as { code: string }).code);
    if (!destination) return notFound(request, reply, 'There is no destination with that code.');
    try {
      const draft = await createDraft(ctx, staffOf(request).actor, destination.code, {});
      return redirect(reply, `/console/drafts/${draft.id}/edit?done=created`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return page(reply, await destinationView(request, destination.code, { errors: [{ field: '', message: error.message }] }), error.status);
    }
  });

  app.post('/console/destinations/:code/reissue', { preValidation: review, schema: { hide: true } }, async (request, reply) => {
    const destination = findByCode((request.params as { code: string }).code);
    if (!destination) return notFound(request, reply, 'There is no destination with that code.');
    try {
      await reissueAdvisory(ctx, staffOf(request).actor, destination.code, { nextReviewDue: formText(formOf(request).nextReviewDue) });
      return redirect(reply, `/console/destinations/${destination.code}?done=reissued`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return page(reply, await destinationView(request, destination.code, { errors: errorsOf(error) }), error.status);
    }
  });
}

interface DestinationRow {
  code: string;
  name: string;
  level: Level | null;
  publishedAt: string | null;
  nextReviewDue: string | null;
  draft: { id: number; status: Draft['status'] } | null;
}

function destinationsPage(viewer: Viewer, rows: readonly DestinationRow[], q: string): string {
  return consolePage({
    title: 'Destinations',
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="page-head"><div><h1>Destinations</h1><p class="meta">${rows.length} shown. Each has one current advisory and at most one open draft.</p></div>
<form method="get" class="row"><div class="field flush"><label for="q" class="visually-hidden">Name or code</label><input id="q" name="q" type="search" value="${q}" placeholder="Name or ISO code"></div><button class="secondary" type="submit">Filter</button></form></div>
<div class="card"><table><thead><tr><th>Destination</th><th>Code</th><th>Level</th><th>Published</th><th>Next review</th><th>Open draft</th></tr></thead><tbody>
${rows.map((r) => html`<tr>
<td><a href="/console/destinations/${r.code}">${r.name}</a></td>
<td class="mono">${r.code}</td>
<td>${r.level ? levelBadge(r.level) : html`<span class="muted">no advisory</span>`}</td>
<td class="nowrap">${r.publishedAt ? when(r.publishedAt).slice(0, 10) : '—'}</td>
<td class="nowrap">${r.nextReviewDue ?? '—'}${overdueBadge(r.nextReviewDue)}</td>
<td>${r.draft ? html`<a href="/console/drafts/${r.draft.id}">${statusBadge(r.draft.status)}</a>` : ''}</td>
</tr>`)}
</tbody></table></div>`,
  });
}

/** Staff always see a review that is late; readers only where the deployment chooses (docs/public-site.md). */
function overdueBadge(nextReviewDue: string | null): SafeHtml | string {
  return reviewOverdue(nextReviewDue, new Date().toISOString().slice(0, 10)) ? html` <span class="badge urged">review overdue</span>` : '';
}

interface DestinationView {
  destination: Destination;
  current: StoredRevision | undefined;
  history: readonly StoredRevision[];
  drafts: readonly Draft[];
  audit: readonly AuditEntry[];
  labels: Labels;
  canEdit: boolean;
  canReview: boolean;
  notice?: string;
  errors?: readonly FieldMessage[];
}

function destinationPage(viewer: Viewer, view: DestinationView): string {
  const { destination, current, history } = view;
  const open = view.drafts.find((d) => d.status !== 'published');
  const published = view.drafts.filter((d) => d.status === 'published');
  const newest = history[0]?.revision ?? 1;
  const older = history[1]?.revision ?? newest;
  return consolePage({
    title: destination.name,
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">Destinations</a> ›</div>
<div class="page-head"><div><h1>${destination.name} <span class="muted mono">${destination.code}</span></h1>
<p class="meta">${current ? html`${levelBadgeLong(current.level)} ${current.departureUrged ? html`<span class="badge urged">Departure urged</span>` : ''} · revision ${current.revision}, published ${when(current.publishedAt)} · next review ${current.nextReviewDue ?? 'not set'}${overdueBadge(current.nextReviewDue)} · source ${current.source.authority}` : 'No advisory is published yet.'}</p></div>
<div class="actions">
${open ? html`<a class="button" href="/console/drafts/${open.id}">Open the ${open.status} draft</a>` : view.canEdit ? html`<form method="post" action="/console/destinations/${destination.code}/drafts">${csrfField(viewer.csrf)}<button type="submit">Start a draft</button></form>` : ''}
<a class="button secondary" href="/api/v1/advisories/${destination.code}">Public JSON</a>
</div></div>
${notice(view.notice)}
${errorSummary(view.errors ?? [], 'Not done:')}
<div class="with-side">
<div>
${current ? card(html`Current advisory (revision ${current.revision})`, advisoryPreview(destination.name, current)) : ''}
</div>
<div class="side">
${view.canReview && current ? html`<section class="card"><h2>Reissue after review</h2>
<p class="small">Reviewed and nothing changes: record the review. Same text, published date and change note; a new review date. Notifies nobody.</p>
<form method="post" action="/console/destinations/${destination.code}/reissue" class="stack">${csrfField(viewer.csrf)}
<div class="field${hasError(view.errors ?? [], 'nextReviewDue') ? ' has-error' : ''}"><label for="f-nextReviewDue">Next review</label><p class="hint">Empty: ${current.level >= 3 ? 'six months' : 'a year'} from today.</p>${fieldErrors(view.errors ?? [], 'nextReviewDue')}<input id="f-nextReviewDue" name="nextReviewDue" type="date"></div>
<button class="secondary" type="submit">Reissue unchanged</button></form></section>` : ''}
<section class="card"><h2>History</h2>
${history.length ? html`<table><thead><tr><th class="num">Rev.</th><th>Published</th><th>Type</th></tr></thead><tbody>
${history.map((r) => html`<tr><td class="num"><a href="/console/destinations/${destination.code}/compare?from=${Math.max(1, r.revision - 1)}&amp;to=${r.revision}">${r.revision}</a></td><td class="nowrap small">${when(r.publishedAt).slice(0, 10)}</td><td>${levelBadge(r.level)} <span class="small">${r.changeType}</span></td></tr>`)}
</tbody></table>
<form method="get" action="/console/destinations/${destination.code}/compare" class="row top">
<div class="field"><label for="from">Compare</label><select id="from" name="from">${history.map((r) => html`<option value="${r.revision}"${r.revision === older ? html` selected` : ''}>rev. ${r.revision}</option>`)}</select></div>
<div class="field"><label for="to">with</label><select id="to" name="to">${history.map((r) => html`<option value="${r.revision}"${r.revision === newest ? html` selected` : ''}>rev. ${r.revision}</option>`)}</select></div>
<button class="secondary" type="submit">Compare</button></form>` : html`<p class="empty">No revisions.</p>`}
</section>
</div>
</div>
${card('Drafts', published.length || open ? html`<table><thead><tr><th>Draft</th><th>Status</th><th>Written by</th><th>Approved by</th><th>Published by</th><th>Revision</th></tr></thead><tbody>
${view.drafts.map((d) => html`<tr><td><a href="/console/drafts/${d.id}">draft ${d.id}</a></td><td>${statusBadge(d.status)}</td><td>${who(view.labels, d.authorId)}</td><td>${who(view.labels, d.approvedBy)}</td><td>${d.status === 'published' ? who(view.labels, d.publishedBy) : '—'}</td><td>${d.publishedRevision ?? '—'}</td></tr>`)}
</tbody></table>` : html`<p class="empty">No drafts yet.</p>`)}
${card('Audit log', auditTable(view.audit, { showDestination: false }), html`<a href="/console/audit?destination=${destination.code}">All entries for ${destination.code}</a>`)}`,
  });
}

function compareRevisionsPage(viewer: Viewer, destination: Destination, from: StoredRevision, to: StoredRevision, rows: readonly SideBySideRow[]): string {
  return consolePage({
    title: `${destination.name}: revision ${from.revision} and ${to.revision}`,
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">Destinations</a> › <a href="/console/destinations/${destination.code}">${destination.name}</a> ›</div>
<div class="page-head"><div><h1>${destination.name}: revision ${from.revision} → ${to.revision}</h1>
<p class="meta">${to.changeType} change · ${to.changeNote}</p></div>${diffLegend()}</div>
${sideBySideView(rows, { before: `Revision ${from.revision} · ${when(from.publishedAt)}`, after: `Revision ${to.revision} · ${when(to.publishedAt)}` })}`,
  });
}
