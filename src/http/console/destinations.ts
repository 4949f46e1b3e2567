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
import type { MessageId } from '../../i18n/catalog.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { userLabels } from '../../staff/users.ts';
import { formOf, formText } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { auditTable } from './audit.ts';
import {
  card, consolePage, csrfField, draftStatusLabel, errorSummary, fieldErrors, hasError, levelBadge, levelBadgeLong, notice, statusBadge, when, who,
  type FieldMessage, type Labels, type Viewer, frameOf, placeName } from './layout.ts';
import { refusalsIn } from './editorial-refusals.ts';
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
    if (!destination) return notFound(request, reply, translator(request.locale).t('consoleEditorial.noDestination'));
    if (destination.code !== (request.params as { code: string }).code) return redirect(reply, `/console/destinations/${destination.code}`);
    return page(reply, await destinationView(request, destination.code, { notice: noticeOf(request) }));
  });

  app.get('/console/destinations/:code/compare', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const destination = findByCode((request.params as { code: string }).code);
    if (!destination) return notFound(request, reply, translator(request.locale).t('consoleEditorial.noDestination'));
    const query = request.query as Record<string, string | undefined>;
    const number = (value: string | undefined) => (value && /^\d{1,7}$/.test(value) ? Number(value) : 0);
    const from = await findRevision(store.db, destination.code, number(query.from));
    const to = await findRevision(store.db, destination.code, number(query.to));
    if (!from || !to) return notFound(request, reply, translator(request.locale).t('consoleEditorial.noRevision', { name: destination.name }));
    return page(reply, compareRevisionsPage(viewerOf(request), destination, from, to, sideBySide(from, to)));
  });

  app.post('/console/destinations/:code/drafts', { preValidation: edit, schema: { hide: true } }, async (request, reply) => {
    const destination = findByCode((request.params as { code: string }).code);
    if (!destination) return notFound(request, reply, translator(request.locale).t('consoleEditorial.noDestination'));
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
    if (!destination) return notFound(request, reply, translator(request.locale).t('consoleEditorial.noDestination'));
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
  const { tr } = viewer;
  const col = (id: MessageId) => html`<th>${tr.t(id)}</th>`;
  return consolePage({
    title: tr.t('console.nav.destinations'),
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="page-head"><div><h1>${tr.t('console.nav.destinations')}</h1><p class="meta">${tr.t('consoleEditorial.destinations.shown', { count: rows.length })}</p></div>
<form method="get" class="row"><div class="field flush"><label for="q" class="visually-hidden">${tr.t('consoleEditorial.destinations.filterLabel')}</label><input id="q" name="q" type="search" value="${q}" placeholder="${tr.t('consoleEditorial.destinations.filterPlaceholder')}"></div><button class="secondary" type="submit">${tr.t('consoleEditorial.destinations.filter')}</button></form></div>
<div class="card"><table><thead><tr>${col('consoleEditorial.col.destination')}${col('consoleEditorial.col.code')}${col('consoleEditorial.col.level')}${col('consoleEditorial.col.published')}${col('consoleEditorial.col.nextReview')}${col('consoleEditorial.col.openDraft')}</tr></thead><tbody>
${rows.map((r) => html`<tr>
<td><a href="/console/destinations/${r.code}">${placeName(tr, r.code, r.name)}</a></td>
<td class="mono">${r.code}</td>
<td>${r.level ? levelBadge(r.level, tr) : html`<span class="muted">${tr.t('consoleEditorial.destinations.noAdvisory')}</span>`}</td>
<td class="nowrap">${r.publishedAt ? when(r.publishedAt).slice(0, 10) : '—'}</td>
<td class="nowrap">${r.nextReviewDue ?? '—'}${overdueBadge(tr, r.nextReviewDue)}</td>
<td>${r.draft ? html`<a href="/console/drafts/${r.draft.id}">${statusBadge(r.draft.status, undefined, tr)}</a>` : ''}</td>
</tr>`)}
</tbody></table></div>`,
  });
}

/** Staff always see a review that is late; readers only where the deployment chooses (docs/public-site.md). */
function overdueBadge(tr: Translator, nextReviewDue: string | null): SafeHtml | string {
  return reviewOverdue(nextReviewDue, new Date().toISOString().slice(0, 10)) ? html` <span class="badge urged">${tr.t('consoleEditorial.reviewOverdue')}</span>` : '';
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

function currentFacts(tr: Translator, current: StoredRevision): SafeHtml {
  return html`${levelBadgeLong(current.level, tr)} ${current.departureUrged ? html`<span class="badge urged">${tr.t('consoleEditorial.destination.urged')}</span>` : ''} · ${tr.t('consoleEditorial.destination.revision', { revision: current.revision, published: when(current.publishedAt) })} · ${tr.t('consoleEditorial.destination.nextReview', { date: current.nextReviewDue ?? tr.t('consoleEditorial.destination.notSet') })}${overdueBadge(tr, current.nextReviewDue)} · ${tr.t('consoleEditorial.destination.source', { authority: current.source.authority })}`;
}

function destinationPage(viewer: Viewer, view: DestinationView): string {
  const { destination, current, history } = view;
  const { tr } = viewer;
  const errors = refusalsIn(tr, view.errors ?? []);
  const open = view.drafts.find((d) => d.status !== 'published');
  const published = view.drafts.filter((d) => d.status === 'published');
  const newest = history[0]?.revision ?? 1;
  const older = history[1]?.revision ?? newest;
  const col = (id: MessageId, className = '') => html`<th${className ? html` class="${className}"` : ''}>${tr.t(id)}</th>`;
  const rev = (revision: number) => tr.t('consoleEditorial.history.rev', { revision });
  return consolePage({
    title: placeName(tr, destination.code, destination.name),
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">${tr.t('console.nav.destinations')}</a> ›</div>
<div class="page-head"><div><h1>${placeName(tr, destination.code, destination.name)} <span class="muted mono">${destination.code}</span></h1>
<p class="meta">${current ? currentFacts(tr, current) : tr.t('consoleEditorial.destination.none')}</p></div>
<div class="actions">
${open ? html`<a class="button" href="/console/drafts/${open.id}">${tr.t('consoleEditorial.destination.openDraft', { status: draftStatusLabel(tr, open.status) })}</a>` : view.canEdit ? html`<form method="post" action="/console/destinations/${destination.code}/drafts">${csrfField(viewer.csrf)}<button type="submit">${tr.t('consoleEditorial.startDraft')}</button></form>` : ''}
<a class="button secondary" href="/api/v1/advisories/${destination.code}">${tr.t('consoleEditorial.destination.json')}</a>
</div></div>
${notice(view.notice)}
${errorSummary(errors, tr.t('consoleEditorial.notDone'), undefined, tr)}
<div class="with-side">
<div>
${current ? card(tr.t('consoleEditorial.destination.current', { revision: current.revision }), advisoryPreview(placeName(tr, destination.code, destination.name), current, tr)) : ''}
</div>
<div class="side">
${view.canReview && current ? html`<section class="card"><h2>${tr.t('consoleEditorial.reissue.title')}</h2>
<p class="small">${tr.t('consoleEditorial.reissue.intro')}</p>
<form method="post" action="/console/destinations/${destination.code}/reissue" class="stack">${csrfField(viewer.csrf)}
<div class="field${hasError(errors, 'nextReviewDue') ? ' has-error' : ''}"><label for="f-nextReviewDue">${tr.t('consoleEditorial.col.nextReview')}</label><p class="hint">${tr.t('consoleEditorial.reissue.hint', { cycle: current.level >= 3 ? 'long' : 'short' })}</p>${fieldErrors(errors, 'nextReviewDue')}<input id="f-nextReviewDue" name="nextReviewDue" type="date"></div>
<button class="secondary" type="submit">${tr.t('consoleEditorial.reissue.button')}</button></form></section>` : ''}
<section class="card"><h2>${tr.t('consoleEditorial.history.title')}</h2>
${history.length ? html`<table><thead><tr>${col('consoleEditorial.col.rev', 'num')}${col('consoleEditorial.col.published')}${col('consoleEditorial.col.type')}</tr></thead><tbody>
${history.map((r) => html`<tr><td class="num"><a href="/console/destinations/${destination.code}/compare?from=${Math.max(1, r.revision - 1)}&amp;to=${r.revision}">${r.revision}</a></td><td class="nowrap small">${when(r.publishedAt).slice(0, 10)}</td><td>${levelBadge(r.level, tr)} <span class="small">${tr.t('consoleEditorial.changeType', { type: r.changeType })}</span></td></tr>`)}
</tbody></table>
<form method="get" action="/console/destinations/${destination.code}/compare" class="row top">
<div class="field"><label for="from">${tr.t('consoleEditorial.history.compare')}</label><select id="from" name="from">${history.map((r) => html`<option value="${r.revision}"${r.revision === older ? html` selected` : ''}>${rev(r.revision)}</option>`)}</select></div>
<div class="field"><label for="to">${tr.t('consoleEditorial.history.with')}</label><select id="to" name="to">${history.map((r) => html`<option value="${r.revision}"${r.revision === newest ? html` selected` : ''}>${rev(r.revision)}</option>`)}</select></div>
<button class="secondary" type="submit">${tr.t('consoleEditorial.history.compare')}</button></form>` : html`<p class="empty">${tr.t('consoleEditorial.history.none')}</p>`}
</section>
</div>
</div>
${card(tr.t('consoleEditorial.drafts.title'), published.length || open ? html`<table><thead><tr>${col('consoleEditorial.col.draft')}${col('consoleEditorial.col.status')}${col('consoleEditorial.col.writtenBy')}${col('consoleEditorial.col.approvedBy')}${col('consoleEditorial.col.publishedBy')}${col('consoleEditorial.col.revision')}</tr></thead><tbody>
${view.drafts.map((d) => html`<tr><td><a href="/console/drafts/${d.id}">${tr.t('consoleEditorial.drafts.draft', { id: d.id })}</a></td><td>${statusBadge(d.status, undefined, tr)}</td><td>${who(view.labels, d.authorId)}</td><td>${who(view.labels, d.approvedBy)}</td><td>${d.status === 'published' ? who(view.labels, d.publishedBy) : '—'}</td><td>${d.publishedRevision ?? '—'}</td></tr>`)}
</tbody></table>` : html`<p class="empty">${tr.t('consoleEditorial.drafts.none')}</p>`)}
${card(tr.t('console.nav.audit'), auditTable(view.audit, { showDestination: false }, tr), html`<a href="/console/audit?destination=${destination.code}">${tr.t('consoleEditorial.audit.all', { code: destination.code })}</a>`)}`,
  });
}

function compareRevisionsPage(viewer: Viewer, destination: Destination, from: StoredRevision, to: StoredRevision, rows: readonly SideBySideRow[]): string {
  const { tr } = viewer;
  const names = { name: placeName(tr, destination.code, destination.name), from: from.revision, to: to.revision };
  const side = (revision: StoredRevision) => tr.t('consoleEditorial.compare.side', { revision: revision.revision, when: when(revision.publishedAt) });
  return consolePage({
    title: tr.t('consoleEditorial.compare.title', names),
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">${tr.t('console.nav.destinations')}</a> › <a href="/console/destinations/${destination.code}">${names.name}</a> ›</div>
<div class="page-head"><div><h1>${tr.t('consoleEditorial.compare.heading', names)}</h1>
<p class="meta">${tr.t('consoleEditorial.compare.meta', { type: tr.t('consoleEditorial.changeType', { type: to.changeType }), note: to.changeNote })}</p></div>${diffLegend(tr)}</div>
${sideBySideView(rows, { before: side(from), after: side(to) }, tr)}`,
  });
}
