import type { AdvisoryContent } from '../../domain/advisory.ts';
import type { Destination } from '../../domain/destinations.ts';
import type { SideBySideRow } from '../../domain/diff.ts';
import { INDICATOR_NAMES, INDICATORS } from '../../domain/indicators.ts';
import { LEVEL_LABELS, LEVELS, type Level } from '../../domain/levels.ts';
import { ROLE_DESCRIPTIONS, STAFF_ROLES, type WorkflowAction } from '../../domain/workflow.ts';
import type { AuditEntry, AuditFilter } from '../../publishing/audit.ts';
import { AUDIT_ACTIONS } from '../../publishing/audit.ts';
import type { ReviewItem } from '../../publishing/calendar.ts';
import type { Draft } from '../../publishing/draft-record.ts';
import type { StoredRevision } from '../../publishing/revisions.ts';
import type { ApiToken } from '../../staff/tokens.ts';
import type { StaffUser } from '../../staff/users.ts';
import { html, type SafeHtml } from '../html.ts';
import { riskIndicators, type EditorModel } from './form.ts';
import {
  card, consolePage, csrfField, errorSummary, fieldErrors, hasError, levelBadge, levelBadgeLong, notice, statusBadge, timeTag, when,
  type FieldMessage,
} from './layout.ts';
import { advisoryPreview, diffLegend, sideBySideView } from './views.ts';

export interface Viewer {
  user: StaffUser;
  csrf: string;
}

type Labels = ReadonlyMap<number, string>;

const who = (labels: Labels, id: number | null | undefined) => (id ? labels.get(id) ?? `user ${id}` : '—');

// ---- Sign in ----

export function signInPage(options: { email?: string; error?: string; csrf: string; next?: string; notice?: string }): string {
  return consolePage({
    title: 'Sign in',
    user: null,
    main: html`<div class="sign-in">
<div class="card">
<h1>Sign in to the console</h1>
${notice(options.notice)}
${options.error ? html`<div class="problem" role="alert"><p>${options.error}</p></div>` : ''}
<form method="post" action="/console/sign-in" novalidate>
${csrfField(options.csrf)}
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ''}
<div class="field"><label for="email">E-mail address</label><input id="email" name="email" type="email" autocomplete="username" value="${options.email ?? ''}" required></div>
<div class="field"><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
<button type="submit">Sign in</button>
</form>
</div>
<p class="small muted">Staff accounts are created by an admin, or with <code>waypost users add</code>.</p>
</div>`,
  });
}

// ---- Dashboard ----

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

export function calendarTable(items: readonly ReviewItem[], empty = 'Nothing is due for review.'): SafeHtml {
  if (items.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table><thead><tr><th>Destination</th><th>Level</th><th>Next review</th><th>State</th><th>Draft</th></tr></thead><tbody>
${items.map((item) => html`<tr>
<td><a href="/console/destinations/${item.code}">${item.name}</a> <span class="muted mono">${item.code}</span></td>
<td>${levelBadge(item.level)}</td>
<td class="nowrap">${item.nextReviewDue ?? '—'}</td>
<td>${item.state === 'overdue' ? statusBadge('overdue', `${-item.days!} days overdue`) : item.state === 'due' ? statusBadge('due', item.days === 0 ? 'due today' : `due in ${item.days} days`) : statusBadge('not-set', 'no date')}</td>
<td>${item.openDraft ? html`<a href="/console/drafts/${item.openDraft.id}">${item.openDraft.status}</a>` : html`<span class="muted">—</span>`}</td>
</tr>`)}
</tbody></table>`;
}

export function dashboardPage(viewer: Viewer, data: { drafts: readonly Draft[]; calendar: readonly ReviewItem[]; labels: Labels; notice?: string }): string {
  const mine = data.drafts.filter((d) => d.authorId === viewer.user.id || d.updatedBy === viewer.user.id);
  const review = data.drafts.filter((d) => d.status === 'submitted');
  const ready = data.drafts.filter((d) => d.status === 'approved' || d.status === 'scheduled');
  return consolePage({
    title: 'Dashboard',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'dashboard',
    main: html`<div class="page-head"><div><h1>Dashboard</h1><p class="meta">Signed in as ${viewer.user.email} (${viewer.user.role}).</p></div>
<form method="get" action="/console/destinations" class="row"><div class="field flush"><label for="q" class="visually-hidden">Find a destination</label><input id="q" name="q" type="search" placeholder="Find a destination…"></div><button class="secondary" type="submit">Find</button></form></div>
${notice(data.notice)}
<div class="grid-2">
${card('Waiting for review', draftsTable(review, data.labels, 'No draft is waiting for review.'))}
${card('Approved and scheduled', draftsTable(ready, data.labels, 'Nothing is approved or scheduled.'))}
${card('Your drafts', draftsTable(mine, data.labels, 'You have no open drafts. Open a destination to start one.'))}
${card('All open drafts', draftsTable(data.drafts, data.labels, 'There are no open drafts.'))}
</div>
${card('Review calendar: overdue and due soon', calendarTable(data.calendar), html`<a href="/console/calendar">Full calendar</a>`)}`,
  });
}

export function calendarPage(viewer: Viewer, items: readonly ReviewItem[], days: number): string {
  return consolePage({
    title: 'Review calendar',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'calendar',
    main: html`<div class="page-head"><div><h1>Review calendar</h1>
<p class="meta">Advisories past their next review date or due within ${days} days, Level 4 and 3 first. Open one to start a draft, or reissue it unchanged after review.</p></div>
<form method="get" class="row"><div class="field flush"><label for="days">Due within (days)</label><input id="days" name="days" type="number" min="0" max="366" value="${days}" class="pos"></div><button class="secondary" type="submit">Show</button></form></div>
<div class="card">${calendarTable(items)}</div>`,
  });
}

// ---- Destinations ----

export interface DestinationRow {
  code: string;
  name: string;
  level: Level | null;
  publishedAt: string | null;
  nextReviewDue: string | null;
  draft: { id: number; status: Draft['status'] } | null;
}

export function destinationsPage(viewer: Viewer, rows: readonly DestinationRow[], q: string): string {
  return consolePage({
    title: 'Destinations',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'destinations',
    main: html`<div class="page-head"><div><h1>Destinations</h1><p class="meta">${rows.length} shown. Each has one current advisory and at most one open draft.</p></div>
<form method="get" class="row"><div class="field flush"><label for="q" class="visually-hidden">Name or code</label><input id="q" name="q" type="search" value="${q}" placeholder="Name or ISO code"></div><button class="secondary" type="submit">Filter</button></form></div>
<div class="card"><table><thead><tr><th>Destination</th><th>Code</th><th>Level</th><th>Published</th><th>Next review</th><th>Open draft</th></tr></thead><tbody>
${rows.map((r) => html`<tr>
<td><a href="/console/destinations/${r.code}">${r.name}</a></td>
<td class="mono">${r.code}</td>
<td>${r.level ? levelBadge(r.level) : html`<span class="muted">no advisory</span>`}</td>
<td class="nowrap">${r.publishedAt ? when(r.publishedAt).slice(0, 10) : '—'}</td>
<td class="nowrap">${r.nextReviewDue ?? '—'}</td>
<td>${r.draft ? html`<a href="/console/drafts/${r.draft.id}">${statusBadge(r.draft.status)}</a>` : ''}</td>
</tr>`)}
</tbody></table></div>`,
  });
}

export function auditTable(entries: readonly AuditEntry[], options: { showDestination?: boolean } = {}): SafeHtml {
  if (entries.length === 0) return html`<p class="empty">No entries.</p>`;
  return html`<table><thead><tr><th>When</th><th>Who</th><th>Action</th>${options.showDestination !== false ? html`<th>Destination</th>` : ''}<th>What</th><th>Detail</th></tr></thead><tbody>
${entries.map((e) => html`<tr>
<td class="nowrap">${timeTag(e.at)}</td>
<td>${e.actor}</td>
<td><span class="badge status">${e.action}</span></td>
${options.showDestination !== false ? html`<td>${e.destination ? html`<a href="/console/destinations/${e.destination}">${e.destination}</a>` : ''}</td>` : ''}
<td>${auditSubject(e)}</td>
<td class="small muted">${auditDetail(e.detail)}</td>
</tr>`)}
</tbody></table>`;
}

function auditSubject(entry: AuditEntry): SafeHtml {
  const draft = /^draft (\d+)$/.exec(entry.subject);
  if (draft) return html`<a href="/console/drafts/${draft[1]}">${entry.subject}</a>`;
  return html`${entry.subject}`;
}

function auditDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(' · ')
    .slice(0, 400);
}

export interface DestinationView {
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

export function destinationPage(viewer: Viewer, view: DestinationView): string {
  const { destination, current, history } = view;
  const open = view.drafts.find((d) => d.status !== 'published');
  const published = view.drafts.filter((d) => d.status === 'published');
  const newest = history[0]?.revision ?? 1;
  const older = history[1]?.revision ?? newest;
  return consolePage({
    title: destination.name,
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">Destinations</a> ›</div>
<div class="page-head"><div><h1>${destination.name} <span class="muted mono">${destination.code}</span></h1>
<p class="meta">${current ? html`${levelBadgeLong(current.level)} ${current.departureUrged ? html`<span class="badge urged">Departure urged</span>` : ''} · revision ${current.revision}, published ${when(current.publishedAt)} · next review ${current.nextReviewDue ?? 'not set'} · source ${current.source.authority}` : 'No advisory is published yet.'}</p></div>
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

export function compareRevisionsPage(viewer: Viewer, destination: Destination, from: StoredRevision, to: StoredRevision, rows: readonly SideBySideRow[]): string {
  return consolePage({
    title: `${destination.name}: revision ${from.revision} and ${to.revision}`,
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">Destinations</a> › <a href="/console/destinations/${destination.code}">${destination.name}</a> ›</div>
<div class="page-head"><div><h1>${destination.name}: revision ${from.revision} → ${to.revision}</h1>
<p class="meta">${to.changeType} change · ${to.changeNote}</p></div>${diffLegend()}</div>
${sideBySideView(rows, { before: `Revision ${from.revision} · ${when(from.publishedAt)}`, after: `Revision ${to.revision} · ${when(to.publishedAt)}` })}`,
  });
}

// ---- Drafts ----

function draftHead(draft: Draft, current: 'overview' | 'edit' | 'diff', canEdit: boolean): SafeHtml {
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

export function draftPage(viewer: Viewer, view: DraftView): string {
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

export function draftDiffPage(viewer: Viewer, draft: Draft, current: StoredRevision | undefined, rows: readonly SideBySideRow[], canEdit: boolean): string {
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

// ---- The editor ----

export interface EditorView {
  draft: Draft;
  model: EditorModel;
  errors: readonly FieldMessage[];
  preview?: AdvisoryContent | null;
  notice?: string;
  /** Set on the conflict page: what someone else saved meanwhile. */
  conflict?: { rows: readonly SideBySideRow[]; savedBy: string };
}

function id(field: string): string {
  return `f-${field.replace(/\./g, '-')}`;
}

function textField(errors: readonly FieldMessage[], field: string, label: string, value: string, options: { hint?: string; type?: string; name?: string; rows?: number; markdown?: boolean } = {}): SafeHtml {
  const name = options.name ?? field;
  const control = options.rows
    ? html`<textarea id="${id(field)}" name="${name}" rows="${options.rows}"${options.markdown ? html` class="md"` : ''}>${value}</textarea>`
    : html`<input id="${id(field)}" name="${name}" type="${options.type ?? 'text'}" value="${value}">`;
  return html`<div class="field${hasError(errors, field) ? ' has-error' : ''}"><label for="${id(field)}">${label}</label>${options.hint ? html`<p class="hint">${options.hint}</p>` : ''}${fieldErrors(errors, field)}${control}</div>`;
}

function levelSelect(name: string, fieldId: string, value: string): SafeHtml {
  return html`<select id="${fieldId}" name="${name}">${LEVELS.map((level) => html`<option value="${level}"${String(level) === value ? html` selected` : ''}>Level ${level}: ${LEVEL_LABELS[level]}</option>`)}
${value && !LEVELS.map(String).includes(value) ? html`<option value="${value}" selected>${value}</option>` : ''}</select>`;
}

function indicatorChecks(name: string, prefix: string, chosen: readonly string[]): SafeHtml {
  return html`<div class="checks">${INDICATORS.map((code) => html`<label><input type="checkbox" name="${name}" value="${code}" id="${prefix}-${code}"${chosen.includes(code) ? html` checked` : ''}> <span>${INDICATOR_NAMES[code]}<span class="code">${code}</span></span></label>`)}</div>`;
}

export function editorPage(viewer: Viewer, view: EditorView): string {
  const { draft, model, errors } = view;
  const riskOf = riskIndicators(model);
  const riskErrors = (indicator: string) => errors.filter((e) => /^risks\.\d+/.test(e.field) && riskOf[Number(e.field.split('.')[1])] === indicator);
  const sectionErrors = (i: number) => errors.filter((e) => e.field.startsWith(`sections.${i}.`) || e.field === `sections.${i}`);
  const regionErrors = (i: number) => errors.filter((e) => e.field.startsWith(`regions.${i}.`) || e.field === `regions.${i}`);
  const sections = [...model.sections, { slug: '', title: '', body: '' }];
  const regions = [...model.regions, { name: '', code: '', level: model.level || '1', indicators: [], summary: '' }];
  const title = view.conflict ? `${draft.name}: draft ${draft.id} changed while you edited` : `Edit ${draft.name}: draft ${draft.id}`;

  const form = html`<form method="post" action="/console/drafts/${draft.id}" id="editor" novalidate>
<button type="submit" name="op" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true">Save</button>
${csrfField(viewer.csrf)}
<input type="hidden" name="version" value="${model.version}">
<input type="hidden" name="sections_count" value="${sections.length}">
<input type="hidden" name="regions_count" value="${regions.length}">

<section class="card"><h2>Level and risks</h2>
<div class="row top-aligned">
<div class="field${hasError(errors, 'level') ? ' has-error' : ''}"><label for="f-level">Level</label>${fieldErrors(errors, 'level')}${levelSelect('level', 'f-level', model.level)}</div>
<div class="field${hasError(errors, 'departureUrged') ? ' has-error' : ''}"><span class="label">Departure</span>${fieldErrors(errors, 'departureUrged')}<label class="check" for="f-departureUrged"><input type="checkbox" id="f-departureUrged" name="departureUrged" value="yes"${model.departureUrged ? html` checked` : ''}> Urge citizens there to leave now</label></div>
<div class="field${hasError(errors, 'nextReviewDue') ? ' has-error' : ''}"><label for="f-nextReviewDue">Next review</label>${fieldErrors(errors, 'nextReviewDue')}<input id="f-nextReviewDue" name="nextReviewDue" type="date" value="${model.nextReviewDue}"><p class="hint">Empty: 6 months (Levels 3–4) or a year after publication.</p></div>
</div>
<fieldset class="field${hasError(errors, 'indicators') ? ' has-error' : ''}" id="f-indicators"><legend>Risk indicators</legend>${fieldErrors(errors, 'indicators')}${indicatorChecks('indicators', 'f-indicators', model.indicators)}</fieldset>
<fieldset><legend>The risks in the advisory's words</legend><p class="hint">One risk per line, next to its indicator; tick the indicator too.</p>
${INDICATORS.map((code) => {
    const mine = riskErrors(code);
    return html`<div class="risk-row${mine.length ? ' has-error' : ''}"><label for="f-risk-${code}">${INDICATOR_NAMES[code]}</label><div>${mine.map((e) => html`<p class="error" id="${id(e.field)}">${e.message}</p>`)}<textarea id="f-risk-${code}" name="risk_${code}" rows="${(model.risks[code] ?? '').split('\n').length > 1 ? 3 : 1}">${model.risks[code] ?? ''}</textarea></div></div>`;
  })}
</fieldset>
</section>

<section class="card"><h2>Summary</h2>
${textField(errors, 'summary', 'Summary', model.summary, { rows: 12, markdown: true, hint: 'Markdown: **bold**, lists with "- ", links as [text](https://…). Shown at the top of the advisory.' })}
</section>

<section class="card"><h2>Sections</h2><p class="hint">In the order of their positions. Change a position number, or use ↑ ↓ (both save the draft). Fill in the empty block at the end to add a section.</p>
${sections.map((section, i) => {
    const isNew = i === sections.length - 1;
    const mine = sectionErrors(i);
    return html`<div class="block${isNew ? ' new' : ''}${mine.length ? ' has-error' : ''}" id="${id(`sections.${i}`)}">
<div class="block-head">
<label for="s${i}_pos" class="visually-hidden">Position</label><input class="pos" type="number" id="s${i}_pos" name="s${i}_pos" value="${i + 1}" min="1">
<span class="title">${isNew ? 'New section' : section.title || 'Untitled section'}</span>
${isNew ? '' : html`<button class="icon" type="submit" name="op" value="up:${i}" aria-label="Move ${section.title} up"${i === 0 ? html` disabled` : ''}>↑</button><button class="icon" type="submit" name="op" value="down:${i}" aria-label="Move ${section.title} down"${i === sections.length - 2 ? html` disabled` : ''}>↓</button>
<label class="check small"><input type="checkbox" name="s${i}_remove" value="1"> Remove</label>`}
</div>
<input type="hidden" name="s${i}_slug" value="${section.slug}">
${mine.filter((e) => !e.field.endsWith('.title') && !e.field.endsWith('.body')).map((e) => html`<p class="error">${e.message}</p>`)}
${textField(errors, `sections.${i}.title`, 'Heading', section.title, { name: `s${i}_title` })}
${textField(errors, `sections.${i}.body`, 'Text (Markdown)', section.body, { name: `s${i}_body`, rows: isNew ? 4 : 7, markdown: true })}
${section.slug ? html`<p class="hint">Anchor: <span class="mono">#${section.slug}</span></p>` : ''}
</div>`;
  })}
</section>

<section class="card"><h2>Regional advice</h2><p class="hint">Parts of ${draft.name} with their own level. Code: the ISO 3166-2 subdivision code where one exists (e.g. ${draft.code}-…); leave it empty for a named area. Fill in the empty block to add a region.</p>
${regions.map((region, i) => {
    const isNew = i === regions.length - 1;
    const mine = regionErrors(i);
    return html`<div class="block${isNew ? ' new' : ''}${mine.length ? ' has-error' : ''}" id="${id(`regions.${i}`)}">
<div class="block-head"><span class="title">${isNew ? 'New region' : region.name || 'Unnamed region'}</span>${isNew ? '' : html`<label class="check small"><input type="checkbox" name="r${i}_remove" value="1"> Remove</label>`}</div>
<div class="row">
${textField(errors, `regions.${i}.name`, 'Name', region.name, { name: `r${i}_name` })}
${textField(errors, `regions.${i}.code`, 'ISO 3166-2 code', region.code, { name: `r${i}_code` })}
<div class="field${hasError(errors, `regions.${i}.level`) ? ' has-error' : ''}"><label for="${id(`regions.${i}.level`)}">Level</label>${fieldErrors(errors, `regions.${i}.level`)}${levelSelect(`r${i}_level`, id(`regions.${i}.level`), region.level)}</div>
</div>
<fieldset class="field${hasError(errors, `regions.${i}.indicators`) ? ' has-error' : ''}" id="${id(`regions.${i}.indicators`)}"><legend>Risk indicators</legend>${fieldErrors(errors, `regions.${i}.indicators`)}${indicatorChecks(`r${i}_ind`, `r${i}-ind`, region.indicators)}</fieldset>
${textField(errors, `regions.${i}.summary`, 'Advice (Markdown)', region.summary, { name: `r${i}_summary`, rows: 3, markdown: true })}
</div>`;
  })}
</section>

<section class="card"><h2>Change</h2>
<fieldset class="field${hasError(errors, 'changeType') ? ' has-error' : ''}" id="f-changeType"><legend>What kind of change is this?</legend>${fieldErrors(errors, 'changeType')}
<div class="radios">
<label><input type="radio" name="changeType" value="major"${model.changeType === 'major' ? html` checked` : ''}> <span><strong>Major</strong>: subscribers are told; published with today's date and the change note below.</span></label>
<label><input type="radio" name="changeType" value="minor"${model.changeType === 'minor' ? html` checked` : ''}> <span><strong>Minor</strong> (typo, wording): nobody is told; the published date and the public change note stay as they are.</span></label>
</div></fieldset>
${textField(errors, 'changeNote', 'Change note', model.changeNote, { rows: 2, hint: 'Public for a major change: one sentence on what changed (required). For a minor change, an internal note for the audit log.' })}
</section>
</form>`;

  const side = html`<div class="side">
<section class="card stack"><h2>Draft ${draft.id}</h2>
<p class="small">${statusBadge(draft.status)} version ${model.version}${view.conflict ? '' : html` · saved ${when(draft.updatedAt)}`}</p>
<button type="submit" form="editor" name="op" value="save">${view.conflict ? 'Save my version' : 'Save draft'}</button>
<button type="submit" form="editor" name="op" value="preview" class="secondary">Preview without saving</button>
<a class="button secondary" href="/console/drafts/${draft.id}/diff">Changes against published</a>
<a class="button secondary" href="/console/drafts/${draft.id}">Back to overview</a>
</section>
</div>`;

  return consolePage({
    title,
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'destinations',
    main: html`${draftHead(draft, 'edit', true)}
${notice(view.notice)}
${view.conflict ? html`<div class="problem" role="alert"><h2>${view.conflict.savedBy} saved this draft while you were editing it.</h2>
<p>Your changes are <strong>not saved yet</strong>, and nothing you typed is lost: it is all in the form below. Compare the two versions, bring over anything of theirs you want to keep, then choose “Save my version”.</p></div>
<section class="card"><div class="card-head"><h2>Their saved version and yours</h2>${diffLegend()}</div>${sideBySideView(view.conflict.rows, { before: `Saved by ${view.conflict.savedBy} · version ${draft.version}`, after: 'Yours · not saved' })}</section>` : ''}
${errorSummary(errors)}
${view.preview ? html`<section class="card"><div class="card-head"><h2>Preview (not saved)</h2><a href="#editor">Back to the form</a></div>${advisoryPreview(draft.name, view.preview)}</section>` : ''}
<div class="with-side"><div>${form}</div>${side}</div>`,
  });
}

// ---- Audit, tokens, staff, settings ----

export function auditPage(viewer: Viewer, entries: readonly AuditEntry[], filter: AuditFilter & { q?: string }, next: string | null): string {
  return consolePage({
    title: 'Audit log',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'audit',
    main: html`<div class="page-head"><div><h1>Audit log</h1><p class="meta">Every action in the console and the staff API: who, when, what. Newest first.</p></div></div>
<form method="get" class="card row" role="search">
<div class="field"><label for="q">Words</label><input id="q" name="q" type="search" value="${filter.q ?? ''}" placeholder="address, draft 12, reason…"></div>
<div class="field"><label for="action">Action</label><select id="action" name="action"><option value="">any</option>${AUDIT_ACTIONS.map((a) => html`<option${filter.action === a ? html` selected` : ''}>${a}</option>`)}</select></div>
<div class="field"><label for="destination">Destination</label><input id="destination" name="destination" type="text" value="${filter.destination ?? ''}" placeholder="RU" maxlength="2"></div>
<div class="field"><label for="from">From</label><input id="from" name="from" type="date" value="${filter.from ?? ''}"></div>
<div class="field"><label for="to">To</label><input id="to" name="to" type="date" value="${filter.to ?? ''}"></div>
<div class="field shrink"><button type="submit">Search</button></div>
</form>
<div class="card">${auditTable(entries)}${next ? html`<p class="top"><a href="${next}">Older entries</a></p>` : ''}</div>`,
  });
}

export function tokensPage(viewer: Viewer, tokens: readonly ApiToken[], options: { created?: { token: string; name: string }; notice?: string; all: boolean }): string {
  return consolePage({
    title: 'API tokens',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'tokens',
    main: html`<div class="page-head"><div><h1>API tokens</h1><p class="meta">For scripts that use the staff API: <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with your role.</p></div></div>
${notice(options.notice)}
${options.created ? html`<section class="card"><h2>Your new token “${options.created.name}”</h2><p>Copy it now: it is shown only this once, and only its hash is kept.</p><p class="secret" id="new-token">${options.created.token}</p></section>` : ''}
<div class="grid">
${card('Create a token', html`<form method="post" action="/console/tokens" class="row">${csrfField(viewer.csrf)}<div class="field"><label for="name">What it is for</label><input id="name" name="name" type="text" maxlength="100" placeholder="newsroom import script"></div><div class="field shrink"><button type="submit">Create token</button></div></form>`)}
</div>
${card(options.all ? 'All tokens' : 'Your tokens', tokens.length ? html`<table><thead><tr><th>Name</th>${options.all ? html`<th>Owner</th>` : ''}<th>Created</th><th>Last used</th><th>State</th><th></th></tr></thead><tbody>
${tokens.map((t) => html`<tr><td>${t.name}</td>${options.all ? html`<td>${t.userEmail}</td>` : ''}<td class="nowrap">${timeTag(t.createdAt)}</td><td class="nowrap">${timeTag(t.lastUsedAt)}</td>
<td>${t.revokedAt ? html`<span class="badge status">revoked ${when(t.revokedAt)}</span>` : html`<span class="badge status status-approved">active</span>`}</td>
<td>${t.revokedAt ? '' : html`<form method="post" action="/console/tokens/${t.id}/revoke">${csrfField(viewer.csrf)}<button class="small danger" type="submit">Revoke</button></form>`}</td></tr>`)}
</tbody></table>` : html`<p class="empty">No tokens.</p>`)}`,
  });
}

export function usersPage(viewer: Viewer, users: readonly StaffUser[], options: { created?: { email: string; password: string | null }; errors?: readonly FieldMessage[]; values?: { email?: string; role?: string; name?: string }; notice?: string }): string {
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  return consolePage({
    title: 'Staff',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'users',
    main: html`<div class="page-head"><div><h1>Staff accounts</h1><p class="meta">${STAFF_ROLES.map((r) => ROLE_DESCRIPTIONS[r]).join(' · ')}</p></div></div>
${notice(options.notice)}
${options.created ? html`<section class="card"><h2>Account created for ${options.created.email}</h2>${options.created.password ? html`<p>Their password, shown only this once (give it to them safely; they sign in at /console/sign-in):</p><p class="secret">${options.created.password}</p>` : ''}</section>` : ''}
${errorSummary(errors)}
${card('Add a staff member', html`<form method="post" action="/console/users" class="row">${csrfField(viewer.csrf)}
<div class="field${hasError(errors, 'email') ? ' has-error' : ''}"><label for="f-email">E-mail</label>${fieldErrors(errors, 'email')}<input id="f-email" name="email" type="email" value="${values.email ?? ''}"></div>
<div class="field"><label for="f-name">Name</label><input id="f-name" name="name" type="text" value="${values.name ?? ''}"></div>
<div class="field${hasError(errors, 'role') ? ' has-error' : ''}"><label for="f-role">Role</label>${fieldErrors(errors, 'role')}<select id="f-role" name="role">${STAFF_ROLES.map((r) => html`<option${values.role === r ? html` selected` : ''}>${r}</option>`)}</select></div>
<div class="field shrink"><button type="submit">Add</button></div>
</form><p class="hint">A strong password is generated and shown once.</p>`)}
${card('Accounts', html`<table><thead><tr><th>E-mail</th><th>Name</th><th>Role</th><th>State</th><th>Since</th><th>Change</th></tr></thead><tbody>
${users.map((u) => html`<tr><td>${u.email}</td><td>${u.name}</td><td>${u.role}</td><td>${u.disabled ? html`<span class="badge status status-overdue">disabled</span>` : html`<span class="badge status status-approved">active</span>`}</td><td class="nowrap small">${when(u.createdAt).slice(0, 10)}</td>
<td><form method="post" action="/console/users/${u.id}" class="row">${csrfField(viewer.csrf)}<label for="role-${u.id}" class="visually-hidden">Role of ${u.email}</label><select id="role-${u.id}" name="role">${STAFF_ROLES.map((r) => html`<option${u.role === r ? html` selected` : ''}>${r}</option>`)}</select>
<label class="check small"><input type="checkbox" name="disabled" value="yes"${u.disabled ? html` checked` : ''}> disabled</label><button class="small secondary" type="submit">Save</button></form></td></tr>`)}
</tbody></table>`)}`,
  });
}

export function settingsPage(viewer: Viewer, settings: { twoPersonRule: boolean }, message?: string): string {
  return consolePage({
    title: 'Settings',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'settings',
    main: html`<div class="page-head"><div><h1>Settings</h1></div></div>
${notice(message)}
${card('Two-person rule', html`<form method="post" action="/console/settings" class="stack">${csrfField(viewer.csrf)}
<label class="check"><input type="checkbox" name="twoPersonRule" value="on"${settings.twoPersonRule ? html` checked` : ''}> <span><strong>Whoever wrote or last edited a draft cannot approve it.</strong> On by default; turn it off only for a team too small to have a second reviewer. Changes are recorded in the audit log.</span></label>
<div><button type="submit">Save settings</button></div></form>`)}`,
  });
}

export function messagePage(user: StaffUser | null, csrf: string | undefined, title: string, message: string, link?: { href: string; label: string }): string {
  return consolePage({
    title,
    user,
    ...(csrf ? { csrf } : {}),
    main: html`<div class="card narrow"><h1>${title}</h1><p>${message}</p>${link ? html`<p><a class="button secondary" href="${link.href}">${link.label}</a></p>` : ''}</div>`,
  });
}
