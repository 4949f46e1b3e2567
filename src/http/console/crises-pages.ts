import type { CrisisSummary, PersonRow } from '../../crises/dashboard.ts';
import type { CrisisRecord } from '../../crises/records.ts';
import { STATE_ORDER, type CrisisCounts, type PersonState } from '../../domain/crises.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import type { TimelinePoint, TimelineUnit } from '../../domain/crisis-timeline.ts';
import type { OrganisationCounts } from '../../crises/by-organisation.ts';
import { hoursOf } from '../../domain/crisis-timers.ts';
import { timelineChart } from './crisis-timeline-chart.ts';
import { card, consolePage, csrfField, fieldErrors, notice, timeTag, type FieldMessage, type Viewer, frameOf } from './layout.ts';
import { refusalSummary, translatedErrors } from './crisis-refusals.ts';
import { say } from './crisis-text.ts';

/**
 * The console's Crises pages (docs/crises.md): every crisis with its counts and the form that
 * declares one; a crisis's dashboard with counts by answer (need help first, as a server-rendered
 * SVG chart and a table), the people who need help, counts by place and by wave, the buttons that
 * send waves and close it, and the CSV export.
 */

const COUNT_KEY: Record<PersonState, keyof CrisisCounts> = { need_help: 'needHelp', no_answer: 'noAnswer', undeliverable: 'undeliverable', safe: 'safe', left: 'left' };
const COLOURS: Record<PersonState, string> = { need_help: '#b3261e', no_answer: '#8a6d00', undeliverable: '#5f6b76', safe: '#1e7b34', left: '#2f5d8a' };

export interface DeclareForm {
  title: string;
  destinations: string;
  regions: string;
  startedAt: string;
  followUpEveryHours: string;
  escalateAfterHours: string;
  exercise: boolean;
}

export const emptyDeclareForm: DeclareForm = { title: '', destinations: '', regions: '', startedAt: '', followUpEveryHours: '', escalateAfterHours: '', exercise: false };

/** A person's state as the dashboard names it ("Need help", "Sans réponse"). */
export const stateLabel = (tr: Translator, state: PersonState): string => tr.t('consoleCrises.state', { state });

function badges(tr: Translator, crisis: CrisisRecord): SafeHtml {
  return html`${crisis.exercise ? html`<span class="badge status status-scheduled">${tr.t('consoleCrises.exerciseBadge')}</span> ` : ''}<span class="badge status ${crisis.status === 'active' ? 'status-overdue' : 'status-published'}">${tr.t('consoleCrises.crisisStatus', { status: crisis.status })}</span>`;
}

export function crisesListPage(viewer: Viewer, crises: readonly { crisis: CrisisRecord; counts: CrisisCounts }[], form: { model: DeclareForm; errors: readonly FieldMessage[]; notice?: string }): string {
  const { tr } = viewer;
  return consolePage({
    title: tr.t('consoleCrises.title'),
    ...frameOf(viewer),
    nav: 'crises',
    main: html`<div class="page-head"><div><h1>${say(tr, 'consoleCrises.title')}</h1>
<p class="meta">${say(tr, 'consoleCrises.intro')}</p></div></div>
${notice(form.notice)}
${card(say(tr, 'consoleCrises.every'), crises.length === 0 ? html`<p class="empty">${say(tr, 'consoleCrises.none')}</p>` : html`<table><thead><tr><th scope="col">${say(tr, 'consoleCrises.col.crisis')}</th><th scope="col">${say(tr, 'consoleCrises.col.area')}</th><th scope="col">${say(tr, 'consoleCrises.col.began')}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.needHelp')}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.noAnswer')}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.people')}</th></tr></thead><tbody>
${crises.map(({ crisis, counts }) => html`<tr><td><a href="/console/crises/${crisis.id}">${crisis.title}</a> ${badges(tr, crisis)}</td><td class="small">${crisis.areaDesc}</td><td class="nowrap small">${timeTag(crisis.startedAt)}</td>
<td class="num">${counts.needHelp}</td><td class="num">${counts.noAnswer + counts.undeliverable}</td><td class="num">${Object.values(counts).reduce((a, b) => a + b, 0)}</td></tr>`)}
</tbody></table>`)}
${declareCard(viewer, form.model, form.errors)}`,
  });
}

function declareCard(viewer: Viewer, model: DeclareForm, errors: readonly FieldMessage[]): SafeHtml {
  const { tr } = viewer;
  const said = translatedErrors(tr, errors);
  const field = (name: keyof DeclareForm, label: SafeHtml, hint: SafeHtml, ...errorFields: string[]) => html`<div class="field"><label for="f-${name}">${label}</label><p class="hint">${hint}</p>${fieldErrors(said, name, ...errorFields)}
<input id="f-${name}" name="${name}" type="text" value="${String(model[name])}"></div>`;
  const indexed = (prefix: string) => errors.filter((e) => e.field.startsWith(`${prefix}.`)).map((e) => e.field);
  return card(say(tr, 'consoleCrises.declare'), html`${refusalSummary(tr, errors, tr.t('consoleCrises.declareErrors'))}
<form method="post" action="/console/crises">${csrfField(viewer.csrf)}
${field('title', say(tr, 'consoleCrises.field.title'), say(tr, 'consoleCrises.hint.title'))}
${field('destinations', say(tr, 'consoleCrises.field.destinations'), say(tr, 'consoleCrises.hint.destinations'), ...indexed('destinations'))}
${field('regions', say(tr, 'consoleCrises.field.regions'), say(tr, 'consoleCrises.hint.regions'), ...indexed('regions'))}
${field('startedAt', say(tr, 'consoleCrises.field.startedAt'), say(tr, 'consoleCrises.hint.startedAt'))}
${field('followUpEveryHours', say(tr, 'consoleCrises.field.followUp'), say(tr, 'consoleCrises.hint.followUp'))}
${field('escalateAfterHours', say(tr, 'consoleCrises.field.escalate'), say(tr, 'consoleCrises.hint.escalate'))}
<div class="field"><label><input type="checkbox" name="exercise" value="true"${model.exercise ? html` checked` : ''}> ${say(tr, 'consoleCrises.field.exercise')}</label>${fieldErrors(said, 'exercise')}</div>
<button type="submit">${say(tr, 'consoleCrises.declareButton')}</button></form>`);
}

/** Counts by answer as a horizontal bar chart: server-rendered SVG, readable without CSS or script. */
function countsChart(tr: Translator, counts: CrisisCounts): SafeHtml {
  const max = Math.max(1, ...Object.values(counts));
  const row = 26;
  return html`<svg role="img" aria-labelledby="chart-title" viewBox="0 0 520 ${STATE_ORDER.length * row + 4}" width="520" height="${STATE_ORDER.length * row + 4}">
<title id="chart-title">${say(tr, 'consoleCrises.chartTitle', { counts: STATE_ORDER.map((s) => `${stateLabel(tr, s)} ${counts[COUNT_KEY[s]]}`).join(', ') })}</title>
${STATE_ORDER.map((state, i) => {
    const n = counts[COUNT_KEY[state]];
    const width = Math.round((n / max) * 330);
    return html`<text x="0" y="${i * row + 17}" font-size="13">${say(tr, 'consoleCrises.state', { state })}</text><rect x="130" y="${i * row + 4}" width="${width}" height="18" fill="${COLOURS[state]}"></rect><text x="${136 + width}" y="${i * row + 17}" font-size="13" font-weight="700">${n}</text>`;
  })}</svg>`;
}

function countsTable(tr: Translator, rows: readonly { label: string; counts: CrisisCounts }[], heading = say(tr, 'consoleCrises.place')): SafeHtml {
  return html`<table><thead><tr><th scope="col">${heading}</th>${STATE_ORDER.map((s) => html`<th scope="col" class="num">${say(tr, 'consoleCrises.state', { state: s })}</th>`)}</tr></thead><tbody>
${rows.map((r) => html`<tr><td>${r.label}</td>${STATE_ORDER.map((s) => html`<td class="num">${r.counts[COUNT_KEY[s]]}</td>`)}</tr>`)}</tbody></table>`;
}

function needHelpTable(tr: Translator, people: readonly PersonRow[]): SafeHtml {
  if (people.length === 0) return html`<p class="empty">${say(tr, 'consoleCrises.nobodyNeedsHelp')}</p>`;
  return html`<table><thead><tr><th scope="col">${say(tr, 'consoleCrises.col.who')}</th><th scope="col">${say(tr, 'consoleCrises.col.where')}</th><th scope="col">${say(tr, 'consoleCrises.col.location')}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.party')}</th><th scope="col">${say(tr, 'consoleCrises.col.note')}</th><th scope="col">${say(tr, 'consoleCrises.col.answered')}</th></tr></thead><tbody>
${people.map((p) => html`<tr><td>${p.name || '—'}<br><span class="small">${p.email}${p.phone ? html` · ${p.phone}` : ''}</span></td><td class="small">${p.places.join('; ')}</td>
<td>${p.location ?? '—'}</td><td class="num">${p.partySize ?? '—'}</td><td class="pre-line">${p.note ?? '—'}</td><td class="nowrap small">${say(tr, 'consoleCrises.answeredBy', { when: timeTag(p.answeredAt), channel: p.channel === null ? '—' : html`${tr.t('consoleCrises.answerChannel', { channel: p.channel })}` })}</td></tr>`)}</tbody></table>`;
}

function wavesTable(tr: Translator, summary: CrisisSummary): SafeHtml {
  if (summary.waves.length === 0) return html`<p class="empty">${say(tr, 'consoleCrises.noWave')}</p>`;
  const sent = say(tr, 'consoleCrises.col.sent');
  return html`<table><thead><tr><th scope="col">#</th><th scope="col">${say(tr, 'consoleCrises.col.kind')}</th><th scope="col">${sent}</th><th scope="col">${say(tr, 'consoleCrises.col.by')}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.people')}</th><th scope="col" class="num">${sent}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.waiting')}</th><th scope="col" class="num">${say(tr, 'consoleCrises.col.failed')}</th></tr></thead><tbody>
${summary.waves.map((w) => html`<tr><td>${w.number}</td><td>${tr.t('consoleCrises.waveKind', { kind: w.kind.replace('-', '_') })}</td><td class="nowrap small">${timeTag(w.sentAt)}</td><td class="small">${w.sentBy}</td>
<td class="num">${w.fannedOut ? w.people : say(tr, 'consoleCrises.queued')}</td><td class="num">${w.deliveries.sent}</td><td class="num">${w.deliveries.queued + w.deliveries.sending}</td><td class="num">${w.deliveries.failed + w.deliveries.bounced}</td></tr>`)}</tbody></table>`;
}

function actions(viewer: Viewer, crisis: CrisisRecord, summary: CrisisSummary): SafeHtml {
  const { tr } = viewer;
  if (crisis.status !== 'active') return html`<p>${say(tr, 'consoleCrises.closedOn', { when: timeTag(crisis.closedAt) })}</p>`;
  return html`<div class="actions">
<form method="post" action="/console/crises/${crisis.id}/waves">${csrfField(viewer.csrf)}<button type="submit">${say(tr, 'consoleCrises.askEveryone')}</button></form>
${summary.waves.length > 0 ? html`<form method="post" action="/console/crises/${crisis.id}/waves">${csrfField(viewer.csrf)}<input type="hidden" name="followUp" value="true"><button type="submit" class="secondary">${say(tr, 'consoleCrises.followUpButton')}</button></form>` : ''}
<form method="post" action="/console/crises/${crisis.id}/close">${csrfField(viewer.csrf)}<button type="submit" class="danger">${say(tr, 'consoleCrises.closeButton')}</button></form></div>`;
}

/** Change what an active crisis does by itself (the staff API's PATCH, audited the same way). */
function timersCard(viewer: Viewer, crisis: CrisisRecord): SafeHtml {
  if (crisis.status !== 'active') return html``;
  const value = (minutes: number | null) => (minutes === null ? '' : String(hoursOf(minutes)));
  const { tr } = viewer;
  return card(say(tr, 'consoleCrises.timers'), html`<form method="post" action="/console/crises/${crisis.id}/settings" class="row">${csrfField(viewer.csrf)}
<div class="field"><label for="t-followUpEveryHours">${say(tr, 'consoleCrises.field.followUpHours')}</label><p class="hint">${say(tr, 'consoleCrises.hint.followUp')}</p><input id="t-followUpEveryHours" name="followUpEveryHours" type="text" inputmode="decimal" value="${value(crisis.followUpEveryMinutes)}"></div>
<div class="field"><label for="t-escalateAfterHours">${say(tr, 'consoleCrises.field.escalateHours')}</label><p class="hint">${say(tr, 'consoleCrises.hint.escalate')}</p><input id="t-escalateAfterHours" name="escalateAfterHours" type="text" inputmode="decimal" value="${value(crisis.escalateAfterMinutes)}"></div>
<div><button type="submit" class="secondary">${say(tr, 'consoleCrises.saveTimers')}</button></div></form>`);
}

/** The drawn area (informative) and what the crisis does by itself. */
function settingsLine(tr: Translator, crisis: CrisisRecord): SafeHtml {
  const every = hoursOf(crisis.followUpEveryMinutes);
  const after = hoursOf(crisis.escalateAfterMinutes);
  return html`<p class="meta">${every === null ? say(tr, 'consoleCrises.followUpsManual') : say(tr, 'consoleCrises.followUpsEvery', { hours: String(every) })} · ${after === null ? say(tr, 'consoleCrises.contactsNever') : say(tr, 'consoleCrises.contactsAfter', { hours: String(after) })}</p>
${crisis.polygon || crisis.circle ? html`<p class="meta" id="drawn-area">${say(tr, 'consoleCrises.drawnArea')}${crisis.polygon ? html`${say(tr, 'consoleCrises.polygon')}<code>${crisis.polygon}</code>` : ''}${crisis.circle ? html`${say(tr, 'consoleCrises.circle')}<code>${crisis.circle}</code>` : ''}${say(tr, 'consoleCrises.drawnAreaNote')}</p>` : ''}`;
}

export function crisisPage(viewer: Viewer, crisis: CrisisRecord, summary: CrisisSummary, needHelp: readonly PersonRow[], message: { notice?: string; problem?: string } = {},
  timeline: { unit: TimelineUnit; points: TimelinePoint[] } | null = null, departures: SafeHtml | '' = '', byOrganisation: readonly OrganisationCounts[] = []): string {
  const { tr } = viewer;
  return consolePage({
    title: crisis.exercise ? tr.t('consoleCrises.exerciseTitle', { title: crisis.title }) : crisis.title,
    ...frameOf(viewer),
    nav: 'crises',
    main: html`<div class="page-head"><div><h1>${crisis.title} ${badges(tr, crisis)}</h1>
<p class="meta">${crisis.areaDesc} · ${say(tr, 'consoleCrises.began', { when: timeTag(crisis.startedAt) })}${crisis.alertId ? html` · <a href="/console/alerts/${crisis.alertId}">${say(tr, 'consoleCrises.alert', { id: String(crisis.alertId) })}</a>` : ''}${crisis.advisory ? html` · ${say(tr, 'consoleCrises.advisory', { code: html`${crisis.advisory.code}`, revision: String(crisis.advisory.revision) })}` : ''}</p>
${settingsLine(tr, crisis)}</div>
<a class="button secondary" href="/console/crises/${crisis.id}/people.csv">${say(tr, 'consoleCrises.exportCsv')}</a></div>
${notice(message.notice)}
${message.problem ? html`<div class="problem" role="alert"><p>${message.problem}</p></div>` : ''}
${actions(viewer, crisis, summary)}
${card(say(tr, 'consoleCrises.inScope', { count: String(summary.people) }), countsChart(tr, summary.counts))}
${card(say(tr, 'consoleCrises.overTime'), timelineChart(tr, timeline))}
${timersCard(viewer, crisis)}
${card(say(tr, 'consoleCrises.needHelp', { count: String(summary.counts.needHelp) }), needHelpTable(tr, needHelp))}
${card(say(tr, 'consoleCrises.byPlace'), summary.byPlace.length ? countsTable(tr, summary.byPlace) : html`<p class="empty">${say(tr, 'consoleCrises.nobodyInScope')}</p>`)}
${byOrganisation.length ? card(say(tr, 'consoleCrises.byOrganisation'), countsTable(tr, byOrganisation.map((o) => ({ label: o.organisation, counts: o.counts })), say(tr, 'consoleCrises.organisation'))) : ''}
${card(say(tr, 'consoleCrises.checkInsSent'), wavesTable(tr, summary))}
${departures}`,
  });
}
