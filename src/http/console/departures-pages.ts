import type { DepartureRecord, RequestRecord } from '../../departures/records.ts';
import { DEPARTURE_MODES, DEPARTURE_STATUSES, requestPriority } from '../../domain/departures.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { say } from './crisis-text.ts';
import { card, csrfField, timeTag, type Viewer } from './layout.ts';
import type { Notices } from './scope.ts';

/**
 * The Departures section of a crisis's console page (docs/crises.md "Departure assistance"): the
 * requests not yet on a departure (special needs and the largest parties first) with checkboxes and
 * the departures that have room; each departure with its people, boarding, its status, a message
 * to everyone on it and its manifest; the form that creates one.
 */

export const DEPARTURE_NOTICES: Notices = {
  'departure-created': 'console.notice.departureCreated',
  'departure-assigned': 'console.notice.departureAssigned',
  'departure-unassigned': 'console.notice.departureUnassigned',
  'departure-boarded': 'console.notice.departureBoarded',
  'departure-updated': 'console.notice.departureUpdated',
  'departure-messaged': 'console.notice.departureMessaged',
};

const party = (tr: Translator, r: RequestRecord) => html`${r.partySize}${r.dependants ? html` (${tr.t('consoleCrises.dep.dependants', { count: r.dependants })})` : ''}`;
const modeOf = (tr: Translator, mode: string) => tr.t('consoleCrises.dep.mode', { mode });
const statusOf = (tr: Translator, status: string) => tr.t('consoleCrises.dep.status', { status });

function who(r: RequestRecord): SafeHtml {
  return html`${r.name ? html`${r.name}<br>` : ''}<span class="small">${r.email}${r.phone ? html` · ${r.phone}` : ''}</span>`;
}

function details(tr: Translator, r: RequestRecord): SafeHtml {
  return html`<td class="small">${r.citizenships.join(' ')}</td><td class="small">${r.passports.join(' ') || tr.t('consoleCrises.dep.noPassport')}</td><td>${r.location}</td><td class="pre-line">${r.specialNeeds ?? '—'}</td>`;
}

const head = (tr: Translator) => html`<th scope="col">${say(tr, 'consoleCrises.col.who')}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.party')}</th><th scope="col">${say(tr, 'consoleCrises.dep.col.citizenships')}</th><th scope="col">${say(tr, 'consoleCrises.dep.col.passports')}</th><th scope="col">${say(tr, 'consoleCrises.col.where')}</th><th scope="col">${say(tr, 'consoleCrises.dep.col.specialNeeds')}</th>`;

function unassignedCard(viewer: Viewer, crisisId: number, requests: readonly RequestRecord[], departures: readonly DepartureRecord[]): SafeHtml {
  const { tr } = viewer;
  const waiting = requests.filter((r) => r.departureId === null).sort(requestPriority);
  if (waiting.length === 0) return card(say(tr, 'consoleCrises.dep.waitingNone'), html`<p class="empty">${say(tr, 'consoleCrises.dep.allAssigned')}</p>`);
  const open = departures.filter((d) => d.status === 'planned' || d.status === 'boarding');
  const persons = waiting.reduce((sum, r) => sum + r.partySize, 0);
  return card(say(tr, 'consoleCrises.dep.waiting', { requests: String(waiting.length), persons: String(persons) }), html`<form method="post" action="/console/crises/${crisisId}/departures/assign">${csrfField(viewer.csrf)}
<table><thead><tr><th scope="col"><span class="visually-hidden">${say(tr, 'consoleCrises.dep.assign')}</span></th>${head(tr)}</tr></thead><tbody>
${waiting.map((r) => html`<tr><td><input type="checkbox" name="request" value="${r.id}" id="request-${r.id}" aria-label="${tr.t('consoleCrises.dep.assignRequest', { id: String(r.id) })}"></td><td>${who(r)}</td><td class="num">${party(tr, r)}</td>${details(tr, r)}</tr>`)}
</tbody></table>
${open.length ? html`<div class="field"><label for="assign-departure">${say(tr, 'consoleCrises.dep.assignTo')}</label><select id="assign-departure" name="departure">
${open.map((d) => html`<option value="${d.id}">${say(tr, 'consoleCrises.dep.option', { label: html`${d.label}`, mode: modeOf(tr, d.mode), remaining: String(d.remaining), capacity: String(d.capacity) })}</option>`)}</select></div>
<button type="submit">${say(tr, 'consoleCrises.dep.assign')}</button>` : html`<p class="empty">${say(tr, 'consoleCrises.dep.createFirst')}</p>`}</form>`);
}

function departureCard(viewer: Viewer, d: DepartureRecord, people: readonly RequestRecord[]): SafeHtml {
  const { tr } = viewer;
  const title = html`${d.label} <span class="badge status">${statusOf(tr, d.status)}</span>`;
  const open = d.status === 'planned' || d.status === 'boarding';
  const taken = html`<strong>${say(tr, 'consoleCrises.dep.taken', { assigned: String(d.assigned), capacity: String(d.capacity) })}</strong>`;
  return card(title, html`<p class="meta">${say(tr, 'consoleCrises.dep.meta', { mode: modeOf(tr, d.mode), point: html`<strong>${d.meetingPoint}</strong>`, when: timeTag(d.meetingAt), taken, remaining: String(d.remaining), boarded: String(d.boarded) })}</p>
${people.length ? html`<form method="post" action="/console/departures/${d.id}/boarded">${csrfField(viewer.csrf)}
<table><thead><tr><th scope="col"><span class="visually-hidden">${say(tr, 'consoleCrises.dep.boarded')}</span></th>${head(tr)}<th scope="col">${say(tr, 'consoleCrises.dep.boarded')}</th></tr></thead><tbody>
${people.map((r) => html`<tr><td>${r.boardedAt ? '' : html`<input type="checkbox" name="request" value="${r.id}" aria-label="${tr.t('consoleCrises.dep.boardedRequest', { id: String(r.id) })}">`}</td><td>${who(r)}</td><td class="num">${party(tr, r)}</td>${details(tr, r)}<td class="small">${r.boardedAt ? timeTag(r.boardedAt) : '—'}</td></tr>`)}
</tbody></table>${d.status === 'cancelled' || people.every((r) => r.boardedAt) ? '' : html`<button type="submit">${say(tr, 'consoleCrises.dep.markBoarded')}</button>`}</form>
${people.some((r) => !r.boardedAt) ? html`<form method="post" action="/console/departures/${d.id}/unassign" class="inline">${csrfField(viewer.csrf)}<label for="unassign-${d.id}">${say(tr, 'consoleCrises.dep.takeOffLabel')}</label>
<select id="unassign-${d.id}" name="request">${people.filter((r) => !r.boardedAt).map((r) => html`<option value="${r.id}">${r.name || r.email} (${r.partySize})</option>`)}</select> <button type="submit" class="secondary">${say(tr, 'consoleCrises.dep.takeOff')}</button></form>` : ''}
<form method="post" action="/console/departures/${d.id}/message">${csrfField(viewer.csrf)}<div class="field"><label for="message-${d.id}">${say(tr, 'consoleCrises.dep.messageLabel')}</label>
<p class="hint">${say(tr, 'consoleCrises.dep.messageHint')}</p><textarea id="message-${d.id}" name="text" rows="3" maxlength="1000"></textarea></div><button type="submit">${say(tr, 'consoleCrises.dep.send')}</button></form>`
    : html`<p class="empty">${say(tr, 'consoleCrises.dep.nobody')}</p>`}
<div class="actions">${open ? html`<form method="post" action="/console/departures/${d.id}/status">${csrfField(viewer.csrf)}<label for="status-${d.id}">${say(tr, 'consoleCrises.dep.statusLabel')}</label>
<select id="status-${d.id}" name="status">${DEPARTURE_STATUSES.map((s) => html`<option value="${s}"${s === d.status ? html` selected` : ''}>${statusOf(tr, s)}</option>`)}</select> <button type="submit" class="secondary">${say(tr, 'consoleCrises.dep.change')}</button></form>` : ''}
<a class="button secondary" href="/console/departures/${d.id}/manifest.csv">${say(tr, 'consoleCrises.dep.manifest')}</a></div>`);
}

function createCard(viewer: Viewer, crisisId: number): SafeHtml {
  const { tr } = viewer;
  const input = (name: 'label' | 'capacity' | 'meetingPoint' | 'meetingAt') =>
    html`<div class="field"><label for="d-${name}">${say(tr, `consoleCrises.dep.field.${name}`)}</label><p class="hint">${say(tr, `consoleCrises.dep.hint.${name}`)}</p><input id="d-${name}" name="${name}" type="text"></div>`;
  return card(say(tr, 'consoleCrises.dep.create'), html`<form method="post" action="/console/crises/${crisisId}/departures">${csrfField(viewer.csrf)}
<div class="field"><label for="d-mode">${say(tr, 'consoleCrises.dep.field.mode')}</label><select id="d-mode" name="mode">${DEPARTURE_MODES.map((m) => html`<option value="${m}">${modeOf(tr, m)}</option>`)}</select></div>
${input('label')}
${input('capacity')}
${input('meetingPoint')}
${input('meetingAt')}
<button type="submit">${say(tr, 'consoleCrises.dep.createButton')}</button></form>`);
}

export function departuresSection(viewer: Viewer, crisis: { id: number; status: 'active' | 'closed' }, departures: readonly DepartureRecord[], requests: readonly RequestRecord[]): SafeHtml {
  return html`<section id="departures" aria-labelledby="departures-title"><h2 id="departures-title">${say(viewer.tr, 'consoleCrises.dep.title')}</h2>
${unassignedCard(viewer, crisis.id, requests, departures)}
${departures.map((d) => departureCard(viewer, d, requests.filter((r) => r.departureId === d.id)))}
${crisis.status === 'active' ? createCard(viewer, crisis.id) : ''}</section>`;
}
