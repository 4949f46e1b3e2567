import type { CrisisSummary, PersonRow } from '../../crises/dashboard.ts';
import type { CrisisRecord } from '../../crises/records.ts';
import { STATE_LABELS, STATE_ORDER, type CrisisCounts, type PersonState } from '../../domain/crises.ts';
import { html, type SafeHtml } from '../html.ts';
import type { TimelinePoint, TimelineUnit } from '../../domain/crisis-timeline.ts';
import type { OrganisationCounts } from '../../crises/by-organisation.ts';
import { hoursOf } from '../../domain/crisis-timers.ts';
import { timelineChart } from './crisis-timeline-chart.ts';
import { card, consolePage, csrfField, errorSummary, fieldErrors, notice, timeTag, type FieldMessage, type Viewer, frameOf } from './layout.ts';

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

const FOLLOW_UP_HINT = 'Hours; a reminder goes to those with no answer this long after the last check-in. Empty = only when you send one.';
const ESCALATE_HINT = 'Hours of silence after which the emergency contacts a person agreed to are asked, once. Empty = never.';

function badges(crisis: CrisisRecord): SafeHtml {
  return html`${crisis.exercise ? html`<span class="badge status status-scheduled">EXERCISE</span> ` : ''}<span class="badge status ${crisis.status === 'active' ? 'status-overdue' : 'status-published'}">${crisis.status}</span>`;
}

export function crisesListPage(viewer: Viewer, crises: readonly { crisis: CrisisRecord; counts: CrisisCounts }[], form: { model: DeclareForm; errors: readonly FieldMessage[]; notice?: string }): string {
  return consolePage({
    title: 'Crises',
    ...frameOf(viewer),
    nav: 'crises',
    main: html`<div class="page-head"><div><h1>Crises</h1>
<p class="meta">Declare a crisis for an area, then ask everyone there "Are you safe?". Exercises are labelled EXERCISE in every message and counted apart.</p></div></div>
${notice(form.notice)}
${card('Every crisis', crises.length === 0 ? html`<p class="empty">No crisis has been declared.</p>` : html`<table><thead><tr><th scope="col">Crisis</th><th scope="col">Area</th><th scope="col">Began</th><th scope="col" class="num">Need help</th><th scope="col" class="num">No answer</th><th scope="col" class="num">People</th></tr></thead><tbody>
${crises.map(({ crisis, counts }) => html`<tr><td><a href="/console/crises/${crisis.id}">${crisis.title}</a> ${badges(crisis)}</td><td class="small">${crisis.areaDesc}</td><td class="nowrap small">${timeTag(crisis.startedAt)}</td>
<td class="num">${counts.needHelp}</td><td class="num">${counts.noAnswer + counts.undeliverable}</td><td class="num">${Object.values(counts).reduce((a, b) => a + b, 0)}</td></tr>`)}
</tbody></table>`)}
${declareCard(viewer, form.model, form.errors)}`,
  });
}

function declareCard(viewer: Viewer, model: DeclareForm, errors: readonly FieldMessage[]): SafeHtml {
  const field = (name: keyof DeclareForm, label: string, hint: string, ...errorFields: string[]) => html`<div class="field"><label for="f-${name}">${label}</label><p class="hint">${hint}</p>${fieldErrors(errors, name, ...errorFields)}
<input id="f-${name}" name="${name}" type="text" value="${String(model[name])}"></div>`;
  const indexed = (prefix: string) => errors.filter((e) => e.field.startsWith(`${prefix}.`)).map((e) => e.field);
  return card('Declare a crisis', html`${errorSummary(errors, 'The crisis was not declared. Please correct:')}
<form method="post" action="/console/crises">${csrfField(viewer.csrf)}
${field('title', 'Title', 'One line, as people will read it: "Unrest in Moscow".')}
${field('destinations', 'Destinations', 'ISO 3166-1 codes, separated by commas: RU, BY.', ...indexed('destinations'))}
${field('regions', 'Regions (optional)', 'ISO 3166-2 codes or area names, separated by commas: RU-MOW. Without regions, the whole of each destination.', ...indexed('regions'))}
${field('startedAt', 'Began (optional)', 'RFC 3339 with a zone, e.g. 2026-11-23T18:00:00+03:00; empty = now. Trips that ended before this day are out of scope.')}
${field('followUpEveryHours', 'Follow up every (optional)', FOLLOW_UP_HINT)}
${field('escalateAfterHours', 'Ask emergency contacts after (optional)', ESCALATE_HINT)}
<div class="field"><label><input type="checkbox" name="exercise" value="true"${model.exercise ? html` checked` : ''}> Exercise (a drill: every message says EXERCISE)</label>${fieldErrors(errors, 'exercise')}</div>
<button type="submit">Declare</button></form>`);
}

/** Counts by answer as a horizontal bar chart: server-rendered SVG, readable without CSS or script. */
function countsChart(counts: CrisisCounts): SafeHtml {
  const max = Math.max(1, ...Object.values(counts));
  const row = 26;
  return html`<svg role="img" aria-labelledby="chart-title" viewBox="0 0 520 ${STATE_ORDER.length * row + 4}" width="520" height="${STATE_ORDER.length * row + 4}">
<title id="chart-title">People by answer: ${STATE_ORDER.map((s) => `${STATE_LABELS[s]} ${counts[COUNT_KEY[s]]}`).join(', ')}</title>
${STATE_ORDER.map((state, i) => {
    const n = counts[COUNT_KEY[state]];
    const width = Math.round((n / max) * 330);
    return html`<text x="0" y="${i * row + 17}" font-size="13">${STATE_LABELS[state]}</text><rect x="130" y="${i * row + 4}" width="${width}" height="18" fill="${COLOURS[state]}"></rect><text x="${136 + width}" y="${i * row + 17}" font-size="13" font-weight="700">${n}</text>`;
  })}</svg>`;
}

function countsTable(rows: readonly { label: string; counts: CrisisCounts }[], heading = 'Place'): SafeHtml {
  return html`<table><thead><tr><th scope="col">${heading}</th>${STATE_ORDER.map((s) => html`<th scope="col" class="num">${STATE_LABELS[s]}</th>`)}</tr></thead><tbody>
${rows.map((r) => html`<tr><td>${r.label}</td>${STATE_ORDER.map((s) => html`<td class="num">${r.counts[COUNT_KEY[s]]}</td>`)}</tr>`)}</tbody></table>`;
}

function needHelpTable(people: readonly PersonRow[]): SafeHtml {
  if (people.length === 0) return html`<p class="empty">Nobody has asked for help.</p>`;
  return html`<table><thead><tr><th scope="col">Who</th><th scope="col">Where</th><th scope="col">Location given</th><th scope="col" class="num">Party</th><th scope="col">Note</th><th scope="col">Answered</th></tr></thead><tbody>
${people.map((p) => html`<tr><td>${p.name || '—'}<br><span class="small">${p.email}${p.phone ? html` · ${p.phone}` : ''}</span></td><td class="small">${p.places.join('; ')}</td>
<td>${p.location ?? '—'}</td><td class="num">${p.partySize ?? '—'}</td><td class="pre-line">${p.note ?? '—'}</td><td class="nowrap small">${timeTag(p.answeredAt)} by ${p.channel ?? '—'}</td></tr>`)}</tbody></table>`;
}

function wavesTable(summary: CrisisSummary): SafeHtml {
  if (summary.waves.length === 0) return html`<p class="empty">No check-in has been sent yet.</p>`;
  return html`<table><thead><tr><th scope="col">#</th><th scope="col">Kind</th><th scope="col">Sent</th><th scope="col">By</th><th scope="col" class="num">People</th><th scope="col" class="num">Sent</th><th scope="col" class="num">Waiting</th><th scope="col" class="num">Failed</th></tr></thead><tbody>
${summary.waves.map((w) => html`<tr><td>${w.number}</td><td>${w.kind}</td><td class="nowrap small">${timeTag(w.sentAt)}</td><td class="small">${w.sentBy}</td>
<td class="num">${w.fannedOut ? w.people : 'queued'}</td><td class="num">${w.deliveries.sent}</td><td class="num">${w.deliveries.queued + w.deliveries.sending}</td><td class="num">${w.deliveries.failed + w.deliveries.bounced}</td></tr>`)}</tbody></table>`;
}

function actions(viewer: Viewer, crisis: CrisisRecord, summary: CrisisSummary): SafeHtml {
  if (crisis.status !== 'active') return html`<p>Closed ${timeTag(crisis.closedAt)}: no more check-ins are sent or recorded.</p>`;
  return html`<div class="actions">
<form method="post" action="/console/crises/${crisis.id}/waves">${csrfField(viewer.csrf)}<button type="submit">Ask everyone in scope now</button></form>
${summary.waves.length > 0 ? html`<form method="post" action="/console/crises/${crisis.id}/waves">${csrfField(viewer.csrf)}<input type="hidden" name="followUp" value="true"><button type="submit" class="secondary">Follow up with those who have not answered</button></form>` : ''}
<form method="post" action="/console/crises/${crisis.id}/close">${csrfField(viewer.csrf)}<button type="submit" class="danger">Close the crisis</button></form></div>`;
}

/** Change what an active crisis does by itself (the staff API's PATCH, audited the same way). */
function timersCard(viewer: Viewer, crisis: CrisisRecord): SafeHtml {
  if (crisis.status !== 'active') return html``;
  const value = (minutes: number | null) => (minutes === null ? '' : String(hoursOf(minutes)));
  return card('Timers', html`<form method="post" action="/console/crises/${crisis.id}/settings" class="row">${csrfField(viewer.csrf)}
<div class="field"><label for="t-followUpEveryHours">Follow up every (hours)</label><p class="hint">${FOLLOW_UP_HINT}</p><input id="t-followUpEveryHours" name="followUpEveryHours" type="text" inputmode="decimal" value="${value(crisis.followUpEveryMinutes)}"></div>
<div class="field"><label for="t-escalateAfterHours">Ask emergency contacts after (hours)</label><p class="hint">${ESCALATE_HINT}</p><input id="t-escalateAfterHours" name="escalateAfterHours" type="text" inputmode="decimal" value="${value(crisis.escalateAfterMinutes)}"></div>
<div><button type="submit" class="secondary">Save timers</button></div></form>`);
}

/** The drawn area (informative) and what the crisis does by itself. */
function settingsLine(crisis: CrisisRecord): SafeHtml {
  const every = hoursOf(crisis.followUpEveryMinutes);
  const after = hoursOf(crisis.escalateAfterMinutes);
  return html`<p class="meta">${every === null ? 'Follow-ups: only when staff send them' : `Follow-up every ${every} h to those with no answer`} · ${after === null ? 'Emergency contacts: never asked' : `Emergency contacts (where agreed) asked after ${after} h of silence`}</p>
${crisis.polygon || crisis.circle ? html`<p class="meta" id="drawn-area">Drawn area${crisis.polygon ? html` — polygon: <code>${crisis.polygon}</code>` : ''}${crisis.circle ? html` — circle (lat,lon km): <code>${crisis.circle}</code>` : ''}. Informative: who is asked is decided by destination and region (trips carry no coordinates).</p>` : ''}`;
}

export function crisisPage(viewer: Viewer, crisis: CrisisRecord, summary: CrisisSummary, needHelp: readonly PersonRow[], message: { notice?: string; problem?: string } = {},
  timeline: { unit: TimelineUnit; points: TimelinePoint[] } | null = null, departures: SafeHtml | '' = '', byOrganisation: readonly OrganisationCounts[] = []): string {
  return consolePage({
    title: crisis.exercise ? `EXERCISE – ${crisis.title}` : crisis.title,
    ...frameOf(viewer),
    nav: 'crises',
    main: html`<div class="page-head"><div><h1>${crisis.title} ${badges(crisis)}</h1>
<p class="meta">${crisis.areaDesc} · began ${timeTag(crisis.startedAt)}${crisis.alertId ? html` · <a href="/console/alerts/${crisis.alertId}">alert ${crisis.alertId}</a>` : ''}${crisis.advisory ? html` · advisory ${crisis.advisory.code} revision ${crisis.advisory.revision}` : ''}</p>
${settingsLine(crisis)}</div>
<a class="button secondary" href="/console/crises/${crisis.id}/people.csv">Export CSV</a></div>
${notice(message.notice)}
${message.problem ? html`<div class="problem" role="alert"><p>${message.problem}</p></div>` : ''}
${actions(viewer, crisis, summary)}
${card(`${summary.people} people in scope`, countsChart(summary.counts))}
${card('Answers over time', timelineChart(timeline))}
${timersCard(viewer, crisis)}
${card(`Need help (${summary.counts.needHelp})`, needHelpTable(needHelp))}
${card('By place', summary.byPlace.length ? countsTable(summary.byPlace) : html`<p class="empty">Nobody found in scope yet: send a check-in.</p>`)}
${byOrganisation.length ? card('By organisation', countsTable(byOrganisation.map((o) => ({ label: o.organisation, counts: o.counts })), 'Organisation')) : ''}
${card('Check-ins sent', wavesTable(summary))}
${departures}`,
  });
}
