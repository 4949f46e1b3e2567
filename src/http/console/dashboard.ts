import type { FastifyInstance } from 'fastify';
import { reviewCalendar, type ReviewItem } from '../../publishing/calendar.ts';
import type { Draft } from '../../publishing/draft-record.ts';
import { listOpenDrafts } from '../../publishing/draft-record.ts';
import { comparisons } from '../../sources/peers/comparison.ts';
import { userLabels } from '../../staff/users.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../replies.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import { card, consolePage, draftStatusLabel, levelBadge, notice, statusBadge, timeTag, when, who, type Labels, type Viewer, frameOf, placeName } from './layout.ts';
import { flaggedCodes, peerSignals, peerSignalTable, type PeerSignal } from './peer-signal.ts';
import { noticeOf, viewerOf, type ConsoleScope } from './scope.ts';

/** The dashboard (open drafts by what they wait for, reviews due) and the review calendar. */

export async function dashboardRoutes(app: FastifyInstance, { store, ctx, guards: { read } }: ConsoleScope): Promise<void> {
  app.get('/console', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const drafts = await listOpenDrafts(ctx);
    const [labels, compared] = await Promise.all([userLabels(store.db, drafts.flatMap((d) => [d.authorId, d.updatedBy])), comparisons(store.db)]);
    const signals = peerSignals(compared);
    const calendar = await reviewCalendar(ctx, { limit: 12, peerFlagged: flaggedCodes(signals) });
    return page(reply, dashboardPage(viewerOf(request), { drafts, calendar, labels, signals, notice: noticeOf(request) }));
  });

  app.get('/console/calendar', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const raw = Number((request.query as Record<string, string>).days ?? 30);
    const days = Number.isInteger(raw) && raw >= 0 && raw <= 366 ? raw : 30;
    const peerFlagged = flaggedCodes(peerSignals(await comparisons(store.db)));
    return page(reply, calendarPage(viewerOf(request), await reviewCalendar(ctx, { horizonDays: days, peerFlagged }), days));
  });
}

function draftsTable(tr: Translator, drafts: readonly Draft[], labels: Labels, empty: string): SafeHtml {
  if (drafts.length === 0) return html`<p class="empty">${empty}</p>`;
  const col = (id: MessageId) => html`<th>${tr.t(id)}</th>`;
  return html`<table><thead><tr>${col('consoleEditorial.col.destination')}${col('consoleEditorial.col.status')}${col('consoleEditorial.col.level')}${col('consoleEditorial.col.lastChange')}${col('consoleEditorial.col.by')}</tr></thead><tbody>
${drafts.map((d) => html`<tr>
<td><a href="/console/drafts/${d.id}">${placeName(tr, d.code, d.name)}</a> <span class="muted mono">${d.code}</span></td>
<td>${statusBadge(d.status, undefined, tr)}${d.status === 'scheduled' ? html` <span class="small">${when(d.publishAt)}</span>` : ''}</td>
<td>${levelBadge(d.level, tr)}</td>
<td class="small">${timeTag(d.updatedAt)}</td>
<td class="small wrap">${who(labels, d.updatedBy)}</td>
</tr>`)}
</tbody></table>`;
}

function calendarTable(tr: Translator, items: readonly ReviewItem[]): SafeHtml {
  if (items.length === 0) return html`<p class="empty">${tr.t('consoleEditorial.calendar.empty')}</p>`;
  const col = (id: MessageId) => html`<th>${tr.t(id)}</th>`;
  return html`<table><thead><tr>${col('consoleEditorial.col.destination')}${col('consoleEditorial.col.level')}${col('consoleEditorial.col.nextReview')}${col('consoleEditorial.col.state')}${col('consoleEditorial.col.draft')}</tr></thead><tbody>
${items.map((item) => html`<tr>
<td><a href="/console/destinations/${item.code}">${placeName(tr, item.code, item.name)}</a> <span class="muted mono">${item.code}</span>${item.peerFlagged ? html` ${statusBadge('submitted', tr.t('consoleEditorial.calendar.flagged'))}` : ''}</td>
<td>${levelBadge(item.level, tr)}</td>
<td class="nowrap">${item.nextReviewDue ?? '—'}</td>
<td>${reviewState(tr, item)}</td>
<td>${item.openDraft ? html`<a href="/console/drafts/${item.openDraft.id}">${draftStatusLabel(tr, item.openDraft.status)}</a>` : html`<span class="muted">—</span>`}</td>
</tr>`)}
</tbody></table>`;
}

/** Overdue, due (today or in n days) or without a date, as a badge. */
function reviewState(tr: Translator, item: ReviewItem): SafeHtml {
  if (item.state === 'overdue') return statusBadge('overdue', tr.t('consoleEditorial.calendar.overdue', { days: -item.days! }));
  if (item.state === 'due') return statusBadge('due', item.days === 0 ? tr.t('consoleEditorial.calendar.dueToday') : tr.t('consoleEditorial.calendar.dueIn', { days: item.days! }));
  return statusBadge('not-set', tr.t('consoleEditorial.calendar.noDate'));
}

function dashboardPage(viewer: Viewer, data: { drafts: readonly Draft[]; calendar: readonly ReviewItem[]; labels: Labels; signals: readonly PeerSignal[]; notice?: string }): string {
  const { tr } = viewer;
  const mine = data.drafts.filter((d) => d.authorId === viewer.user.id || d.updatedBy === viewer.user.id);
  const review = data.drafts.filter((d) => d.status === 'submitted');
  const ready = data.drafts.filter((d) => d.status === 'approved' || d.status === 'scheduled');
  const drafts = (title: MessageId, list: readonly Draft[], empty: MessageId) => card(tr.t(title), draftsTable(tr, list, data.labels, tr.t(empty)));
  return consolePage({
    title: tr.t('console.nav.dashboard'),
    ...frameOf(viewer),
    nav: 'dashboard',
    main: html`<div class="page-head"><div><h1>${tr.t('console.nav.dashboard')}</h1><p class="meta">${tr.t('consoleEditorial.signedInAs', { email: viewer.user.email, role: tr.t('console.role', { role: viewer.user.role }) })}</p></div>
<form method="get" action="/console/destinations" class="row"><div class="field flush"><label for="q" class="visually-hidden">${tr.t('consoleEditorial.find.label')}</label><input id="q" name="q" type="search" placeholder="${tr.t('consoleEditorial.find.placeholder')}"></div><button class="secondary" type="submit">${tr.t('consoleEditorial.find.button')}</button></form></div>
${notice(data.notice)}
${card(tr.t('consoleEditorial.dashboard.peers'), peerSignalTable(data.signals, viewer.csrf, tr), html`<a href="/compare/">${tr.t('consoleEditorial.dashboard.compareAll')}</a>`)}
<div class="grid-2">
${drafts('consoleEditorial.dashboard.waiting', review, 'consoleEditorial.dashboard.waitingEmpty')}
${drafts('consoleEditorial.dashboard.ready', ready, 'consoleEditorial.dashboard.readyEmpty')}
${drafts('consoleEditorial.dashboard.mine', mine, 'consoleEditorial.dashboard.mineEmpty')}
${drafts('consoleEditorial.dashboard.all', data.drafts, 'consoleEditorial.dashboard.allEmpty')}
</div>
${card(tr.t('consoleEditorial.dashboard.calendar'), calendarTable(tr, data.calendar), html`<a href="/console/calendar">${tr.t('consoleEditorial.dashboard.fullCalendar')}</a>`)}`,
  });
}

function calendarPage(viewer: Viewer, items: readonly ReviewItem[], days: number): string {
  const { tr } = viewer;
  return consolePage({
    title: tr.t('console.nav.calendar'),
    ...frameOf(viewer),
    nav: 'calendar',
    main: html`<div class="page-head"><div><h1>${tr.t('console.nav.calendar')}</h1>
<p class="meta">${tr.t('consoleEditorial.calendar.intro', { days })}</p></div>
<form method="get" class="row"><div class="field flush"><label for="days">${tr.t('consoleEditorial.calendar.within')}</label><input id="days" name="days" type="number" min="0" max="366" value="${days}" class="pos"></div><button class="secondary" type="submit">${tr.t('consoleEditorial.calendar.show')}</button></form></div>
<div class="card">${calendarTable(tr, items)}</div>`,
  });
}
