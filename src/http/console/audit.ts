import type { FastifyInstance } from 'fastify';
import { AUDIT_ACTIONS, CASE_AUDIT_PREFIX, searchAudit, type AuditEntry, type AuditFilter } from '../../publishing/audit.ts';
import { can } from '../../domain/roles.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../replies.ts';
import { consolePage, timeTag, type Viewer, frameOf } from './layout.ts';
import { staffOf, viewerOf, type ConsoleScope } from './scope.ts';

/** The audit log: every action in the console and the staff API, searchable, newest first. */

export async function auditRoutes(app: FastifyInstance, { store, guards: { read } }: ConsoleScope): Promise<void> {
  app.get('/console/audit', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const date = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
    const filter: AuditFilter = {
      ...(query.q ? { q: query.q.slice(0, 200) } : {}),
      ...(query.action && (AUDIT_ACTIONS as readonly string[]).includes(query.action) ? { action: query.action } : {}),
      ...(query.destination && /^[A-Za-z]{2}$/.test(query.destination) ? { destination: query.destination.toUpperCase() } : {}),
      ...(date(query.from) ? { from: date(query.from) } : {}),
      ...(date(query.to) ? { to: date(query.to) } : {}),
      ...(query.before && /^\d{1,12}$/.test(query.before) ? { before: Number(query.before) } : {}),
      limit: 100,
      // Entries about cases are for consular staff and admins only (docs/cases.md).
      cases: can(staffOf(request).user.role, 'cases'),
    };
    const entries = await searchAudit(store.db, filter);
    const next = entries.length === 100 ? `/console/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([k, v]) => k !== 'limit' && k !== 'before' && k !== 'cases' && v !== undefined).map(([k, v]) => [k, String(v)])), before: String(entries.at(-1)!.id) })}` : null;
    return page(reply, auditPage(viewerOf(request), entries, filter, next));
  });
}

function auditPage(viewer: Viewer, entries: readonly AuditEntry[], filter: AuditFilter & { q?: string }, next: string | null): string {
  return consolePage({
    title: 'Audit log',
    ...frameOf(viewer),
    nav: 'audit',
    main: html`<div class="page-head"><div><h1>Audit log</h1><p class="meta">Every action in the console and the staff API: who, when, what. Newest first.</p></div></div>
<form method="get" class="card row" role="search">
<div class="field"><label for="q">Words</label><input id="q" name="q" type="search" value="${filter.q ?? ''}" placeholder="address, draft 12, reason…"></div>
<div class="field"><label for="action">Action</label><select id="action" name="action"><option value="">any</option>${AUDIT_ACTIONS.filter((a) => filter.cases || !a.startsWith(CASE_AUDIT_PREFIX)).map((a) => html`<option${filter.action === a ? html` selected` : ''}>${a}</option>`)}</select></div>
<div class="field"><label for="destination">Destination</label><input id="destination" name="destination" type="text" value="${filter.destination ?? ''}" placeholder="RU" maxlength="2"></div>
<div class="field"><label for="from">From</label><input id="from" name="from" type="date" value="${filter.from ?? ''}"></div>
<div class="field"><label for="to">To</label><input id="to" name="to" type="date" value="${filter.to ?? ''}"></div>
<div class="field shrink"><button type="submit">Search</button></div>
</form>
<div class="card">${auditTable(entries)}${next ? html`<p class="top"><a href="${next}">Older entries</a></p>` : ''}</div>`,
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
