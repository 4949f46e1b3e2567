import type { FastifyInstance } from 'fastify';
import { updateProfile } from '../../enrolment/profile.ts';
import { urgentTrips } from '../../enrolment/urgent-trips.ts';
import { all, first } from '../forms.ts';
import { html } from '../html.ts';
import { message } from '../html-messages.ts';
import { destinationInput } from './names.ts';
import { page, redirect } from '../replies.ts';
import { checkInsSection } from './check-ins.ts';
import { departuresSection } from './departures.ts';
import { accountData, type AccountData } from './data.ts';
import { accountPage, destinationList, flash, type Flash } from './layout.ts';
import { invitationsSection } from './invitations.ts';
import { hide, noticeOf, wantsJson, type AccountScope } from './scope.ts';
import { accountHeader, sectionLinks } from './sections.ts';
import { tripsSection } from './trips.ts';
import { urgentWarning } from './urgent-warning.ts';

/**
 * The account overview (/account): invitations, departures, check-ins and the trips, then links to
 * the other sections' pages (sections.ts); the profile form posts here. JSON clients get all the data.
 */

export async function homeRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession, action }: AccountScope): Promise<void> {
  app.get<{ Querystring: { done?: string } }>('/account', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const data = await accountData(ctx, session, request);
    if (!data) return redirect(reply, '/account/sign-in');
    if (wantsJson(request)) {
      const { csrf: _csrf, smsNote: _note, today: _today, reader: _reader, ...rest } = data;
      return rest;
    }
    return page(reply, accountHome(publicUrl, data, { notice: noticeOf(data.reader.tr, request.query.done) }));
  });

  app.post('/account/profile', hide, action(async (session, body) => {
    const names = all(body.contact_name);
    const phones = all(body.contact_phone);
    const relations = all(body.contact_relation);
    const emails = all(body.contact_email);
    const asked = new Set(all(body.contact_ask));
    await updateProfile(ctx, session.travellerId, {
      name: first(body.name), phone: first(body.phone), language: first(body.language), citizenships: all(body.citizenship).map(destinationInput),
      emergencyContacts: names.map((name, i) => ({ name, phone: phones[i] ?? '', relation: relations[i] ?? '', email: emails[i] ?? '', askInCrisis: asked.has(String(i)) })),
    });
    return { notice: 'profile', anchor: 'profile' };
  }));
}

export function accountHome(publicUrl: string, data: AccountData, flashed: Flash = {}): string {
  const { profile, csrf, reader } = data;
  const { tr } = reader;
  const title = tr.t('account.yourAccount');
  return accountPage(publicUrl, title, html`
${destinationList(tr)}
${accountHeader(data, title, '/account')}
${flash(flashed)}
${invitationsSection(tr, data.invitations, csrf)}
${departuresSection(tr, data.crises, data.departureRequests)}
${checkInsSection(tr, data.checkIns)}
${profile.unsubscribedAt ? html`<p class="problem">${message(tr, 'account.home.unsubscribed', {
    date: tr.date(profile.unsubscribedAt.slice(0, 10)), link: html`<a href="/account/subscriptions#preferences">${tr.t('account.home.turnBackOn')}</a>`,
  })}</p>
${urgentWarning(tr, urgentTrips(data.trips, data.today), true)}` : ''}

${tripsSection(tr, data.trips, data.today, csrf, flashed.draft && flashed.problem ? { draft: flashed.draft, problem: flashed.problem } : undefined)}

${sectionLinks(data)}`, reader);
}
