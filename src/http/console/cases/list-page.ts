import type { CaseSummary } from '../../../cases/records.ts';
import { CASE_PRIORITIES, CASE_TYPE_LABELS, CASE_TYPES, WRONGFUL } from '../../../domain/cases.ts';
import { can } from '../../../domain/roles.ts';
import { html, type SafeHtml } from '../../html.ts';
import { card, consolePage, csrfField, errorSummary, fieldErrors, notice, timeTag, type FieldMessage, type Viewer, frameOf } from '../layout.ts';

/**
 * The console's Cases list (consular staff and admins): open cases first, "I need help" not yet
 * triaged, then detention cases past the consular-access threshold, then by priority; each with
 * its flags. And the form that opens a case by hand.
 */

export interface OpenForm {
  title: string;
  country: string;
  type: string;
  priority: string;
  note: string;
}

export const emptyOpenForm: OpenForm = { title: '', country: '', type: '', priority: 'normal', note: '' };

export function flagBadges(c: CaseSummary): SafeHtml {
  return html`${c.flags.needHelp ? html`<span class="badge status status-overdue">needs help – triage</span> ` : ''}${c.flags.accessOverdue ? html`<span class="badge status status-overdue" title="more than ${c.access?.thresholdDays ?? 14} days">no consular access for ${c.access?.days ?? 0} days</span> ` : ''}${c.flags.dualNational ? html`<span class="badge status status-due">consular access may be refused (dual national)</span> ` : ''}`;
}

export function statusBadgeOf(c: CaseSummary): SafeHtml {
  const style = c.status === 'closed' ? 'status-published' : c.status === 'in_progress' ? 'status-submitted' : 'status-due';
  return html`<span class="badge status ${style}">${c.status.replaceAll('_', ' ')}</span>`;
}

/** The type choices a role may pick: wrongful detention only for admins (or when it is already the type). */
export function typeOptions(role: Parameters<typeof can>[0], current: string | null): SafeHtml[] {
  return CASE_TYPES.filter((t) => t !== WRONGFUL || can(role, 'administer') || current === WRONGFUL)
    .map((t) => html`<option value="${t}"${current === t ? html` selected` : ''}>${CASE_TYPE_LABELS[t]}</option>`);
}

export function casesListPage(viewer: Viewer, cases: readonly CaseSummary[], form: { model: OpenForm; errors: readonly FieldMessage[]; notice?: string }): string {
  const model = form.model;
  return consolePage({
    title: 'Cases',
    ...frameOf(viewer),
    nav: 'cases',
    main: html`<div class="page-head"><div><h1>Cases</h1>
<p class="meta">Assistance and consular cases. Open first: "I need help" answers to triage, then detention cases without consular access for too long. Every view and change is in the audit log.</p></div></div>
${notice(form.notice)}
${card('Every case', cases.length === 0 ? html`<p class="empty">There are no cases.</p>` : html`<table><thead><tr><th scope="col">Case</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Country</th><th scope="col">Assignee</th><th scope="col">Updated</th></tr></thead><tbody>
${cases.map((c) => html`<tr><td><a href="/console/cases/${c.id}">${c.title}</a> ${flagBadges(c)}</td><td class="small">${c.typeLabel ?? 'to triage'}</td><td>${statusBadgeOf(c)}</td><td class="small">${c.priority}</td>
<td class="small">${c.country}</td><td class="small">${c.assignee?.email ?? '—'}</td><td class="nowrap small">${timeTag(c.updatedAt)}</td></tr>`)}
</tbody></table>`)}
${card('Open a case', html`${errorSummary(form.errors, 'The case was not opened. Please correct:')}
<form method="post" action="/console/cases">${csrfField(viewer.csrf)}
<div class="field"><label for="f-title">Title</label>${fieldErrors(form.errors, 'title')}<input id="f-title" name="title" type="text" value="${model.title}"></div>
<div class="field"><label for="f-country">Country</label><p class="hint">Where the case is: ISO code or name.</p>${fieldErrors(form.errors, 'country')}<input id="f-country" name="country" type="text" value="${model.country}"></div>
<div class="field"><label for="f-type">Type</label>${fieldErrors(form.errors, 'type')}<select id="f-type" name="type"><option value="">to triage</option>${typeOptions(viewer.user.role, model.type || null)}</select></div>
<div class="field"><label for="f-priority">Priority</label><select id="f-priority" name="priority">${CASE_PRIORITIES.map((p) => html`<option${model.priority === p ? html` selected` : ''}>${p}</option>`)}</select></div>
<div class="field"><label for="f-note">First note (optional)</label>${fieldErrors(form.errors, 'note')}<textarea id="f-note" name="note" rows="3">${model.note}</textarea></div>
<button type="submit">Open the case</button></form>`)}`,
  });
}
