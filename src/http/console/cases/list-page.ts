import type { CaseSummary } from '../../../cases/records.ts';
import { CASE_PRIORITIES, CASE_TYPES, WRONGFUL } from '../../../domain/cases.ts';
import { can } from '../../../domain/roles.ts';
import type { Translator } from '../../../i18n/translator.ts';
import { html, type SafeHtml } from '../../html.ts';
import { refusalSummary, translatedErrors } from '../crisis-refusals.ts';
import { say } from '../crisis-text.ts';
import { card, consolePage, csrfField, fieldErrors, notice, timeTag, type FieldMessage, type Viewer, frameOf } from '../layout.ts';

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

export function flagBadges(tr: Translator, c: CaseSummary): SafeHtml {
  const days = String(c.access?.days ?? 0);
  return html`${c.flags.needHelp ? html`<span class="badge status status-overdue">${say(tr, 'consoleCases.needsHelp')}</span> ` : ''}${c.flags.accessOverdue ? html`<span class="badge status status-overdue" title="${tr.t('consoleCases.accessOverdueTitle', { days: String(c.access?.thresholdDays ?? 14) })}">${say(tr, 'consoleCases.accessOverdue', { days })}</span> ` : ''}${c.flags.dualNational ? html`<span class="badge status status-due">${say(tr, 'consoleCases.dualNational')}</span> ` : ''}`;
}

export function statusBadgeOf(tr: Translator, c: CaseSummary): SafeHtml {
  const style = c.status === 'closed' ? 'status-published' : c.status === 'in_progress' ? 'status-submitted' : 'status-due';
  return html`<span class="badge status ${style}">${tr.t('consoleCases.statusBadge', { status: c.status })}</span>`;
}

/** A case's type as staff read it, or "to triage" when it has none yet. */
export const typeLabel = (tr: Translator, type: string | null): string => (type ? tr.t('consoleCases.type', { type }) : tr.t('consoleCases.toTriage'));

/** The type choices a role may pick: wrongful detention only for admins (or when it is already the type). */
export function typeOptions(tr: Translator, role: Parameters<typeof can>[0], current: string | null): SafeHtml[] {
  return CASE_TYPES.filter((t) => t !== WRONGFUL || can(role, 'administer') || current === WRONGFUL)
    .map((t) => html`<option value="${t}"${current === t ? html` selected` : ''}>${typeLabel(tr, t)}</option>`);
}

/** The priority choices, the stored value sent and its name shown. */
export function priorityOptions(tr: Translator, current: string): SafeHtml[] {
  return CASE_PRIORITIES.map((p) => (tr.locale === 'en'
    // English pages have always sent the option's text, which is the stored value.
    ? html`<option${current === p ? html` selected` : ''}>${p}</option>`
    : html`<option value="${p}"${current === p ? html` selected` : ''}>${tr.t('consoleCases.priority', { priority: p })}</option>`));
}

export function casesListPage(viewer: Viewer, cases: readonly CaseSummary[], form: { model: OpenForm; errors: readonly FieldMessage[]; notice?: string }): string {
  const model = form.model;
  const { tr } = viewer;
  const said = translatedErrors(tr, form.errors);
  const col = (id: 'case' | 'type' | 'status' | 'priority' | 'country' | 'assignee' | 'updated') => html`<th scope="col">${say(tr, `consoleCases.col.${id}`)}</th>`;
  return consolePage({
    title: tr.t('consoleCases.title'),
    ...frameOf(viewer),
    nav: 'cases',
    main: html`<div class="page-head"><div><h1>${say(tr, 'consoleCases.title')}</h1>
<p class="meta">${say(tr, 'consoleCases.intro')}</p></div></div>
${notice(form.notice)}
${card(say(tr, 'consoleCases.every'), cases.length === 0 ? html`<p class="empty">${say(tr, 'consoleCases.none')}</p>` : html`<table><thead><tr>${col('case')}${col('type')}${col('status')}${col('priority')}${col('country')}${col('assignee')}${col('updated')}</tr></thead><tbody>
${cases.map((c) => html`<tr><td><a href="/console/cases/${c.id}">${c.title}</a> ${flagBadges(tr, c)}</td><td class="small">${c.typeLabel === null ? tr.t('consoleCases.toTriage') : typeLabel(tr, c.type)}</td><td>${statusBadgeOf(tr, c)}</td><td class="small">${tr.t('consoleCases.priority', { priority: c.priority })}</td>
<td class="small">${c.country}</td><td class="small">${c.assignee?.email ?? '—'}</td><td class="nowrap small">${timeTag(c.updatedAt)}</td></tr>`)}
</tbody></table>`)}
${card(say(tr, 'consoleCases.open'), html`${refusalSummary(tr, form.errors, tr.t('consoleCases.openErrors'))}
<form method="post" action="/console/cases">${csrfField(viewer.csrf)}
<div class="field"><label for="f-title">${say(tr, 'consoleCases.field.title')}</label>${fieldErrors(said, 'title')}<input id="f-title" name="title" type="text" value="${model.title}"></div>
<div class="field"><label for="f-country">${say(tr, 'consoleCases.field.country')}</label><p class="hint">${say(tr, 'consoleCases.hint.country')}</p>${fieldErrors(said, 'country')}<input id="f-country" name="country" type="text" value="${model.country}"></div>
<div class="field"><label for="f-type">${say(tr, 'consoleCases.col.type')}</label>${fieldErrors(said, 'type')}<select id="f-type" name="type"><option value="">${say(tr, 'consoleCases.toTriage')}</option>${typeOptions(tr, viewer.user.role, model.type || null)}</select></div>
<div class="field"><label for="f-priority">${say(tr, 'consoleCases.col.priority')}</label><select id="f-priority" name="priority">${priorityOptions(tr, model.priority)}</select></div>
<div class="field"><label for="f-note">${say(tr, 'consoleCases.field.note')}</label>${fieldErrors(said, 'note')}<textarea id="f-note" name="note" rows="3">${model.note}</textarea></div>
<button type="submit">${say(tr, 'consoleCases.openButton')}</button></form>`)}`,
  });
}
