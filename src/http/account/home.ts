import type { FastifyInstance } from 'fastify';
import { travellerCheckIns, type OwnCheckIn } from '../../crises/records.ts';
import { travellerActiveCrises, travellerDepartureRequests, type OwnDepartureRequest } from '../../departures/records.ts';
import { listChannels, type ChannelView } from '../../enrolment/channels.ts';
import { today, type EnrolmentContext } from '../../enrolment/context.ts';
import { pendingInvitations, type InvitationView } from '../../enrolment/invitations.ts';
import { memberships, type Membership } from '../../enrolment/organisations.ts';
import { getProfile, updateProfile, type EmergencyContact, type Profile } from '../../enrolment/profile.ts';
import { listSubscriptions, type SubscriptionView } from '../../enrolment/subscriptions.ts';
import type { TravellerSession } from '../../enrolment/travellers.ts';
import { listTrips, type TripView } from '../../enrolment/trips.ts';
import { urgentTrips } from '../../enrolment/urgent-trips.ts';
import { LANGUAGES } from '../../enrolment/validation.ts';
import { DESTINATIONS } from '../../domain/destinations.ts';
import { UnconfiguredSmsProvider } from '../../notify/channels/sms-provider.ts';
import { all, first } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDate } from '../pages/components.ts';
import { page, redirect } from '../replies.ts';
import { channelsSection } from './channels.ts';
import { checkInsSection } from './check-ins.ts';
import { departuresSection } from './departures.ts';
import { accountPage, csrfField, destinationList, flash, type Flash } from './layout.ts';
import { invitationsSection } from './invitations.ts';
import { organisationsSection } from './organisations.ts';
import { dataSection } from './privacy.ts';
import { hide, NOTICES, wantsJson, type AccountScope } from './scope.ts';
import { preferencesSection, subscriptionsSection } from './subscriptions.ts';
import { peerChangesSection } from './peer-changes.ts';
import { tripsSection } from './trips.ts';
import { urgentWarning } from './urgent-warning.ts';

/**
 * The account page (/account): one page with every section (trips, subscriptions, preferences,
 * profile, channels, organisations, your data), each section the resource's own; the profile
 * form is this page's. JSON clients get the same data.
 */

export async function homeRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession, action }: AccountScope): Promise<void> {
  app.get<{ Querystring: { done?: string } }>('/account', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const data = await accountData(ctx, session);
    if (!data) return redirect(reply, '/account/sign-in');
    if (wantsJson(request)) {
      const { csrf: _csrf, smsNote: _note, today: _today, ...rest } = data;
      return rest;
    }
    const notice = typeof request.query.done === 'string' ? NOTICES[request.query.done] : undefined;
    return page(reply, accountHome(publicUrl, data, { notice }));
  });

  app.post('/account/profile', hide, action(async (session, body) => {
    const names = all(body.contact_name);
    const phones = all(body.contact_phone);
    const relations = all(body.contact_relation);
    const emails = all(body.contact_email);
    const asked = new Set(all(body.contact_ask));
    await updateProfile(ctx, session.travellerId, {
      name: first(body.name), phone: first(body.phone), language: first(body.language), citizenships: all(body.citizenship),
      emergencyContacts: names.map((name, i) => ({ name, phone: phones[i] ?? '', relation: relations[i] ?? '', email: emails[i] ?? '', askInCrisis: asked.has(String(i)) })),
    });
    return { notice: 'profile', anchor: 'profile' };
  }));
}

export interface AccountData {
  profile: Profile;
  trips: TripView[];
  subscriptions: SubscriptionView[];
  channels: ChannelView[];
  memberships: Membership[];
  invitations: InvitationView[];
  checkIns: OwnCheckIn[];
  /** Active crises they are in (where they may ask for help to leave), and their requests. */
  crises: { id: number; title: string; exercise: boolean }[];
  departureRequests: OwnDepartureRequest[];
  csrf: string;
  smsNote: string;
  today: string;
}

/** Everything the account page shows, or null when the traveller is gone. */
export async function accountData(ctx: EnrolmentContext, session: TravellerSession): Promise<AccountData | null> {
  const profile = await getProfile(ctx, session.travellerId);
  if (!profile) return null;
  const [trips, subscriptions, channels, orgs, invitations, checkIns, crises, departureRequests] = await Promise.all([
    listTrips(ctx, session.travellerId), listSubscriptions(ctx, session.travellerId), listChannels(ctx, session.travellerId), memberships(ctx, session.travellerId),
    pendingInvitations(ctx, session.travellerId), travellerCheckIns(ctx.db, session.travellerId, 50), travellerActiveCrises(ctx.db, session.travellerId),
    travellerDepartureRequests(ctx.db, session.travellerId),
  ]);
  return { profile, trips, subscriptions, channels, memberships: orgs, invitations, checkIns, crises, departureRequests, csrf: session.csrfToken, smsNote: (ctx.sms ?? new UnconfiguredSmsProvider()).describe(), today: today(ctx) };
}

export function accountHome(publicUrl: string, data: AccountData, message: Flash = {}): string {
  const { profile, csrf } = data;
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
${invitationsSection(data.invitations, csrf)}
${departuresSection(data.crises, data.departureRequests)}
${checkInsSection(data.checkIns)}
${profile.unsubscribedAt ? html`<p class="problem">You unsubscribed from all messages on ${formatDate(profile.unsubscribedAt)}. Nothing is sent to you until you <a href="#preferences">turn messages back on</a>.</p>
${urgentWarning(urgentTrips(data.trips, data.today), true)}` : ''}

${tripsSection(data.trips, data.today, csrf, message.draft && message.problem ? { draft: message.draft, problem: message.problem } : undefined)}

<div class="grid-2">
${subscriptionsSection(data.subscriptions, csrf)}

${preferencesSection(profile, csrf)}
</div>

${peerChangesSection(profile, csrf)}

<section class="card" id="profile" aria-labelledby="profile-title">
<h2 id="profile-title">Profile</h2>
${profileForm(profile, csrf)}
</section>

${channelsSection(data.channels, data.smsNote, csrf)}

${organisationsSection(data.memberships, csrf)}

${dataSection()}`);
}

function profileForm(profile: Profile, csrf: string): SafeHtml {
  const citizenships = [0, 1, 2].map((i) => {
    const code = profile.citizenships[i];
    return code ? DESTINATIONS.find((d) => d.code === code)?.name ?? code : '';
  });
  const contacts = [0, 1].map((i): EmergencyContact => profile.emergencyContacts[i] ?? { name: '', phone: '', relation: '' });
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
<div class="field"><label for="contact-email-${i}">E-mail<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-email-${i}" name="contact_email" type="email" maxlength="254" value="${c.email ?? ''}"></div>
<div class="field"><label><input type="checkbox" name="contact_ask" value="${i}"${c.askInCrisis ? html` checked` : ''}> If I do not answer a crisis check-in, you may e-mail this contact once to ask whether they have heard from me</label></div>
</div>`)}</fieldset>
<button type="submit">Save profile</button>
</form>`;
}
