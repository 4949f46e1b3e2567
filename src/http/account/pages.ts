import { DESTINATIONS } from '../../domain/destinations.ts';
import { levelLabel, type Level } from '../../domain/levels.ts';
import type { ChannelView } from '../../enrolment/channels.ts';
import type { CsvImportReport } from '../../enrolment/csv-import.ts';
import type { ExposureRow, Membership } from '../../enrolment/organisations.ts';
import type { Profile } from '../../enrolment/profile.ts';
import { regionLabel } from '../../enrolment/regions.ts';
import type { SubscriptionView } from '../../enrolment/subscriptions.ts';
import type { TripView } from '../../enrolment/trips.ts';
import { LANGUAGES } from '../../enrolment/validation.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDate, levelBadge } from '../pages/components.ts';
import { accountPage } from './layout.ts';

export interface Flash {
  notice?: string | undefined;
  problem?: string | undefined;
}

function flash({ notice, problem }: Flash): SafeHtml {
  return html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}`;
}

const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

/** One list of every destination name, for the inputs that take a destination (works without JS). */
const destinationList = html`<datalist id="destination-names">${DESTINATIONS.map((d) => html`<option value="${d.name}">${d.code}</option>`)}</datalist>`;

function dates(start: string, end: string | null): string {
  return end ? `${formatDate(start)} – ${formatDate(end)}` : `from ${formatDate(start)}, residing abroad`;
}

function badge(level: number | null): SafeHtml {
  return levelBadge(level === null ? null : (level as Level));
}

// ---- Sign-up / sign-in ----

export function signInPage(publicUrl: string, options: { formToken: string; email?: string; problem?: string; notice?: string }): string {
  return accountPage(publicUrl, 'Sign up or sign in', html`
<div class="narrow">
<h1>Travel safer: enrol with Waypost</h1>
<p class="lede">Get the advisories, alerts and check-ins for the places you go. No password: we e-mail you a link.</p>
${flash(options)}
<form class="card" method="post" action="/account/sign-in" novalidate>
<input type="hidden" name="_form" value="${options.formToken}">
<div class="field"><label for="email">Your e-mail address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${options.email ?? ''}"${options.problem ? html` aria-invalid="true"` : ''}>
<p class="hint">New here? This confirms your address and creates your account. Enrolled already? It signs you in.</p></div>
<button type="submit">E-mail me a link</button>
</form>
<p class="small">We use your address only to reach you about your trips and subscriptions. You can download or delete everything at any time.</p>
</div>`);
}

export function checkEmailPage(publicUrl: string): string {
  return accountPage(publicUrl, 'Check your e-mail', html`
<div class="narrow">
<h1>Check your e-mail</h1>
<p class="lede">If the address can be used with Waypost, a message with a link is on its way to it.</p>
<div class="card"><p>Open the link within <strong>15 minutes</strong>, on this or any device. It works once.</p>
<p>Nothing arrived? Look in your spam folder, or <a href="/account/sign-in">ask for another link</a>.</p></div>
</div>`);
}

export function linkLandingPage(publicUrl: string, token: string): string {
  return accountPage(publicUrl, 'Confirm and sign in', html`
<div class="narrow">
<h1>Confirm and sign in</h1>
<p class="lede">One more click confirms your e-mail address and signs you in.</p>
<form class="card" method="post" action="/account/link/${token}">
<button type="submit">Confirm and sign in</button>
</form>
</div>`);
}

// ---- The account ----

export interface AccountData {
  profile: Profile;
  trips: TripView[];
  subscriptions: SubscriptionView[];
  channels: ChannelView[];
  memberships: Membership[];
  csrf: string;
  smsNote: string;
  today: string;
}

export function accountHome(publicUrl: string, data: AccountData, message: Flash = {}): string {
  const { profile, csrf } = data;
  const active = data.trips.filter((t) => !t.cancelledAt && (t.end === null || t.end >= data.today));
  const past = data.trips.filter((t) => !active.includes(t));
  return accountPage(publicUrl, 'Your account', html`
${destinationList}
<div class="account-head">
<div><h1>Your account</h1><p class="meta">Signed in as <strong>${profile.email}</strong></p></div>
<form method="post" action="/account/sign-out">${csrfField(csrf)}<button class="secondary" type="submit">Sign out</button></form>
</div>
<nav aria-label="Account sections"><ul class="account-nav">
<li><a href="#trips">Trips</a></li><li><a href="#subscriptions">Subscriptions</a></li><li><a href="#preferences">Preferences</a></li>
<li><a href="#profile">Profile</a></li><li><a href="#channels">Channels</a></li><li><a href="#organisations">Organisations</a></li><li><a href="#data">Your data</a></li>
</ul></nav>
${flash(message)}
${profile.unsubscribedAt ? html`<p class="problem">You unsubscribed from all messages on ${formatDate(profile.unsubscribedAt)}. Nothing is sent to you until you <a href="#preferences">turn messages back on</a>.</p>` : ''}

<section class="card" id="trips" aria-labelledby="trips-title">
<h2 id="trips-title">Your trips</h2>
${active.length ? html`<ul class="items">${active.map((trip) => tripItem(trip, csrf))}</ul>` : html`<p class="empty">No trip ahead or under way.</p>`}
<h3>Enrol a trip</h3>
${tripForm({ action: '/account/trips', csrf, submit: 'Enrol this trip' })}
${past.length ? html`<h3>Ended and cancelled</h3><ul class="items">${past.map((trip) => html`<li><div class="item-main"><span class="item-title">${trip.destinations.map((d) => d.name).join(', ')}</span><span class="item-meta">${dates(trip.start, trip.end)}${trip.cancelledAt ? ' · cancelled' : ' · ended'}; deleted automatically after the retention period</span></div></li>`)}</ul>` : ''}
</section>

<div class="grid-2">
<section class="card" id="subscriptions" aria-labelledby="subs-title">
<h2 id="subs-title">Subscriptions</h2>
<p class="hint">News about a place without a trip there.</p>
${data.subscriptions.length ? html`<ul class="items">${data.subscriptions.map((s) => html`<li><div class="item-main"><span class="item-title">${subscriptionTitle(s)}</span><span class="item-meta">${typesText(s)} · ${s.frequency === 'digest' ? 'daily digest' : 'immediately'}</span></div>
<form method="post" action="/account/subscriptions/${s.id}/delete">${csrfField(csrf)}<button class="secondary" type="submit">Unsubscribe<span class="visually-hidden"> from ${subscriptionTitle(s)}</span></button></form></li>`)}</ul>` : html`<p class="empty">No subscriptions yet.</p>`}
<h3>Subscribe</h3>
<form method="post" action="/account/subscriptions">${csrfField(csrf)}
<fieldset class="field"><legend>About</legend><div class="checks">
<label><input type="radio" name="kind" value="destination" checked> One destination</label>
<label><input type="radio" name="kind" value="level4"> Every Level 4 change, anywhere</label></div></fieldset>
<div class="field"><label for="sub-destination">Destination</label><input id="sub-destination" name="destination" type="text" list="destination-names" autocomplete="off" placeholder="e.g. Russia"></div>
${typeChecks('sub', { advisories: true, alerts: true, routine: false })}
${frequencyChoice('sub', 'immediate')}
<button type="submit">Subscribe</button>
</form>
</section>

<section class="card" id="preferences" aria-labelledby="prefs-title">
<h2 id="prefs-title">Preferences for your trips</h2>
${preferencesForm('/account/preferences', csrf, profile)}
</section>
</div>

<section class="card" id="profile" aria-labelledby="profile-title">
<h2 id="profile-title">Profile</h2>
${profileForm(profile, csrf)}
</section>

<section class="card" id="channels" aria-labelledby="channels-title">
<h2 id="channels-title">How we reach you</h2>
<ul class="items">${data.channels.map((c) => channelItem(c, csrf))}</ul>
<div class="grid-2">
<form method="post" action="/account/channels/webhook">${csrfField(csrf)}
<div class="field"><label for="webhook-url">Add a webhook (for organisations)</label><input id="webhook-url" name="url" type="url" placeholder="https://example.org/waypost" maxlength="2000">
<p class="hint">We POST a signed challenge (Standard Webhooks); your endpoint confirms by echoing it back.</p></div>
<button type="submit" class="secondary">Add webhook</button></form>
<form method="post" action="/account/channels/sms">${csrfField(csrf)}
<div class="field"><label for="sms-number">Add an SMS number</label><input id="sms-number" name="phone" type="tel" placeholder="+44 7700 900123" maxlength="30">
<p class="hint">${data.smsNote}</p></div>
<button type="submit" class="secondary">Add SMS number</button></form>
</div>
</section>

<section class="card" id="organisations" aria-labelledby="orgs-title">
<h2 id="orgs-title">Organisations</h2>
${data.memberships.length ? html`<ul class="items">${data.memberships.map((m) => html`<li><div class="item-main"><span class="item-title">${m.name}</span><span class="item-meta">${m.role === 'admin' ? 'You are an admin' : 'Enrolled you'}</span></div>${m.role === 'admin' ? html`<a class="btn secondary" href="/account/organisations/${m.organisationId}">People, exposure and CSV import</a>` : ''}</li>`)}</ul>` : html`<p class="empty">You belong to no organisation.</p>`}
<form method="post" action="/account/organisations" class="form-grid">${csrfField(csrf)}
<div class="field"><label for="org-name">Start an organisation (university, company, NGO)</label><input id="org-name" name="name" type="text" maxlength="200"></div>
<div class="field"><button type="submit" class="secondary">Create organisation</button></div></form>
</section>

<section class="card" id="data" aria-labelledby="data-title">
<h2 id="data-title">Your data</h2>
<p>Everything Waypost holds about you — profile, trips, subscriptions, channels, organisations and messages — in one JSON file.</p>
<div class="actions"><a class="btn" href="/account/export" download>Download my data (JSON)</a>
<a class="btn secondary" href="/account/delete">Delete my account…</a></div>
</section>`);
}

function tripItem(trip: TripView, csrf: string): SafeHtml {
  return html`<li><div class="item-main">
<span class="item-title">${trip.destinations.map((d, i) => html`${i ? ', ' : ''}${d.name}${d.region ? html` — ${regionLabel(d.region)}` : ''} ${badge(d.level)}${d.departureUrged ? html` <span class="tag-urgent">Leave now</span>` : ''}`)}</span>
<span class="item-meta">${dates(trip.start, trip.end)}${trip.organisation ? ` · enrolled by ${trip.organisation}` : ''}</span></div>
<div class="actions"><a class="btn secondary" href="/account/trips/${trip.id}/edit">Edit<span class="visually-hidden"> trip from ${trip.start}</span></a>
<form method="post" action="/account/trips/${trip.id}/cancel">${csrfField(csrf)}<button class="secondary" type="submit">Cancel trip</button></form></div></li>`;
}

function tripForm(options: { action: string; csrf: string; submit: string; trip?: TripView }): SafeHtml {
  const stops = options.trip?.destinations ?? [];
  const rows = [0, 1, 2].map((i) => ({ destination: stops[i]?.name ?? '', region: stops[i]?.region ?? '' }));
  const residing = options.trip ? options.trip.end === null : false;
  return html`<form method="post" action="${options.action}">${csrfField(options.csrf)}
${rows.map((row, i) => html`<div class="stop">
<div class="field"><label for="destination-${i}">${i === 0 ? 'Destination' : `Another destination (optional)`}</label><input id="destination-${i}" name="destination" type="text" list="destination-names" autocomplete="off" value="${row.destination}"${i === 0 ? html` required placeholder="e.g. Russia"` : ''}></div>
<div class="field"><label for="region-${i}">Region or city (optional)</label><input id="region-${i}" name="region" type="text" maxlength="100" value="${row.region}" placeholder="${i === 0 ? 'e.g. Moscow or RU-MOW' : ''}"></div>
</div>`)}
<div class="form-grid">
<div class="field"><label for="start">Start date</label><input id="start" name="start" type="date" required value="${options.trip?.start ?? ''}"></div>
<div class="field"><label for="end">End date</label><input id="end" name="end" type="date" value="${options.trip?.end ?? ''}"></div>
<div class="field checks"><label><input type="checkbox" name="residing" value="on"${residing ? html` checked` : ''}> I live there (no end date)</label></div>
</div>
<button type="submit">${options.submit}</button>
</form>`;
}

export function tripEditPage(publicUrl: string, trip: TripView, csrf: string, message: Flash = {}): string {
  return accountPage(publicUrl, 'Edit trip', html`${destinationList}
<p class="back"><a href="/account#trips">← Back to your account</a></p>
<h1>Edit trip</h1>
${flash(message)}
<div class="card">${tripForm({ action: `/account/trips/${trip.id}`, csrf, submit: 'Save trip', trip })}</div>`);
}

function subscriptionTitle(s: SubscriptionView): string {
  return s.kind === 'level4' ? 'Every Level 4 change, anywhere' : s.destinationName ?? s.destinationCode ?? '';
}

function typesText(s: { advisories: boolean; alerts: boolean; routine: boolean }): string {
  return [s.advisories && 'advisories', s.alerts && 'alerts', s.routine && 'routine messages'].filter(Boolean).join(', ') || 'nothing';
}

function typeChecks(prefix: string, value: { advisories: boolean; alerts: boolean; routine: boolean }): SafeHtml {
  return html`<fieldset class="field"><legend>Messages</legend><div class="checks">
<label><input type="checkbox" name="advisories" value="on" id="${prefix}-advisories"${value.advisories ? html` checked` : ''}> Advisory changes</label>
<label><input type="checkbox" name="alerts" value="on" id="${prefix}-alerts"${value.alerts ? html` checked` : ''}> Alerts</label>
<label><input type="checkbox" name="routine" value="on" id="${prefix}-routine"${value.routine ? html` checked` : ''}> Routine messages</label></div></fieldset>`;
}

function frequencyChoice(prefix: string, value: 'immediate' | 'digest'): SafeHtml {
  return html`<fieldset class="field"><legend>How often</legend><div class="checks">
<label><input type="radio" name="frequency" value="immediate" id="${prefix}-immediate"${value === 'immediate' ? html` checked` : ''}> As it happens</label>
<label><input type="radio" name="frequency" value="digest" id="${prefix}-digest"${value === 'digest' ? html` checked` : ''}> Daily digest</label></div>
<p class="hint">Urgent messages — leave now, Level 4, check-ins — always come at once.</p></fieldset>`;
}

function preferencesForm(action: string, csrf: string | null, profile: Profile): SafeHtml {
  const p = profile.tripPreferences;
  return html`<form method="post" action="${action}">${csrf ? csrfField(csrf) : ''}
${typeChecks('trip', p)}
${frequencyChoice('trip', p.frequency)}
${profile.unsubscribedAt ? html`<div class="field checks"><label><input type="checkbox" name="resume" value="on" checked> Send me messages again</label></div>` : ''}
<button type="submit">Save preferences</button>
</form>`;
}

function profileForm(profile: Profile, csrf: string): SafeHtml {
  const citizenships = [0, 1, 2].map((i) => {
    const code = profile.citizenships[i];
    return code ? DESTINATIONS.find((d) => d.code === code)?.name ?? code : '';
  });
  const contacts = [0, 1].map((i) => profile.emergencyContacts[i] ?? { name: '', phone: '', relation: '' });
  return html`<form method="post" action="/account/profile">${csrfField(csrf)}
<div class="form-grid">
<div class="field"><label for="name">Name</label><input id="name" name="name" type="text" autocomplete="name" maxlength="200" value="${profile.name}"></div>
<div class="field"><label for="phone">Phone (optional)</label><input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="30" value="${profile.phone ?? ''}"></div>
<div class="field"><label for="language">Language of messages</label><select id="language" name="language">${Object.entries(LANGUAGES).map(([code, name]) => html`<option value="${code}"${code === profile.language ? html` selected` : ''}>${name}</option>`)}</select></div>
</div>
<fieldset class="field"><legend>Citizenships</legend><p class="hint">All of them: advisories for dual nationals can then reach you.</p>
<div class="form-grid">${citizenships.map((value, i) => html`<input name="citizenship" type="text" list="destination-names" autocomplete="off" aria-label="Citizenship ${i + 1}" value="${value}">`)}</div></fieldset>
<fieldset class="field"><legend>Emergency contacts</legend>
${contacts.map((c, i) => html`<div class="form-grid">
<div class="field"><label for="contact-name-${i}">Name<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-name-${i}" name="contact_name" type="text" maxlength="200" value="${c.name}"></div>
<div class="field"><label for="contact-phone-${i}">Phone<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-phone-${i}" name="contact_phone" type="tel" maxlength="30" value="${c.phone}"></div>
<div class="field"><label for="contact-relation-${i}">Relation<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-relation-${i}" name="contact_relation" type="text" maxlength="100" value="${c.relation}"></div>
</div>`)}</fieldset>
<button type="submit">Save profile</button>
</form>`;
}

function channelItem(c: ChannelView, csrf: string): SafeHtml {
  const state = c.disabledAt ? html`<span class="status off">disabled: ${c.disabledReason ?? ''}</span>`
    : c.confirmedAt ? html`<span class="status ok">confirmed</span>` : html`<span class="status">not confirmed</span>`;
  const label = c.kind === 'email' ? 'E-mail' : c.kind === 'webhook' ? 'Webhook' : 'SMS';
  return html`<li><div class="item-main"><span class="item-title">${label}: ${c.address} ${state}</span>
${c.kind === 'webhook' && c.secret ? html`<span class="item-meta">Signing secret: <code class="secret">${c.secret}</code></span>` : ''}
${c.kind === 'email' ? html`<span class="item-meta">Always on: this is your account's address.</span>` : ''}</div>
${c.kind === 'email' ? '' : html`<div class="actions">${c.kind === 'webhook' && !c.confirmedAt ? html`<form method="post" action="/account/channels/${c.id}/confirm">${csrfField(csrf)}<button class="secondary" type="submit">Send challenge again</button></form>` : ''}
<form method="post" action="/account/channels/${c.id}/delete">${csrfField(csrf)}<button class="secondary" type="submit">Remove</button></form></div>`}</li>`;
}

// ---- Organisations ----

export function organisationPage(publicUrl: string, data: { organisation: { id: number; name: string }; exposure: ExposureRow[]; csrf: string; report?: CsvImportReport | undefined }, message: Flash = {}): string {
  const { organisation, exposure, report } = data;
  const urged = exposure.filter((e) => e.departureUrged).length;
  const level4 = exposure.filter((e) => e.level === 4 || e.regionLevel === 4).length;
  return accountPage(publicUrl, organisation.name, html`
<p class="back"><a href="/account#organisations">← Back to your account</a></p>
<h1>${organisation.name}</h1>
${flash(message)}
${report ? importReport(report) : ''}
<section class="card" aria-labelledby="exposure-title">
<h2 id="exposure-title">Where your people are</h2>
<p>${exposure.length} trip stop${exposure.length === 1 ? '' : 's'} under way or ahead · <strong>${level4}</strong> at Level 4 · <strong>${urged}</strong> where departure is urged.</p>
${exposure.length ? html`<div class="table-scroll"><table><thead><tr><th scope="col">Person</th><th scope="col">Where</th><th scope="col">When</th><th scope="col">Level now</th></tr></thead><tbody>
${exposure.map((e) => html`<tr><th scope="row">${e.name || e.email}<br><span class="small">${e.email}</span></th><td>${e.destination}${e.region ? html`<br><span class="small">${e.region}</span>` : ''}</td>
<td>${dates(e.start, e.end)}${e.current ? html`<br><span class="small">under way</span>` : ''}</td>
<td>${badge(e.level)}${e.regionLevel !== null && e.regionLevel !== e.level ? html`<br><span class="small">region: Level ${e.regionLevel} ${levelLabel(e.regionLevel as Level)}</span>` : ''}${e.departureUrged ? html` <span class="tag-urgent">Leave now</span>` : ''}</td></tr>`)}
</tbody></table></div>` : html`<p class="empty">Nobody enrolled by ${organisation.name} is travelling now or soon.</p>`}
</section>
<section class="card" aria-labelledby="import-title">
<h2 id="import-title">Enrol a group from CSV</h2>
<p>Columns: <code>email,name,destination,region,start,end,channels</code>. Dates are YYYY-MM-DD; leave <code>end</code> empty for people residing abroad; <code>channels</code> is <code>email</code> or <code>email;webhook:https://…</code>. Importing the same file again changes nothing.</p>
<form method="post" action="/account/organisations/${organisation.id}/import" enctype="multipart/form-data">${csrfField(data.csrf)}
<div class="field"><label for="csv">CSV file</label><input id="csv" name="file" type="file" accept=".csv,text/csv" required></div>
<div class="field checks"><label><input type="checkbox" name="welcome" value="on" checked> E-mail each new traveller a welcome with a one-click unsubscribe</label></div>
<button type="submit">Import</button>
</form>
</section>`);
}

function importReport(report: CsvImportReport): SafeHtml {
  return html`<section class="card" aria-labelledby="report-title"><h2 id="report-title">Import report</h2>
<p><strong>${report.enrolled}</strong> enrolled · <strong>${report.unchanged}</strong> unchanged · <strong>${report.rejected.length}</strong> rejected (of ${report.rows} rows)${report.newTravellers ? ` · ${report.newTravellers} new travellers, ${report.welcomed} welcomed by e-mail` : ''}.</p>
${report.rejected.length ? html`<div class="table-scroll"><table class="rejected"><thead><tr><th scope="col">Line</th><th scope="col">Reason</th></tr></thead><tbody>
${report.rejected.slice(0, 500).map((r) => html`<tr><td>${r.line}</td><td>${r.reason}</td></tr>`)}</tbody></table></div>
${report.rejected.length > 500 ? html`<p class="small">First 500 of ${report.rejected.length} rejected lines shown.</p>` : ''}` : ''}</section>`;
}

// ---- Without signing in: preferences and unsubscribe ----

export function tokenPreferencesPage(publicUrl: string, data: { profile: Profile; subscriptions: SubscriptionView[]; token: string }, message: Flash = {}): string {
  const action = `/preferences?token=${data.token}`;
  return accountPage(publicUrl, 'Your preferences', html`
<div class="narrow">
<h1>What you receive</h1>
<p class="meta">For ${data.profile.email}. <a href="/account">Sign in</a> to change trips and your profile.</p>
${flash(message)}
<section class="card"><h2>Messages about your trips</h2>${preferencesForm(action, null, data.profile)}</section>
<section class="card"><h2>Subscriptions</h2>
${data.subscriptions.length ? html`<ul class="items">${data.subscriptions.map((s) => html`<li><div class="item-main"><span class="item-title">${subscriptionTitle(s)}</span><span class="item-meta">${typesText(s)} · ${s.frequency === 'digest' ? 'daily digest' : 'immediately'}</span></div>
<form method="post" action="${action}"><input type="hidden" name="remove" value="${s.id}"><button class="secondary" type="submit">Unsubscribe</button></form></li>`)}</ul>` : html`<p class="empty">No subscriptions.</p>`}
</section>
</div>`);
}

export function unsubscribeConfirmPage(publicUrl: string, token: string, what: string): string {
  return accountPage(publicUrl, 'Unsubscribe', html`
<div class="narrow"><h1>Unsubscribe</h1>
<p class="lede">Stop ${what}?</p>
<form class="card" method="post" action="/unsubscribe?token=${token}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>
</div>`);
}

export function messagePage(publicUrl: string, title: string, lines: (string | SafeHtml)[], extra?: SafeHtml): string {
  return accountPage(publicUrl, title, html`<div class="narrow"><h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}${extra ?? ''}</div>`);
}

export function deleteConfirmPage(publicUrl: string, email: string, csrf: string, problem?: string): string {
  return accountPage(publicUrl, 'Delete your account', html`
<div class="narrow"><p class="back"><a href="/account#data">← Back to your account</a></p>
<h1>Delete your account</h1>
${flash({ problem })}
<div class="card"><p>This deletes <strong>${email}</strong> and everything with it: profile, trips, subscriptions, channels, organisation memberships and messages not yet sent. It cannot be undone. Only an anonymous count that an account was deleted remains.</p>
<p>You may want to <a href="/account/export" download>download your data</a> first.</p>
<form method="post" action="/account/delete">${csrfField(csrf)}
<div class="field"><label for="confirm">Type DELETE to confirm</label><input id="confirm" name="confirm" type="text" autocomplete="off" required></div>
<button class="danger" type="submit">Delete my account for good</button></form></div></div>`);
}
