import type { FastifyInstance } from 'fastify';
import { reviewCalendar, type ReviewItem } from '../../publishing/calendar.ts';
import type { Draft } from '../../publishing/draft-record.ts';
import { listOpenDrafts } from '../../publishing/draft-record.ts';
import { comparisons } from '../../sources/peers/comparison.ts';
import { userLabels } from '../../staff/users.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../replies.ts';
import { card, consolePage, levelBadge, notice, statusBadge, timeTag, when, who, type Labels, type Viewer, frameOf } from './layout.ts';
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

function draftsTable(drafts: readonly Draft[], labels: Labels, empty: string): SafeHtml {
  if (drafts.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table><thead><tr><th>Destination</th><th>Status</th><th>Level</th><th>Last change</th><th>By</th></tr></thead><tbody>
${drafts.map((d) => html`<tr>
<td><a href="/console/drafts/${d.id}">${d.name}</a> <span class="muted mono">${d.code}</span></td>
<td>${statusBadge(d.status)}${d.status === 'scheduled' ? html` <span class="small">${when(d.publishAt)}</span>` : ''}</td>
<td>${levelBadge(d.level)}</td>
<td class="small">${timeTag(d.updatedAt)}</td>
<td class="small wrap">${who(labels, d.updatedBy)}</td>
</tr>`)}
</tbody></table>`;
}

function calendarTable(items: readonly ReviewItem[], empty = 'Nothing is due for review.'): SafeHtml {
  if (items.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table><thead><tr><th>Destination</th><th>Level</th><th>Next review</th><th>State</th><th>Draft</th></tr></thead><tbody>
${items.map((item) => html`<tr>
<td><a href="/console/destinations/${item.code}">${item.name}</a> <span class="muted mono">${item.code}</span>${item.peerFlagged ? html` ${statusBadge('submitted', 'Another government flags it')}` : ''}</td>
<td>${levelBadge(item.level)}</td>
<td class="nowrap">${item.nextReviewDue ?? '—'}</td>
<td>${item.state === 'overdue' ? statusBadge('overdue', `${-item.days!} days overdue`) : item.state === 'due' ? statusBadge('due', item.days === 0 ? 'due today' : `due in ${item.days} days`) : statusBadge('not-set', 'no date')}</td>
<td>${item.openDraft ? html`<a href="/console/drafts/${item.openDraft.id}">${item.openDraft.status}</a>` : html`<span class="muted">—</span>`}</td>
</tr>`)}
</tbody></table>`;
}

function dashboardPage(viewer: Viewer, data: { drafts: readonly Draft[]; calendar: readonly ReviewItem[]; labels: Labels; signals: readonly PeerSignal[]; notice?: string }): string {
  const mine = data.drafts.filter((d) => d.authorId === viewer.user.id || d.updatedBy === viewer.user.id);
  const review = data.drafts.filter((d) => d.status === 'submitted');
  const ready = data.drafts.filter((d) => d.status === 'approved' || d.status === 'scheduled');
  return consolePage({
    title: 'Dashboard',
    ...frameOf(viewer),
    nav: 'dashboard',
    main: html`<div class="page-head"><div><h1>Dashboard</h1><p class="meta">Signed in as ${viewer.user.email} (${viewer.user.role}).</p></div>
<form method="get" action="/console/destinations" class="row"><div class="field flush"><label for="q" class="visually-hidden">Find a destination</label><input id="q" name="q" type="search" placeholder="Find a destination…"></div><button class="secondary" type="submit">Find</button></form></div>
${notice(data.notice)}
${card('Other governments above our level or telling their citizens to leave', peerSignalTable(data.signals, viewer.csrf), html`<a href="/compare/">Compare all</a>`)}
<div class="grid-2">
${card('Waiting for review', draftsTable(review, data.labels, 'No draft is waiting for review.'))}
${card('Approved and scheduled', draftsTable(ready, data.labels, 'Nothing is approved or scheduled.'))}
${card('Your drafts', draftsTable(mine, data.labels, 'You have no open drafts. Open a destination to start one.'))}
${card('All open drafts', draftsTable(data.drafts, data.labels, 'There are no open drafts.'))}
</div>
${card('Review calendar: flagged by other governments, overdue and due soon', calendarTable(data.calendar), html`<a href="/console/calendar">Full calendar</a>`)}`,
  });
}

function calendarPage(viewer: Viewer, items: readonly ReviewItem[], days: number): string {
  return consolePage({
    title: 'Review calendar',
    ...frameOf(viewer),
    nav: 'calendar',
    main: html`<div class="page-head"><div><h1>Review calendar</h1>
<p class="meta">Advisories another government flags first (above our level, or telling its citizens to leave), then those past their next review date or due within ${days} days, Level 4 and 3 first. Open one to start a draft, or reissue it unchanged after review.</p></div>
<form method="get" class="row"><div class="field flush"><label for="days">Due within (days)</label><input id="days" name="days" type="number" min="0" max="366" value="${days}" class="pos"></div><button class="secondary" type="submit">Show</button></form></div>
<div class="card">${calendarTable(items)}</div>`,
  });
}
