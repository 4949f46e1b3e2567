import type { FastifyInstance } from 'fastify';
import { html, type SafeHtml } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { channelsSection } from './channels.ts';
import { accountData, type AccountData } from './data.ts';
import { accountPage, csrfField, destinationList, flash, type Flash } from './layout.ts';
import { organisationsSection } from './organisations.ts';
import { peerChangesSection } from './peer-changes.ts';
import { profileForm } from './profile-form.ts';
import { dataSection } from './privacy.ts';
import { hide, NOTICES, type AccountScope } from './scope.ts';
import { preferencesSection, subscriptionsSection } from './subscriptions.ts';

/**
 * The account is split into pages (issue 16, "Mobile first": one page was 3,100 px on a phone).
 * /account is the overview with the trips; each other section has its own page, listed here with
 * the anchors it had on the one page (the overview keeps those anchors, pointing to the pages).
 * Forms post where they always did; after a form, the traveller comes back to its section's page.
 */
export interface AccountSection {
  path: string;
  /** The section's old anchors on /account: a form's result anchor leads to this page. */
  anchors: readonly string[];
  title: string;
  /** One line for the overview: what is there. */
  summary(data: AccountData): string;
  render(data: AccountData): SafeHtml;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const SECTIONS: readonly AccountSection[] = [
  {
    path: '/account/subscriptions', anchors: ['subscriptions', 'preferences', 'peer-changes'], title: 'Subscriptions and preferences',
    summary: (d) => `${plural(d.subscriptions.length, 'subscription', 'subscriptions')}; which messages you get, and how often.`,
    render: (d) => html`<div class="grid-2">${subscriptionsSection(d.subscriptions, d.csrf)}${preferencesSection(d.profile, d.csrf)}</div>
${peerChangesSection(d.profile, d.csrf)}`,
  },
  {
    path: '/account/profile', anchors: ['profile'], title: 'Profile',
    summary: (d) => `${d.profile.name || 'No name given'}; ${plural(d.profile.citizenships.length, 'citizenship', 'citizenships')}, ${plural(d.profile.emergencyContacts.length, 'emergency contact', 'emergency contacts')}.`,
    render: (d) => html`<section class="card" id="profile" aria-labelledby="profile-title">
<h2 id="profile-title">Profile</h2>
${profileForm(d.profile, d.csrf)}
</section>`,
  },
  {
    path: '/account/channels', anchors: ['channels'], title: 'Channels',
    summary: (d) => `${plural(d.channels.length + 1, 'way', 'ways')} to reach you: e-mail${d.channels.length ? ', and SMS or webhooks' : ''}.`,
    render: (d) => channelsSection(d.channels, d.smsNote, d.csrf),
  },
  {
    path: '/account/organisations', anchors: ['organisations'], title: 'Organisations',
    summary: (d) => (d.memberships.length ? d.memberships.map((m) => m.name).join(', ') : 'You belong to no organisation.'),
    render: (d) => organisationsSection(d.memberships, d.csrf),
  },
  {
    path: '/account/privacy', anchors: ['data'], title: 'Your data',
    summary: () => 'Download everything we hold about you, or delete your account.',
    render: () => dataSection(),
  },
];

/** Where a form's result goes: its section's page, or the overview (trips, invitations, departures). */
export function resultPath(anchor: string | undefined): string {
  return SECTIONS.find((s) => anchor && s.anchors.includes(anchor))?.path ?? '/account';
}

/** The section a form posting to `url` belongs to (a refused form is shown again on its own page). */
export function sectionOfForm(url: string): AccountSection | undefined {
  const path = url.split('?')[0]!;
  if (path === '/account/preferences' || path === '/account/peer-changes') return SECTIONS[0];
  return SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`));
}

/** The heading, who is signed in, sign out and the section links every account page starts with. */
export function accountHeader(data: AccountData, heading: string, current: string): SafeHtml {
  const links = [{ path: '/account', title: 'Overview and trips' }, ...SECTIONS];
  return html`<div class="account-head">
<div><h1>${heading}</h1><p class="meta">Signed in as <strong>${data.profile.email}</strong></p></div>
<form method="post" action="/account/sign-out">${csrfField(data.csrf)}<button class="secondary" type="submit">Sign out</button></form>
</div>
<nav aria-label="Account sections"><ul class="account-nav">
${links.map((l) => html`<li><a href="${l.path}"${l.path === current ? html` aria-current="page"` : ''}>${l.title}</a></li>`)}
</ul></nav>`;
}

/** The overview's list of the other pages, each under its old anchor so that /account#channels still leads there. */
export function sectionLinks(data: AccountData): SafeHtml {
  return html`<section class="card" aria-labelledby="more-title"><h2 id="more-title">More in your account</h2>
<ul class="section-links">${SECTIONS.map((s) => html`<li id="${s.anchors[0]!}">${s.anchors.slice(1).map((a) => html`<span id="${a}"></span>`)}<a href="${s.path}">${s.title}</a><span class="item-meta">${s.summary(data)}</span></li>`)}</ul>
</section>`;
}

export function sectionPage(publicUrl: string, section: AccountSection, data: AccountData, message: Flash = {}): string {
  return accountPage(publicUrl, section.title, html`
${destinationList}
${accountHeader(data, section.title, section.path)}
${flash(message)}
${section.render(data)}`);
}

export async function sectionRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession }: AccountScope): Promise<void> {
  for (const section of SECTIONS) {
    app.get<{ Querystring: { done?: string } }>(section.path, hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const data = await accountData(ctx, session);
      if (!data) return redirect(reply, '/account/sign-in');
      const notice = typeof request.query.done === 'string' ? NOTICES[request.query.done] : undefined;
      return page(reply, sectionPage(publicUrl, section, data, { notice }));
    });
  }
}
