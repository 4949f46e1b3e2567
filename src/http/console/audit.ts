import type { FastifyInstance } from 'fastify';
import { AUDIT_ACTIONS, CASE_AUDIT_PREFIX, searchAudit, type AuditEntry, type AuditFilter } from '../../publishing/audit.ts';
import { can } from '../../domain/roles.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { say } from './crisis-text.ts';
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

/** An audit action's name in the staff member's language; the stored name ("case-opened") in English. */
const actionName = (tr: Translator, action: string) => tr.t('consoleNotifications.audit.actionName', { action: action.replaceAll('-', '_') });

/** The action filter: the stored name is what the query carries, the option shows its name. */
function actionOption(tr: Translator, action: string, selected: boolean): SafeHtml {
  // English pages have always sent the option's text, which is the stored name.
  if (tr.locale === 'en') return html`<option${selected ? html` selected` : ''}>${action}</option>`;
  return html`<option value="${action}"${selected ? html` selected` : ''}>${actionName(tr, action)}</option>`;
}

function auditPage(viewer: Viewer, entries: readonly AuditEntry[], filter: AuditFilter & { q?: string }, next: string | null): string {
  const { tr } = viewer;
  const label = (id: 'words' | 'action' | 'destination' | 'from' | 'to', control: string) => html`<label for="${control}">${say(tr, `consoleNotifications.audit.${id}`)}</label>`;
  return consolePage({
    title: tr.t('consoleNotifications.audit.title'),
    ...frameOf(viewer),
    nav: 'audit',
    main: html`<div class="page-head"><div><h1>${say(tr, 'consoleNotifications.audit.title')}</h1><p class="meta">${say(tr, 'consoleNotifications.audit.intro')}</p></div></div>
<form method="get" class="card row" role="search">
<div class="field">${label('words', 'q')}<input id="q" name="q" type="search" value="${filter.q ?? ''}" placeholder="${tr.t('consoleNotifications.audit.wordsPlaceholder')}"></div>
<div class="field">${label('action', 'action')}<select id="action" name="action"><option value="">${say(tr, 'consoleNotifications.audit.any')}</option>${AUDIT_ACTIONS.filter((a) => filter.cases || !a.startsWith(CASE_AUDIT_PREFIX)).map((a) => actionOption(tr, a, filter.action === a))}</select></div>
<div class="field">${label('destination', 'destination')}<input id="destination" name="destination" type="text" value="${filter.destination ?? ''}" placeholder="RU" maxlength="2"></div>
<div class="field">${label('from', 'from')}<input id="from" name="from" type="date" value="${filter.from ?? ''}"></div>
<div class="field">${label('to', 'to')}<input id="to" name="to" type="date" value="${filter.to ?? ''}"></div>
<div class="field shrink"><button type="submit">${say(tr, 'consoleNotifications.audit.search')}</button></div>
</form>
<div class="card">${auditTable(entries, {}, tr)}${next ? html`<p class="top"><a href="${next}">${say(tr, 'consoleNotifications.audit.older')}</a></p>` : ''}</div>`,
  });
}

const ENGLISH = translator('en');

/** The entries as a table; pages that pass no translator (the destination page) get English. */
export function auditTable(entries: readonly AuditEntry[], options: { showDestination?: boolean } = {}, tr: Translator = ENGLISH): SafeHtml {
  if (entries.length === 0) return html`<p class="empty">${say(tr, 'consoleNotifications.audit.none')}</p>`;
  const head = (id: 'when' | 'who' | 'what' | 'detail') => html`<th>${say(tr, `consoleNotifications.audit.col.${id}`)}</th>`;
  return html`<table><thead><tr>${head('when')}${head('who')}<th>${say(tr, 'consoleNotifications.audit.action')}</th>${options.showDestination !== false ? html`<th>${say(tr, 'consoleNotifications.audit.destination')}</th>` : ''}${head('what')}${head('detail')}</tr></thead><tbody>
${entries.map((e) => html`<tr>
<td class="nowrap">${timeTag(e.at)}</td>
<td>${e.actor}</td>
<td><span class="badge status">${actionName(tr, e.action)}</span></td>
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
