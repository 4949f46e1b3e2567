import type { StoredAlert } from '../../../alerts/records.ts';
import { ALERT_STATUSES, CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES, CATEGORY_LABELS } from '../../../domain/alerts.ts';
import { destinationName } from '../../../i18n/destination-names.ts';
import type { MessageId } from '../../../i18n/catalog.ts';
import type { Translator } from '../../../i18n/translator.ts';
import { html, type SafeHtml } from '../../html.ts';
import { capWord, type CapField } from '../../pages/cap-words.ts';
import { card, consolePage, csrfField, fieldErrors, hasError, notice, timeTag, type FieldMessage, type Viewer, frameOf } from '../layout.ts';
import { isTimeZone, offsetLabel, utcFromLocal } from '../../../domain/local-time.ts';
import { formZone, type AlertFormModel } from './form.ts';
import type { AlertPreview } from './preview.ts';
import { alertFieldLabel, translatedRefusals } from './refusals.ts';

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

function select(tr: Translator, errors: readonly FieldMessage[], field: string, label: string, value: string, values: readonly string[], labelOf: (value: string) => string = (v) => v): SafeHtml {
  return html`<div class="field${hasError(errors, field) ? ' has-error' : ''}"><label for="${fieldId(field)}">${label}</label>${fieldErrors(errors, field)}<select id="${fieldId(field)}" name="${field}">
${value === '' ? html`<option value="" selected>${tr.t('consoleAlerts.choose')}</option>` : ''}${values.map((v) => html`<option value="${v}"${v === value ? html` selected` : ''}>${labelOf(v)}</option>`)}</select></div>`;
}

/** Where an alert stands: "active", "expired", "cancellation" or "replaced by 12". */
type AlertState = { state: 'active' | 'expired' | 'cancellation' } | { state: 'replaced'; by: number };

function alertStateOf(alert: StoredAlert, now: Date): AlertState {
  if (alert.msgType === 'Cancel') return { state: 'cancellation' };
  if (alert.supersededBy !== null) return { state: 'replaced', by: alert.supersededBy };
  if (alert.expires <= `${now.toISOString().slice(0, 19)}Z`) return { state: 'expired' };
  return { state: 'active' };
}

const stateText = (tr: Translator, state: AlertState) => tr.t('consoleAlerts.state', { state: state.state, by: 'by' in state ? String(state.by) : '' });

/** A CAP value (severity, urgency…) as staff read it: CAP's own token in English, the public site's word in French. */
const capText = (tr: Translator, field: CapField, value: string) => (tr.locale === 'en' ? value : capWord(tr, field, value));

function destinationNames(tr: Translator, alert: StoredAlert): string {
  return alert.destinations.map((code) => destinationName(code, tr.locale)).join(', ');
}

/** The summary at the top of the form, each message linked to its box, the field named as the form labels it. */
function summary(tr: Translator, errors: readonly FieldMessage[], title: string, idOf: (field: string) => string = fieldId): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="problem" role="alert" tabindex="-1" id="errors"><h2>${title}</h2><ul>${errors.map((e) =>
    html`<li>${e.field ? html`<a href="#${idOf(e.field)}">${alertFieldLabel(tr, e.field)}</a>${tr.locale === 'fr' ? ' : ' : ': '}` : ''}${e.message}</li>`)}</ul></div>`;
}

// ---- Pages ----

export function alertsListPage(viewer: Viewer, alerts: readonly StoredAlert[], options: { canIssue: boolean; notice?: string; now: Date }): string {
  const { tr } = viewer;
  const col = (id: 'headline' | 'status' | 'type' | 'severity' | 'destinations' | 'until' | 'state') => tr.t(`consoleAlerts.col.${id}`);
  return consolePage({
    title: tr.t('consoleAlerts.title'),
    ...frameOf(viewer),
    nav: 'alerts',
    main: html`<div class="page-head"><div><h1>${tr.t('consoleAlerts.title')}</h1>
<p class="meta">${tr.t('consoleAlerts.intro')}</p></div>
${options.canIssue ? html`<a class="button" href="/console/alerts/new">${tr.t('consoleAlerts.issue')}</a>` : ''}</div>
${notice(options.notice)}
<div class="card">${alerts.length === 0 ? html`<p class="empty">${tr.t('consoleAlerts.none')}</p>` : html`<table><thead><tr><th>#</th><th>${col('headline')}</th><th>${col('status')}</th><th>${col('type')}</th><th>${col('severity')}</th><th>${col('destinations')}</th><th>${col('until')}</th><th>${col('state')}</th></tr></thead><tbody>
${alerts.map((a) => html`<tr>
<td class="mono">${a.id}</td>
<td><a href="/console/alerts/${a.id}">${a.headline}</a></td>
<td><span class="badge status">${tr.t('consoleAlerts.statusValue', { status: a.status })}</span></td>
<td>${tr.t('consoleAlerts.typeValue', { type: a.msgType })}</td>
<td>${capText(tr, 'severity', a.severity)}</td>
<td class="small wrap">${destinationNames(tr, a)}</td>
<td class="small">${timeTag(a.expires)}</td>
<td class="small">${stateText(tr, alertStateOf(a, options.now))}</td>
</tr>`)}</tbody></table>`}</div>`,
  });
}

/** "= 23 Nov 2026 19:00 UTC (Europe/Moscow is UTC+3)" under a local time that reads, else the zone's name. */
function utcHint(tr: Translator, model: AlertFormModel, field: 'effective' | 'onset' | 'expires', empty: string): string {
  const zone = formZone(model);
  if (!isTimeZone(zone)) return empty;
  const typed = model[field].trim();
  const local = typed ? utcFromLocal(typed, zone) : undefined;
  if (!local?.ok) return `${tr.t('consoleAlerts.zoneTime', { zone })} ${empty}`.trim();
  const utc = local.utc.toISOString();
  return tr.t('consoleAlerts.zoneTimeIs', { zone, date: utc.slice(0, 10), time: utc.slice(11, 16), offset: offsetLabel(local.utc, zone) }) + (local.ambiguous ? tr.t('consoleAlerts.twice') : '');
}

function previewCards(tr: Translator, preview: AlertPreview): SafeHtml {
  return html`<div class="grid-2" id="alert-preview">
${card(tr.t('consoleAlerts.previewMail'), html`<p class="hint">${tr.t('consoleAlerts.previewMailHint', { urgent: preview.urgent ? 'yes' : 'no' })}</p>
<p><strong>${tr.t('consoleAlerts.subject')}</strong> <span id="mail-preview-subject">${preview.subject}</span></p><pre class="mail-preview" id="mail-preview">${preview.text}</pre>`)}
${card(tr.t('consoleAlerts.previewCap'), html`<p class="hint">${tr.t('consoleAlerts.previewCapHint')}</p><pre class="cap" id="cap-preview">${preview.cap}</pre>`)}
</div>`;
}

export interface AlertFormView {
  model: AlertFormModel;
  /** The refusals as the domain words them (English); the page translates them. */
  errors: readonly FieldMessage[];
  /** The alert as it would go out. */
  preview?: AlertPreview;
  /** Set for the Update form. */
  updating?: StoredAlert;
}

type FormField = 'destinations' | 'regions' | 'circle' | 'polygon' | 'areaDesc' | 'event' | 'headline' | 'timeZone' | 'senderName' | 'web';

export function alertFormPage(viewer: Viewer, view: AlertFormView): string {
  const { model, updating } = view;
  const { tr } = viewer;
  const errors = translatedRefusals(tr, view.errors);
  const label = (name: keyof AlertFormModel | 'status') => tr.t(`consoleAlerts.label.${name}` as MessageId);
  const hint = (name: FormField | 'noteUpdate' | 'note') => tr.t(`consoleAlerts.hint.${name}`);
  const field = (name: FormField, value: string, options: { type?: string; errorField?: string } = {}) => input(errors, name, label(name), value, { hint: hint(name), ...options });
  const action = updating ? `/console/alerts/${updating.id}/update` : '/console/alerts';
  const title = updating ? tr.t('consoleAlerts.updateTitle', { id: String(updating.id) }) : tr.t('consoleAlerts.issue');
  const form = html`<form method="post" action="${action}" id="alert-form" novalidate>
${csrfField(viewer.csrf)}
<section class="card"><h2>${tr.t('consoleAlerts.section.where')}</h2>
<div class="row top-aligned">
${field('destinations', model.destinations)}
${field('regions', model.regions)}
</div>
<div class="row top-aligned">
${field('circle', model.circle, { errorField: 'area.circle' })}
${field('polygon', model.polygon, { errorField: 'area.polygon' })}
</div>
${field('areaDesc', model.areaDesc)}
</section>
<section class="card"><h2>${tr.t('consoleAlerts.section.what')}</h2>
<div class="row top-aligned">
${select(tr, errors, 'category', label('category'), model.category, CAP_CATEGORIES, (v) => (tr.locale === 'en' ? CATEGORY_LABELS[v as keyof typeof CATEGORY_LABELS] ?? v : capWord(tr, 'category', v)))}
${input(errors, 'event', label('event'), model.event, { hint: hint('event') })}
</div>
<div class="row top-aligned">
${select(tr, errors, 'severity', label('severity'), model.severity, CAP_SEVERITIES, (v) => capText(tr, 'severity', v))}
${select(tr, errors, 'urgency', label('urgency'), model.urgency, CAP_URGENCIES, (v) => capText(tr, 'urgency', v))}
${select(tr, errors, 'certainty', label('certainty'), model.certainty, CAP_CERTAINTIES, (v) => capText(tr, 'certainty', v))}
${updating ? html`<div class="field"><span class="label">${label('status')}</span><p>${tr.t('consoleAlerts.statusValue', { status: updating.status })}</p><input type="hidden" name="status" value="${updating.status}"></div>` : select(tr, errors, 'status', label('status'), model.status, ALERT_STATUSES, (v) => tr.t('consoleAlerts.statusOption', { status: v }))}
</div>
<p class="hint">${tr.t('consoleAlerts.urgentHint')}</p>
${input(errors, 'headline', label('headline'), model.headline, { hint: tr.t('consoleAlerts.hint.headline', { placeholder: `<${tr.t('consoleAlerts.headlinePlaceholder')}>` }) })}
${input(errors, 'description', label('description'), model.description, { rows: 6 })}
${input(errors, 'instruction', label('instruction'), model.instruction, { rows: 3 })}
</section>
<section class="card"><h2>${tr.t('consoleAlerts.section.when')}</h2>
${input(errors, 'timeZone', label('timeZone'), model.timeZone, { hint: tr.t('consoleAlerts.hint.timeZone', { zone: formZone(model) }) })}
<div class="row top-aligned">
${input(errors, 'effective', label('effective'), model.effective, { type: 'datetime-local', hint: utcHint(tr, model, 'effective', tr.t('consoleAlerts.emptyIsNow')) })}
${input(errors, 'onset', label('onset'), model.onset, { type: 'datetime-local', hint: utcHint(tr, model, 'onset', '') })}
${input(errors, 'expires', label('expires'), model.expires, { type: 'datetime-local', hint: utcHint(tr, model, 'expires', '') })}
</div>
<div class="row top-aligned">
${field('senderName', model.senderName)}
${input(errors, 'contact', label('contact'), model.contact)}
${field('web', model.web, { type: 'url' })}
</div>
${input(errors, 'note', label('note'), model.note, { hint: hint(updating ? 'noteUpdate' : 'note') })}
</section>
<div class="actions"><button type="submit" name="op" value="preview" class="secondary">${tr.t('consoleAlerts.preview')}</button><button type="submit" name="op" value="issue">${tr.t(updating ? 'consoleAlerts.issueUpdate' : 'consoleAlerts.issueAlert')}</button></div>
</form>`;
  return consolePage({
    title,
    ...frameOf(viewer),
    nav: 'alerts',
    main: html`<div class="page-head"><div><h1>${title}</h1>
${updating ? html`<p class="meta">${tr.t('consoleAlerts.updateMeta', { headline: updating.headline })}</p>` : html`<p class="meta">${tr.t('consoleAlerts.issueMeta')}</p>`}</div></div>
${summary(tr, errors, tr.t('consoleAlerts.notIssued'), controlOf)}
${view.preview ? previewCards(tr, view.preview) : ''}
${form}`,
  });
}

export function alertDetailPage(viewer: Viewer, alert: StoredAlert, options: { cap: string; canIssue: boolean; notice?: string; errors?: readonly FieldMessage[]; now: Date }): string {
  const { tr } = viewer;
  const state = alertStateOf(alert, options.now);
  const changeable = options.canIssue && state.state === 'active';
  const dt = (id: 'where' | 'destinations' | 'regions' | 'effective' | 'onset' | 'expires' | 'event' | 'urgencyCertainty' | 'sender' | 'refersTo' | 'replacedBy' | 'note') => tr.t(`consoleAlerts.dt.${id}`);
  const alertLink = (id: number) => html`<a href="/console/alerts/${id}">${tr.t('consoleAlerts.alertLink', { id: String(id) })}</a>`;
  return consolePage({
    title: tr.t('consoleAlerts.alertTitle', { id: String(alert.id) }),
    ...frameOf(viewer),
    nav: 'alerts',
    main: html`<div class="page-head"><div><h1>${alert.headline}</h1>
<p class="meta">${tr.t('consoleAlerts.alertTitle', { id: String(alert.id) })} · ${tr.t('consoleAlerts.statusValue', { status: alert.status })} · ${tr.t('consoleAlerts.typeValue', { type: alert.msgType })} · ${capText(tr, 'severity', alert.severity)} · ${stateText(tr, state)}${alert.status === 'Actual' ? html` · <a href="/alerts/${alert.id}/">${tr.t('consoleAlerts.publicPage')}</a>` : ` · ${tr.t('consoleAlerts.notPublic')}`}</p></div></div>
${notice(options.notice)}
${summary(tr, translatedRefusals(tr, options.errors ?? []), tr.t('consoleAlerts.nothingIssued'))}
<div class="grid-2">
${card(tr.t('consoleAlerts.details'), html`<dl class="facts">
<dt>${dt('where')}</dt><dd>${alert.area.areaDesc}</dd>
<dt>${dt('destinations')}</dt><dd>${destinationNames(tr, alert)}</dd>
${alert.regions.length ? html`<dt>${dt('regions')}</dt><dd>${alert.regions.join(', ')}</dd>` : ''}
<dt>${dt('effective')}</dt><dd>${timeTag(alert.effective)}</dd>
${alert.onset ? html`<dt>${dt('onset')}</dt><dd>${timeTag(alert.onset)}</dd>` : ''}
<dt>${dt('expires')}</dt><dd>${timeTag(alert.expires)}</dd>
<dt>${dt('event')}</dt><dd>${capText(tr, 'category', alert.category)} · ${alert.event}</dd>
<dt>${dt('urgencyCertainty')}</dt><dd>${capText(tr, 'urgency', alert.urgency)}, ${capText(tr, 'certainty', alert.certainty)}</dd>
<dt>${dt('sender')}</dt><dd>${alert.senderName}</dd>
${alert.references.length ? html`<dt>${dt('refersTo')}</dt><dd>${alert.references.map((id, i) => html`${i ? ', ' : ''}${alertLink(id)}`)}</dd>` : ''}
${alert.supersededBy ? html`<dt>${dt('replacedBy')}</dt><dd>${alertLink(alert.supersededBy)}</dd>` : ''}
${alert.note ? html`<dt>${dt('note')}</dt><dd>${alert.note}</dd>` : ''}
</dl>
<h3>${tr.t('consoleAlerts.description')}</h3><p class="pre-line">${alert.description}</p>
${alert.instruction ? html`<h3>${tr.t('consoleAlerts.whatToDo')}</h3><p class="pre-line">${alert.instruction}</p>` : ''}`)}
${changeable ? card(tr.t('consoleAlerts.updateOrCancel'), html`<p><a class="button secondary" href="/console/alerts/${alert.id}/update">${tr.t('consoleAlerts.issueAnUpdate')}</a></p>
<form method="post" action="/console/alerts/${alert.id}/cancel">${csrfField(viewer.csrf)}
<div class="field"><label for="f-cancel-note">${tr.t('consoleAlerts.cancelNote')}</label><input id="f-cancel-note" name="note" type="text"></div>
<button type="submit" class="danger">${tr.t('consoleAlerts.cancel')}</button></form>
<p class="hint">${tr.t('consoleAlerts.cancelHint')}</p>`) : ''}
</div>
${card(tr.t('consoleAlerts.capDocument'), html`<pre class="cap" id="cap-document">${options.cap}</pre>`)}`,
  });
}
