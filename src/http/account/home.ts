import type { FastifyInstance } from 'fastify';
import { updateProfile } from '../../enrolment/profile.ts';
import { urgentTrips } from '../../enrolment/urgent-trips.ts';
import { all, first } from '../forms.ts';
import { html } from '../html.ts';
import { formatDate } from '../pages/components.ts';
import { page, redirect } from '../replies.ts';
import { checkInsSection } from './check-ins.ts';
import { departuresSection } from './departures.ts';
import { accountData, type AccountData } from './data.ts';
import { accountPage, destinationList, flash, type Flash } from './layout.ts';
import { invitationsSection } from './invitations.ts';
import { hide, NOTICES, wantsJson, type AccountScope } from './scope.ts';
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

export function accountHome(publicUrl: string, data: AccountData, message: Flash = {}): string {
  const { profile, csrf } = data;
  return accountPage(publicUrl, 'Your account', html`
${destinationList}
${accountHeader(data, 'Your account', '/account')}
${flash(message)}
${invitationsSection(data.invitations, csrf)}
${departuresSection(data.crises, data.departureRequests)}
${checkInsSection(data.checkIns)}
${profile.unsubscribedAt ? html`<p class="problem">You unsubscribed from all messages on ${formatDate(profile.unsubscribedAt)}. Nothing is sent to you until you <a href="/account/subscriptions#preferences">turn messages back on</a>.</p>
${urgentWarning(urgentTrips(data.trips, data.today), true)}` : ''}

${tripsSection(data.trips, data.today, csrf, message.draft && message.problem ? { draft: message.draft, problem: message.problem } : undefined)}

${sectionLinks(data)}`);
}
