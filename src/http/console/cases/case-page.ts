import type { CaseRecord } from '../../../cases/records.ts';
import { ACCESS_KINDS, CASE_PRIORITIES, CASE_STATUS_LABELS, CASE_STATUSES, CONTACT_CHANNELS, isDetention, PERSON_RELATIONS } from '../../../domain/cases.ts';
import type { StaffUser } from '../../../staff/users.ts';
import { html, type SafeHtml } from '../../html.ts';
import { card, consolePage, csrfField, notice, timeTag, type Viewer, frameOf } from '../layout.ts';
import { flagBadges, statusBadgeOf, typeOptions } from './list-page.ts';

/**
 * One case in the console: its flags, the change form (status with outcome, priority, type,
 * assignee), the people linked, the notes (append-only), the contact log and, for detention
 * cases, the consular access log with days since last access.
 */

const form = (viewer: Viewer, action: string, body: SafeHtml, button: string) =>
  html`<form method="post" action="${action}">${csrfField(viewer.csrf)}${body}<button type="submit">${button}</button></form>`;
const field = (name: string, label: string, input: SafeHtml) => html`<div class="field"><label for="f-${name}">${label}</label>${input}</div>`;
const text = (name: string, label: string) => field(name, label, html`<input id="f-${name}" name="${name}" type="text">`);
const choice = (name: string, label: string, values: readonly string[]) =>
  field(name, label, html`<select id="f-${name}" name="${name}">${values.map((v) => html`<option value="${v}">${v.replaceAll('_', ' ')}</option>`)}</select>`);

function changeCard(viewer: Viewer, c: CaseRecord, assignees: readonly StaffUser[]): SafeHtml {
  return card('Change', form(viewer, `/console/cases/${c.id}`, html`<div class="row">
${field('status', 'Status', html`<select id="f-status" name="status">${CASE_STATUSES.map((s) => html`<option value="${s}"${c.status === s ? html` selected` : ''}>${CASE_STATUS_LABELS[s]}</option>`)}</select>`)}
${field('priority', 'Priority', html`<select id="f-priority" name="priority">${CASE_PRIORITIES.map((p) => html`<option${c.priority === p ? html` selected` : ''}>${p}</option>`)}</select>`)}
${field('type', 'Type', html`<select id="f-type" name="type"><option value="">to triage</option>${typeOptions(viewer.user.role, c.type)}</select>`)}
${field('assigneeId', 'Assignee', html`<select id="f-assigneeId" name="assigneeId"><option value="">nobody</option>${assignees.map((u) => html`<option value="${u.id}"${c.assignee?.id === u.id ? html` selected` : ''}>${u.email}</option>`)}</select>`)}
</div>
${field('outcome', 'Outcome (when closing)', html`<input id="f-outcome" name="outcome" type="text">`)}`, 'Save'));
}

function accessCard(viewer: Viewer, c: CaseRecord): SafeHtml | '' {
  if (!isDetention(c.type)) return '';
  const state = c.access;
  return card('Consular access log', html`<p>${state?.lastAccess ? html`Last access on ${state.lastAccess}: <strong>${state.days} days ago</strong>.` : html`No access yet: <strong>${state?.days ?? 0} days</strong> since the case was opened.`}
${state?.overdue ? html` <span class="badge status status-overdue">past the ${state.thresholdDays}-day threshold</span>` : ''}</p>
${c.accessLog.length ? html`<table><thead><tr><th scope="col">Day</th><th scope="col">What</th><th scope="col">Note</th><th scope="col">Recorded by</th></tr></thead><tbody>
${[...c.accessLog].reverse().map((a) => html`<tr><td class="nowrap">${a.date}</td><td>${a.kind}</td><td class="small">${a.note ?? ''}</td><td class="small">${a.recordedBy}</td></tr>`)}</tbody></table>` : ''}
${form(viewer, `/console/cases/${c.id}/access`, html`<div class="row">${choice('kind', 'What happened', ACCESS_KINDS)}${field('date', 'Day', html`<input id="f-date" name="date" type="date">`)}${text('access-note', 'Note')}</div>`, 'Add to the access log')}`);
}

export function casePage(viewer: Viewer, c: CaseRecord, assignees: readonly StaffUser[], options: { notice?: string; problem?: string } = {}): string {
  return consolePage({
    title: `Case ${c.id}`,
    ...frameOf(viewer),
    nav: 'cases',
    main: html`<p><a href="/console/cases">All cases</a></p>
<div class="page-head"><div><h1>${c.title}</h1>
<p class="meta">Case ${c.id} · ${c.typeLabel ?? 'to triage'} · ${statusBadgeOf(c)} · priority ${c.priority} · ${c.country} · opened ${timeTag(c.openedAt)} by ${c.openedBy}${c.crisisId ? html` · <a href="/console/crises/${c.crisisId}">crisis ${c.crisisId}</a>` : ''}</p>
<p>${flagBadges(c)}</p>${c.outcome ? html`<p>Outcome: ${c.outcome}</p>` : ''}</div></div>
${notice(options.notice)}
${options.problem ? html`<div class="problem" role="alert"><h2>Nothing was saved</h2><p>${options.problem}</p></div>` : ''}
${changeCard(viewer, c, assignees)}
${card('People', html`${c.people.length ? html`<ul>${c.people.map((p) => html`<li>${p.name} – ${p.relation.replaceAll('_', ' ')}${p.relation === 'next_of_kin' ? (p.consent ? ' (consented to be told)' : ' (no consent: tell them nothing)') : ''}${p.citizenships.length ? html` · citizenships ${p.citizenships.join(', ')}` : ''}${p.travellerId ? html` · enrolled traveller` : ''}</li>`)}</ul>` : html`<p class="empty">Nobody linked.</p>`}
${form(viewer, `/console/cases/${c.id}/people`, html`<div class="row">${text('name', 'Name')}${choice('relation', 'Relation', PERSON_RELATIONS)}${text('citizenships', 'Citizenships (comma-separated)')}<div class="field"><label><input type="checkbox" name="consent" value="true"> consent given</label></div></div>`, 'Link')}`)}
${accessCard(viewer, c)}
${card('Notes', html`${c.notes.length ? html`<ol class="items">${c.notes.map((n) => html`<li><p class="small">${timeTag(n.at)} · ${n.author}${n.kind === 'note' ? '' : html` · ${n.kind}`}</p><p class="pre-line">${n.body}</p></li>`)}</ol>` : html`<p class="empty">No notes.</p>`}
${form(viewer, `/console/cases/${c.id}/notes`, field('body', 'Add a note (notes cannot be changed later)', html`<textarea id="f-body" name="body" rows="3"></textarea>`), 'Add the note')}`)}
${card('Contact log', html`${c.contacts.length ? html`<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">How</th><th scope="col">What</th></tr></thead><tbody>
${c.contacts.map((k) => html`<tr><td class="nowrap small">${timeTag(k.at)}</td><td>${k.direction === 'incoming' ? 'from' : 'to'} ${k.party}</td><td class="small">${k.channel}</td><td class="small">${k.summary}</td></tr>`)}</tbody></table>` : html`<p class="empty">No contacts logged.</p>`}
${form(viewer, `/console/cases/${c.id}/contacts`, html`<div class="row">${choice('direction', 'Direction', ['outgoing', 'incoming'])}${choice('channel', 'Channel', CONTACT_CHANNELS)}${text('party', 'Who')}</div>${field('summary', 'What was said', html`<textarea id="f-summary" name="summary" rows="2"></textarea>`)}`, 'Log the contact')}`)}`,
  });
}
