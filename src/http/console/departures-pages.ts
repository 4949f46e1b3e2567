import type { DepartureRecord, RequestRecord } from '../../departures/records.ts';
import { DEPARTURE_MODES, DEPARTURE_STATUSES, requestPriority } from '../../domain/departures.ts';
import { html, type SafeHtml } from '../html.ts';
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

const party = (r: RequestRecord) => html`${r.partySize}${r.dependants ? html` (${r.dependants} dependant${r.dependants === 1 ? '' : 's'})` : ''}`;

function who(r: RequestRecord): SafeHtml {
  return html`${r.name ? html`${r.name}<br>` : ''}<span class="small">${r.email}${r.phone ? html` · ${r.phone}` : ''}</span>`;
}

function details(r: RequestRecord): SafeHtml {
  return html`<td class="small">${r.citizenships.join(' ')}</td><td class="small">${r.passports.join(' ') || 'none'}</td><td>${r.location}</td><td class="pre-line">${r.specialNeeds ?? '—'}</td>`;
}

const HEAD = html`<th scope="col">Who</th><th scope="col" class="num">Party</th><th scope="col">Citizenships</th><th scope="col">Passports</th><th scope="col">Where</th><th scope="col">Special needs</th>`;

function unassignedCard(viewer: Viewer, crisisId: number, requests: readonly RequestRecord[], departures: readonly DepartureRecord[]): SafeHtml {
  const waiting = requests.filter((r) => r.departureId === null).sort(requestPriority);
  if (waiting.length === 0) return card('Requests waiting (0)', html`<p class="empty">Every request for help to leave is on a departure, or none has come yet.</p>`);
  const open = departures.filter((d) => d.status === 'planned' || d.status === 'boarding');
  const persons = waiting.reduce((sum, r) => sum + r.partySize, 0);
  return card(`Requests waiting (${waiting.length}, ${persons} persons)`, html`<form method="post" action="/console/crises/${crisisId}/departures/assign">${csrfField(viewer.csrf)}
<table><thead><tr><th scope="col"><span class="visually-hidden">Assign</span></th>${HEAD}</tr></thead><tbody>
${waiting.map((r) => html`<tr><td><input type="checkbox" name="request" value="${r.id}" id="request-${r.id}" aria-label="Assign request ${r.id}"></td><td>${who(r)}</td><td class="num">${party(r)}</td>${details(r)}</tr>`)}
</tbody></table>
${open.length ? html`<div class="field"><label for="assign-departure">Assign the ticked requests to</label><select id="assign-departure" name="departure">
${open.map((d) => html`<option value="${d.id}">${d.label} (${d.mode}) – ${d.remaining} of ${d.capacity} places left</option>`)}</select></div>
<button type="submit">Assign</button>` : html`<p class="empty">Create a departure below to assign them.</p>`}</form>`);
}

function departureCard(viewer: Viewer, d: DepartureRecord, people: readonly RequestRecord[]): SafeHtml {
  const title = html`${d.label} <span class="badge status">${d.status}</span>`;
  const open = d.status === 'planned' || d.status === 'boarding';
  return card(title, html`<p class="meta">${d.mode} · meet at <strong>${d.meetingPoint}</strong>, ${timeTag(d.meetingAt)} · <strong>${d.assigned} of ${d.capacity}</strong> places taken, ${d.remaining} left · ${d.boarded} boarded</p>
${people.length ? html`<form method="post" action="/console/departures/${d.id}/boarded">${csrfField(viewer.csrf)}
<table><thead><tr><th scope="col"><span class="visually-hidden">Boarded</span></th>${HEAD}<th scope="col">Boarded</th></tr></thead><tbody>
${people.map((r) => html`<tr><td>${r.boardedAt ? '' : html`<input type="checkbox" name="request" value="${r.id}" aria-label="Boarded: request ${r.id}">`}</td><td>${who(r)}</td><td class="num">${party(r)}</td>${details(r)}<td class="small">${r.boardedAt ? timeTag(r.boardedAt) : '—'}</td></tr>`)}
</tbody></table>${d.status === 'cancelled' || people.every((r) => r.boardedAt) ? '' : html`<button type="submit">Mark the ticked as boarded</button>`}</form>
${people.some((r) => !r.boardedAt) ? html`<form method="post" action="/console/departures/${d.id}/unassign" class="inline">${csrfField(viewer.csrf)}<label for="unassign-${d.id}">Take off this departure</label>
<select id="unassign-${d.id}" name="request">${people.filter((r) => !r.boardedAt).map((r) => html`<option value="${r.id}">${r.name || r.email} (${r.partySize})</option>`)}</select> <button type="submit" class="secondary">Take off</button></form>` : ''}
<form method="post" action="/console/departures/${d.id}/message">${csrfField(viewer.csrf)}<div class="field"><label for="message-${d.id}">Message everyone on it</label>
<p class="hint">Sent urgently by every channel they have, with the meeting point and time.</p><textarea id="message-${d.id}" name="text" rows="3" maxlength="1000"></textarea></div><button type="submit">Send message</button></form>`
    : html`<p class="empty">Nobody is assigned yet.</p>`}
<div class="actions">${open ? html`<form method="post" action="/console/departures/${d.id}/status">${csrfField(viewer.csrf)}<label for="status-${d.id}">Status</label>
<select id="status-${d.id}" name="status">${DEPARTURE_STATUSES.map((s) => html`<option value="${s}"${s === d.status ? html` selected` : ''}>${s}</option>`)}</select> <button type="submit" class="secondary">Change</button></form>` : ''}
<a class="button secondary" href="/console/departures/${d.id}/manifest.csv">Download manifest (CSV)</a></div>`);
}

function createCard(viewer: Viewer, crisisId: number): SafeHtml {
  const input = (name: string, label: string, hint: string, type = 'text') => html`<div class="field"><label for="d-${name}">${label}</label><p class="hint">${hint}</p><input id="d-${name}" name="${name}" type="${type}"></div>`;
  return card('Create a departure', html`<form method="post" action="/console/crises/${crisisId}/departures">${csrfField(viewer.csrf)}
<div class="field"><label for="d-mode">Mode</label><select id="d-mode" name="mode">${DEPARTURE_MODES.map((m) => html`<option value="${m}">${m}</option>`)}</select></div>
${input('label', 'Label', 'What people will recognise: "Charter flight 1 to Vienna".')}
${input('capacity', 'Capacity (persons)', 'Everyone counts, children included.')}
${input('meetingPoint', 'Meeting point', 'Where people gather.')}
${input('meetingAt', 'Meeting time', 'RFC 3339 with a zone: 2026-11-24T08:00:00+03:00.')}
<button type="submit">Create</button></form>`);
}

export function departuresSection(viewer: Viewer, crisis: { id: number; status: 'active' | 'closed' }, departures: readonly DepartureRecord[], requests: readonly RequestRecord[]): SafeHtml {
  return html`<section id="departures" aria-labelledby="departures-title"><h2 id="departures-title">Departures</h2>
${unassignedCard(viewer, crisis.id, requests, departures)}
${departures.map((d) => departureCard(viewer, d, requests.filter((r) => r.departureId === d.id)))}
${crisis.status === 'active' ? createCard(viewer, crisis.id) : ''}</section>`;
}
