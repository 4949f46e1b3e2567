import type { StoredAlert } from '../../../alerts/records.ts';
import { ALERT_STATUSES, CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES, CATEGORY_LABELS } from '../../../domain/alerts.ts';
import { findByCode } from '../../../domain/destinations.ts';
import { html, type SafeHtml } from '../../html.ts';
import { card, consolePage, csrfField, errorSummary, fieldErrors, hasError, notice, timeTag, type FieldMessage, type Viewer, frameOf } from '../layout.ts';
import { isTimeZone, offsetLabel, utcFromLocal } from '../../../domain/local-time.ts';
import { formZone, type AlertFormModel } from './form.ts';
import type { AlertPreview } from './preview.ts';

/**
 * The console's alert pages (docs/alerts.md): every alert of every status, the form that issues
 * one (or an Update of one) with a preview of its CAP document, and an alert's page with its CAP
 * document, update and cancel.
 */

// ---- Pieces ----

const fieldId = (field: string) => `f-${field.replace(/\./g, '-')}`;

/** The control a service message is about: "area.circle" is the Circle box, "destinations.1" the Destinations box. */
const controlOf = (field: string) => fieldId(field.replace(/^area\./, '').replace(/\.\d+$/, ''));

function errorsFor(errors: readonly FieldMessage[], field: string): FieldMessage[] {
  return errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
}

function input(errors: readonly FieldMessage[], field: string, label: string, value: string, options: { hint?: string; type?: string; rows?: number; errorField?: string } = {}): SafeHtml {
  const mine = errorsFor(errors, options.errorField ?? field);
  const control = options.rows
    ? html`<textarea id="${fieldId(field)}" name="${field}" rows="${options.rows}">${value}</textarea>`
    : html`<input id="${fieldId(field)}" name="${field}" type="${options.type ?? 'text'}" value="${value}">`;
  return html`<div class="field${mine.length ? ' has-error' : ''}"><label for="${fieldId(field)}">${label}</label>${options.hint ? html`<p class="hint">${options.hint}</p>` : ''}${mine.map((e) => html`<p class="error">${e.message}</p>`)}${control}</div>`;
}

function select(errors: readonly FieldMessage[], field: string, label: string, value: string, values: readonly string[], labels: Record<string, string> = {}): SafeHtml {
  return html`<div class="field${hasError(errors, field) ? ' has-error' : ''}"><label for="${fieldId(field)}">${label}</label>${fieldErrors(errors, field)}<select id="${fieldId(field)}" name="${field}">
${value === '' ? html`<option value="" selected>Choose…</option>` : ''}${values.map((v) => html`<option value="${v}"${v === value ? html` selected` : ''}>${labels[v] ?? v}</option>`)}</select></div>`;
}

export function alertState(alert: StoredAlert, now: Date): string {
  if (alert.msgType === 'Cancel') return 'cancellation';
  if (alert.supersededBy !== null) return `replaced by ${alert.supersededBy}`;
  if (alert.expires <= `${now.toISOString().slice(0, 19)}Z`) return 'expired';
  return 'active';
}

function destinationNames(alert: StoredAlert): string {
  return alert.destinations.map((code) => findByCode(code)?.name ?? code).join(', ');
}

// ---- Pages ----

export function alertsListPage(viewer: Viewer, alerts: readonly StoredAlert[], options: { canIssue: boolean; notice?: string; now: Date }): string {
  return consolePage({
    title: 'Alerts',
    ...frameOf(viewer),
    nav: 'alerts',
    main: html`<div class="page-head"><div><h1>Alerts</h1>
<p class="meta">Every alert message, newest first, with Exercise and Test messages (which the public never sees and which notify nobody).</p></div>
${options.canIssue ? html`<a class="button" href="/console/alerts/new">Issue an alert</a>` : ''}</div>
${notice(options.notice)}
<div class="card">${alerts.length === 0 ? html`<p class="empty">No alert has been issued.</p>` : html`<table><thead><tr><th>#</th><th>Headline</th><th>Status</th><th>Type</th><th>Severity</th><th>Destinations</th><th>Until</th><th>State</th></tr></thead><tbody>
${alerts.map((a) => html`<tr>
<td class="mono">${a.id}</td>
<td><a href="/console/alerts/${a.id}">${a.headline}</a></td>
<td><span class="badge status">${a.status}</span></td>
<td>${a.msgType}</td>
<td>${a.severity}</td>
<td class="small wrap">${destinationNames(a)}</td>
<td class="small">${timeTag(a.expires)}</td>
<td class="small">${alertState(a, options.now)}</td>
</tr>`)}</tbody></table>`}</div>`,
  });
}

/** "= 23 Nov 2026 19:00 UTC (Europe/Moscow is UTC+3)" under a local time that reads, else the zone's name. */
function utcHint(model: AlertFormModel, field: 'effective' | 'onset' | 'expires', empty: string): string {
  const zone = formZone(model);
  if (!isTimeZone(zone)) return empty;
  const typed = model[field].trim();
  const local = typed ? utcFromLocal(typed, zone) : undefined;
  if (!local?.ok) return `${zone} time. ${empty}`.trim();
  const utc = local.utc.toISOString();
  return `${zone} time = ${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC (${offsetLabel(local.utc, zone)})${local.ambiguous ? '; the clocks pass this time twice: the first is meant' : ''}`;
}

function previewCards(preview: AlertPreview): SafeHtml {
  return html`<div class="grid-2" id="alert-preview">
${card('As travellers will get it', html`<p class="hint">The e-mail sent to everyone enrolled or subscribed in the area${preview.urgent ? ' (urgent: also to people who chose no alert messages, and by SMS to those who chose it)' : ''}, before their own preference and unsubscribe links. Nothing is saved or sent yet.</p>
<p><strong>Subject:</strong> <span id="mail-preview-subject">${preview.subject}</span></p><pre class="mail-preview" id="mail-preview">${preview.text}</pre>`)}
${card('CAP 1.2 preview', html`<p class="hint">The document alerting systems will read (identifier and sent time are set when it is issued).</p><pre class="cap" id="cap-preview">${preview.cap}</pre>`)}
</div>`;
}

export interface AlertFormView {
  model: AlertFormModel;
  errors: readonly FieldMessage[];
  /** The alert as it would go out. */
  preview?: AlertPreview;
  /** Set for the Update form. */
  updating?: StoredAlert;
}

export function alertFormPage(viewer: Viewer, view: AlertFormView): string {
  const { model, errors, updating } = view;
  const action = updating ? `/console/alerts/${updating.id}/update` : '/console/alerts';
  const title = updating ? `Update alert ${updating.id}` : 'Issue an alert';
  const form = html`<form method="post" action="${action}" id="alert-form" novalidate>
${csrfField(viewer.csrf)}
<section class="card"><h2>Where</h2>
<div class="row top-aligned">
${input(errors, 'destinations', 'Destinations', model.destinations, { hint: 'Names or ISO 3166-1 codes, separated by commas: Russia, Belarus or RU, BY' })}
${input(errors, 'regions', 'Regions (optional)', model.regions, { hint: 'ISO 3166-2 codes or area names, separated by commas: RU-MOW, Moscow' })}
</div>
<div class="row top-aligned">
${input(errors, 'circle', 'Circle (optional)', model.circle, { hint: 'CAP: "latitude,longitude radius-in-km", e.g. 55.7558,37.6173 5', errorField: 'area.circle' })}
${input(errors, 'polygon', 'Polygon (optional)', model.polygon, { hint: 'CAP: "lat,lon lat,lon …", at least 4 pairs, the last equal to the first', errorField: 'area.polygon' })}
</div>
${input(errors, 'areaDesc', 'Area description (optional)', model.areaDesc, { hint: 'Empty: made from the regions and destinations, e.g. "Moskva (RU-MOW), Russia"' })}
</section>
<section class="card"><h2>What</h2>
<div class="row top-aligned">
${select(errors, 'category', 'Category', model.category, CAP_CATEGORIES, CATEGORY_LABELS)}
${input(errors, 'event', 'Event', model.event, { hint: 'e.g. Demonstration, Earthquake, Cholera outbreak' })}
</div>
<div class="row top-aligned">
${select(errors, 'severity', 'Severity', model.severity, CAP_SEVERITIES)}
${select(errors, 'urgency', 'Urgency', model.urgency, CAP_URGENCIES)}
${select(errors, 'certainty', 'Certainty', model.certainty, CAP_CERTAINTIES)}
${updating ? html`<div class="field"><span class="label">Status</span><p>${updating.status}</p><input type="hidden" name="status" value="${updating.status}"></div>` : select(errors, 'status', 'Status', model.status, ALERT_STATUSES, { Actual: 'Actual (public, notifies people)', Exercise: 'Exercise (staff only)', Test: 'Test (staff only)' })}
</div>
<p class="hint">Severe and Extreme alerts are urgent: they reach everyone in the area at once, even people who chose no alert messages.</p>
${input(errors, 'headline', 'Headline', model.headline, { hint: 'At most 160 characters; e-mail subjects read "Russia: Alert – <headline>"' })}
${input(errors, 'description', 'Description', model.description, { rows: 6 })}
${input(errors, 'instruction', 'What to do (optional)', model.instruction, { rows: 3 })}
</section>
<section class="card"><h2>When and who</h2>
${input(errors, 'timeZone', 'Time zone of the times below', model.timeZone, { hint: `Empty: the first destination's local time (now ${formZone(model)}). Or UTC, or an IANA name such as Asia/Vladivostok.` })}
<div class="row top-aligned">
${input(errors, 'effective', 'Effective from', model.effective, { type: 'datetime-local', hint: utcHint(model, 'effective', 'Empty: now.') })}
${input(errors, 'onset', 'Onset (optional)', model.onset, { type: 'datetime-local', hint: utcHint(model, 'onset', '') })}
${input(errors, 'expires', 'Expires', model.expires, { type: 'datetime-local', hint: utcHint(model, 'expires', '') })}
</div>
<div class="row top-aligned">
${input(errors, 'senderName', 'Sender name', model.senderName, { hint: 'The post issuing it, e.g. U.S. Embassy Moscow. Left empty: the authority\'s name.' })}
${input(errors, 'contact', 'Contact (optional)', model.contact)}
${input(errors, 'web', 'Web link (optional)', model.web, { type: 'url', hint: 'Empty: the alert\'s public page' })}
</div>
${input(errors, 'note', 'Note (optional)', model.note, { hint: updating ? 'What changed, for alerting systems (CAP note)' : 'CAP note, e.g. the purpose of an exercise' })}
</section>
<div class="actions"><button type="submit" name="op" value="preview" class="secondary">Preview</button><button type="submit" name="op" value="issue">${updating ? 'Issue the update' : 'Issue alert'}</button></div>
</form>`;
  return consolePage({
    title,
    ...frameOf(viewer),
    nav: 'alerts',
    main: html`<div class="page-head"><div><h1>${title}</h1>
${updating ? html`<p class="meta">The update replaces “${updating.headline}” in the active lists and is sent to its audience again.</p>` : html`<p class="meta">Issued alerts are published at once and sent to everyone enrolled or subscribed in the area for its time window.</p>`}</div></div>
${errorSummary(errors, 'The alert was not issued. Please correct:', controlOf)}
${view.preview ? previewCards(view.preview) : ''}
${form}`,
  });
}

export function alertDetailPage(viewer: Viewer, alert: StoredAlert, options: { cap: string; canIssue: boolean; notice?: string; errors?: readonly FieldMessage[]; now: Date }): string {
  const state = alertState(alert, options.now);
  const changeable = options.canIssue && state === 'active';
  return consolePage({
    title: `Alert ${alert.id}`,
    ...frameOf(viewer),
    nav: 'alerts',
    main: html`<div class="page-head"><div><h1>${alert.headline}</h1>
<p class="meta">Alert ${alert.id} · ${alert.status} · ${alert.msgType} · ${alert.severity} · ${state}${alert.status === 'Actual' ? html` · <a href="/alerts/${alert.id}/">public page</a>` : ' · not public'}</p></div></div>
${notice(options.notice)}
${errorSummary(options.errors ?? [], 'Nothing was issued:')}
<div class="grid-2">
${card('Details', html`<dl class="facts">
<dt>Where</dt><dd>${alert.area.areaDesc}</dd>
<dt>Destinations</dt><dd>${destinationNames(alert)}</dd>
${alert.regions.length ? html`<dt>Regions</dt><dd>${alert.regions.join(', ')}</dd>` : ''}
<dt>Effective</dt><dd>${timeTag(alert.effective)}</dd>
${alert.onset ? html`<dt>Onset</dt><dd>${timeTag(alert.onset)}</dd>` : ''}
<dt>Expires</dt><dd>${timeTag(alert.expires)}</dd>
<dt>Event</dt><dd>${alert.category} · ${alert.event}</dd>
<dt>Urgency, certainty</dt><dd>${alert.urgency}, ${alert.certainty}</dd>
<dt>Sender</dt><dd>${alert.senderName}</dd>
${alert.references.length ? html`<dt>Refers to</dt><dd>${alert.references.map((id, i) => html`${i ? ', ' : ''}<a href="/console/alerts/${id}">alert ${id}</a>`)}</dd>` : ''}
${alert.supersededBy ? html`<dt>Replaced by</dt><dd><a href="/console/alerts/${alert.supersededBy}">alert ${alert.supersededBy}</a></dd>` : ''}
${alert.note ? html`<dt>Note</dt><dd>${alert.note}</dd>` : ''}
</dl>
<h3>Description</h3><p class="pre-line">${alert.description}</p>
${alert.instruction ? html`<h3>What to do</h3><p class="pre-line">${alert.instruction}</p>` : ''}`)}
${changeable ? card('Update or cancel', html`<p><a class="button secondary" href="/console/alerts/${alert.id}/update">Issue an update</a></p>
<form method="post" action="/console/alerts/${alert.id}/cancel">${csrfField(viewer.csrf)}
<div class="field"><label for="f-cancel-note">Why it is cancelled (optional)</label><input id="f-cancel-note" name="note" type="text"></div>
<button type="submit" class="danger">Cancel this alert</button></form>
<p class="hint">A cancellation goes to the same people as the alert.</p>`) : ''}
</div>
${card('CAP 1.2 document', html`<pre class="cap" id="cap-document">${options.cap}</pre>`)}`,
  });
}
