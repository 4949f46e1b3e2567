import type { CaseRecord } from '../../../cases/records.ts';
import { ACCESS_KINDS, CASE_STATUSES, CONTACT_CHANNELS, isDetention, PERSON_RELATIONS } from '../../../domain/cases.ts';
import type { MessageId } from '../../../i18n/catalog.ts';
import type { Translator } from '../../../i18n/translator.ts';
import type { StaffUser } from '../../../staff/users.ts';
import { html, type SafeHtml } from '../../html.ts';
import { say } from '../crisis-text.ts';
import { card, consolePage, csrfField, notice, timeTag, type Viewer, frameOf } from '../layout.ts';
import { flagBadges, priorityOptions, statusBadgeOf, typeLabel, typeOptions } from './list-page.ts';

/**
 * One case in the console: its flags, the change form (status with outcome, priority, type,
 * assignee), the people linked, the notes (append-only), the contact log and, for detention
 * cases, the consular access log with days since last access.
 */

const form = (viewer: Viewer, action: string, body: SafeHtml, button: SafeHtml) =>
  html`<form method="post" action="${action}">${csrfField(viewer.csrf)}${body}<button type="submit">${button}</button></form>`;
const field = (name: string, label: SafeHtml, input: SafeHtml) => html`<div class="field"><label for="f-${name}">${label}</label>${input}</div>`;
const text = (name: string, label: SafeHtml) => field(name, label, html`<input id="f-${name}" name="${name}" type="text">`);
/** A choice of stored values, each shown by its name in the staff member's language (`labelId` a select on `key`). */
const choice = (tr: Translator, name: string, label: SafeHtml, values: readonly string[], labelId: MessageId, key: string) =>
  field(name, label, html`<select id="f-${name}" name="${name}">${values.map((v) => html`<option value="${v}">${tr.t(labelId, { [key]: v })}</option>`)}</select>`);

function changeCard(viewer: Viewer, c: CaseRecord, assignees: readonly StaffUser[]): SafeHtml {
  const { tr } = viewer;
  return card(say(tr, 'consoleCases.change'), form(viewer, `/console/cases/${c.id}`, html`<div class="row">
${field('status', say(tr, 'consoleCases.col.status'), html`<select id="f-status" name="status">${CASE_STATUSES.map((s) => html`<option value="${s}"${c.status === s ? html` selected` : ''}>${tr.t('consoleCases.status', { status: s })}</option>`)}</select>`)}
${field('priority', say(tr, 'consoleCases.col.priority'), html`<select id="f-priority" name="priority">${priorityOptions(tr, c.priority)}</select>`)}
${field('type', say(tr, 'consoleCases.col.type'), html`<select id="f-type" name="type"><option value="">${say(tr, 'consoleCases.toTriage')}</option>${typeOptions(tr, viewer.user.role, c.type)}</select>`)}
${field('assigneeId', say(tr, 'consoleCases.col.assignee'), html`<select id="f-assigneeId" name="assigneeId"><option value="">${say(tr, 'consoleCases.nobody')}</option>${assignees.map((u) => html`<option value="${u.id}"${c.assignee?.id === u.id ? html` selected` : ''}>${u.email}</option>`)}</select>`)}
</div>
${field('outcome', say(tr, 'consoleCases.field.outcome'), html`<input id="f-outcome" name="outcome" type="text">`)}`, say(tr, 'consoleCases.save')));
}

function accessCard(viewer: Viewer, c: CaseRecord): SafeHtml | '' {
  if (!isDetention(c.type)) return '';
  const { tr } = viewer;
  const state = c.access;
  const last = state?.lastAccess
    ? say(tr, 'consoleCases.lastAccess', { date: html`${state.lastAccess}`, ago: html`<strong>${say(tr, 'consoleCases.daysAgo', { days: String(state.days) })}</strong>` })
    : say(tr, 'consoleCases.noAccess', { days: html`<strong>${say(tr, 'consoleCases.days', { days: String(state?.days ?? 0) })}</strong>` });
  return card(say(tr, 'consoleCases.accessLog'), html`<p>${last}
${state?.overdue ? html` <span class="badge status status-overdue">${say(tr, 'consoleCases.pastThreshold', { days: String(state.thresholdDays) })}</span>` : ''}</p>
${c.accessLog.length ? html`<table><thead><tr><th scope="col">${say(tr, 'consoleCases.col.day')}</th><th scope="col">${say(tr, 'consoleCases.col.what')}</th><th scope="col">${say(tr, 'consoleCases.col.note')}</th><th scope="col">${say(tr, 'consoleCases.col.recordedBy')}</th></tr></thead><tbody>
${[...c.accessLog].reverse().map((a) => html`<tr><td class="nowrap">${a.date}</td><td>${tr.t('consoleCases.accessKind', { kind: a.kind })}</td><td class="small">${a.note ?? ''}</td><td class="small">${a.recordedBy}</td></tr>`)}</tbody></table>` : ''}
${form(viewer, `/console/cases/${c.id}/access`, html`<div class="row">${choice(tr, 'kind', say(tr, 'consoleCases.field.kind'), ACCESS_KINDS, 'consoleCases.accessKind', 'kind')}${field('date', say(tr, 'consoleCases.col.day'), html`<input id="f-date" name="date" type="date">`)}${text('access-note', say(tr, 'consoleCases.col.note'))}</div>`, say(tr, 'consoleCases.addAccess'))}`);
}

function peopleCard(viewer: Viewer, c: CaseRecord): SafeHtml {
  const { tr } = viewer;
  const consent = (p: CaseRecord['people'][number]) => (p.relation === 'next_of_kin' ? say(tr, p.consent ? 'consoleCases.consented' : 'consoleCases.noConsent') : '');
  return card(say(tr, 'consoleCases.people'), html`${c.people.length ? html`<ul>${c.people.map((p) => html`<li>${p.name} – ${tr.t('consoleCases.relation', { relation: p.relation })}${consent(p)}${p.citizenships.length ? html` · ${say(tr, 'consoleCases.citizenships', { list: p.citizenships.join(', ') })}` : ''}${p.travellerId ? html` · ${say(tr, 'consoleCases.enrolled')}` : ''}</li>`)}</ul>` : html`<p class="empty">${say(tr, 'consoleCases.nobodyLinked')}</p>`}
${form(viewer, `/console/cases/${c.id}/people`, html`<div class="row">${text('name', say(tr, 'consoleCases.field.name'))}${choice(tr, 'relation', say(tr, 'consoleCases.field.relation'), PERSON_RELATIONS, 'consoleCases.relation', 'relation')}${text('citizenships', say(tr, 'consoleCases.field.citizenships'))}<div class="field"><label><input type="checkbox" name="consent" value="true"> ${say(tr, 'consoleCases.consentGiven')}</label></div></div>`, say(tr, 'consoleCases.link'))}`);
}

function contactsCard(viewer: Viewer, c: CaseRecord): SafeHtml {
  const { tr } = viewer;
  const head = (['when', 'who', 'how', 'what'] as const).map((k) => html`<th scope="col">${say(tr, `consoleCases.col.${k}`)}</th>`);
  return card(say(tr, 'consoleCases.contactLog'), html`${c.contacts.length ? html`<table><thead><tr>${head}</tr></thead><tbody>
${c.contacts.map((k) => html`<tr><td class="nowrap small">${timeTag(k.at)}</td><td>${say(tr, 'consoleCases.contactParty', { direction: k.direction, party: html`${k.party}` })}</td><td class="small">${tr.t('consoleCases.channel', { channel: k.channel })}</td><td class="small">${k.summary}</td></tr>`)}</tbody></table>` : html`<p class="empty">${say(tr, 'consoleCases.noContacts')}</p>`}
${form(viewer, `/console/cases/${c.id}/contacts`, html`<div class="row">${choice(tr, 'direction', say(tr, 'consoleCases.field.direction'), ['outgoing', 'incoming'], 'consoleCases.direction', 'direction')}${choice(tr, 'channel', say(tr, 'consoleCases.field.channel'), CONTACT_CHANNELS, 'consoleCases.channel', 'channel')}${text('party', say(tr, 'consoleCases.field.party'))}</div>${field('summary', say(tr, 'consoleCases.field.summary'), html`<textarea id="f-summary" name="summary" rows="2"></textarea>`)}`, say(tr, 'consoleCases.logContact'))}`);
}

export function casePage(viewer: Viewer, c: CaseRecord, assignees: readonly StaffUser[], options: { notice?: string; problem?: string } = {}): string {
  const { tr } = viewer;
  const meta = say(tr, 'consoleCases.meta', {
    id: String(c.id), type: c.typeLabel === null ? tr.t('consoleCases.toTriage') : typeLabel(tr, c.type), status: statusBadgeOf(tr, c),
    priority: tr.t('consoleCases.priority', { priority: c.priority }), country: html`${c.country}`, when: timeTag(c.openedAt), by: html`${c.openedBy}`,
  });
  return consolePage({
    title: tr.t('consoleCases.pageTitle', { id: String(c.id) }),
    ...frameOf(viewer),
    nav: 'cases',
    main: html`<p><a href="/console/cases">${say(tr, 'consoleCases.all')}</a></p>
<div class="page-head"><div><h1>${c.title}</h1>
<p class="meta">${meta}${c.crisisId ? html` · <a href="/console/crises/${c.crisisId}">${say(tr, 'consoleCases.crisis', { id: String(c.crisisId) })}</a>` : ''}</p>
<p>${flagBadges(tr, c)}</p>${c.outcome ? html`<p>${say(tr, 'consoleCases.outcome', { outcome: html`${c.outcome}` })}</p>` : ''}</div></div>
${notice(options.notice)}
${options.problem ? html`<div class="problem" role="alert"><h2>${say(tr, 'consoleCases.notSaved')}</h2><p>${options.problem}</p></div>` : ''}
${changeCard(viewer, c, assignees)}
${peopleCard(viewer, c)}
${accessCard(viewer, c)}
${card(say(tr, 'consoleCases.notes'), html`${c.notes.length ? html`<ol class="items">${c.notes.map((n) => html`<li><p class="small">${timeTag(n.at)} · ${n.author}${n.kind === 'note' ? '' : html` · ${tr.t('consoleCases.noteKind', { kind: n.kind.replace('-', '_') })}`}</p><p class="pre-line">${n.body}</p></li>`)}</ol>` : html`<p class="empty">${say(tr, 'consoleCases.noNotes')}</p>`}
${form(viewer, `/console/cases/${c.id}/notes`, field('body', say(tr, 'consoleCases.field.body'), html`<textarea id="f-body" name="body" rows="3"></textarea>`), say(tr, 'consoleCases.addNote'))}`)}
${contactsCard(viewer, c)}`,
  });
}
