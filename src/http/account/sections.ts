import type { FastifyInstance } from 'fastify';
import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { message } from '../html-messages.ts';
import { page, redirect } from '../replies.ts';
import { channelsSection } from './channels.ts';
import { accountData, type AccountData } from './data.ts';
import { accountPage, csrfField, destinationList, flash, type Flash } from './layout.ts';
import { organisationsSection } from './organisations.ts';
import { peerChangesSection } from './peer-changes.ts';
import { profileForm } from './profile-form.ts';
import { dataSection } from './privacy.ts';
import { hide, noticeOf, type AccountScope } from './scope.ts';
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
  title: MessageId;
  /** One line for the overview: what is there. */
  summary(data: AccountData, tr: Translator): string;
  render(data: AccountData): SafeHtml;
}

export const SECTIONS: readonly AccountSection[] = [
  {
    path: '/account/subscriptions', anchors: ['subscriptions', 'preferences', 'peer-changes'], title: 'account.section.subscriptions',
    summary: (d, tr) => tr.t('account.section.subscriptionsSummary', { count: d.subscriptions.length }),
    render: (d) => html`<div class="grid-2">${subscriptionsSection(d.reader.tr, d.subscriptions, d.csrf)}${preferencesSection(d.reader.tr, d.profile, d.csrf)}</div>
${peerChangesSection(d.reader.tr, d.profile, d.csrf)}`,
  },
  {
    path: '/account/profile', anchors: ['profile'], title: 'account.section.profile',
    summary: (d, tr) => tr.t('account.section.profileSummary', {
      name: d.profile.name || tr.t('account.section.noName'), citizenships: d.profile.citizenships.length, contacts: d.profile.emergencyContacts.length,
    }),
    render: (d) => html`<section class="card" id="profile" aria-labelledby="profile-title">
<h2 id="profile-title">${d.reader.tr.t('account.section.profile')}</h2>
${profileForm(d.reader.tr, d.profile, d.csrf)}
</section>`,
  },
  {
    path: '/account/channels', anchors: ['channels'], title: 'account.section.channels',
    summary: (d, tr) => tr.t('account.section.channelsSummary', { count: d.channels.length + 1, extra: d.channels.length ? 'yes' : 'no' }),
    render: (d) => channelsSection(d.reader.tr, d.channels, d.smsNote, d.csrf),
  },
  {
    path: '/account/organisations', anchors: ['organisations'], title: 'account.section.organisations',
    summary: (d, tr) => (d.memberships.length ? d.memberships.map((m) => m.name).join(', ') : tr.t('account.section.noOrganisation')),
    render: (d) => organisationsSection(d.reader.tr, d.memberships, d.csrf),
  },
  {
    path: '/account/privacy', anchors: ['data'], title: 'account.section.data',
    summary: (_d, tr) => tr.t('account.section.dataSummary'),
    render: (d) => dataSection(d.reader.tr),
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
  const { tr } = data.reader;
  const links = [{ path: '/account', title: tr.t('account.overviewLink') }, ...SECTIONS.map((s) => ({ path: s.path, title: tr.t(s.title) }))];
  return html`<div class="account-head">
<div><h1>${heading}</h1><p class="meta">${message(tr, 'account.signedInAs', { email: html`<strong>${data.profile.email}</strong>` })}</p></div>
<form method="post" action="/account/sign-out">${csrfField(data.csrf)}<button class="secondary" type="submit">${tr.t('account.signOut')}</button></form>
</div>
<nav aria-label="${tr.t('account.sectionsNav')}"><ul class="account-nav">
${links.map((l) => html`<li><a href="${l.path}"${l.path === current ? html` aria-current="page"` : ''}>${l.title}</a></li>`)}
</ul></nav>`;
}

/** The overview's list of the other pages, each under its old anchor so that /account#channels still leads there. */
export function sectionLinks(data: AccountData): SafeHtml {
  const { tr } = data.reader;
  return html`<section class="card" aria-labelledby="more-title"><h2 id="more-title">${tr.t('account.more')}</h2>
<ul class="section-links">${SECTIONS.map((s) => html`<li id="${s.anchors[0]!}">${s.anchors.slice(1).map((a) => html`<span id="${a}"></span>`)}<a href="${s.path}">${tr.t(s.title)}</a><span class="item-meta">${s.summary(data, tr)}</span></li>`)}</ul>
</section>`;
}

export function sectionPage(publicUrl: string, section: AccountSection, data: AccountData, flashed: Flash = {}): string {
  const { tr } = data.reader;
  const title = tr.t(section.title);
  return accountPage(publicUrl, title, html`
${destinationList(tr)}
${accountHeader(data, title, section.path)}
${flash(flashed)}
${section.render(data)}`, data.reader);
}

export async function sectionRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession }: AccountScope): Promise<void> {
  for (const section of SECTIONS) {
    app.get<{ Querystring: { done?: string } }>(section.path, hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const data = await accountData(ctx, session, request);
      if (!data) return redirect(reply, '/account/sign-in');
      return page(reply, sectionPage(publicUrl, section, data, { notice: noticeOf(data.reader.tr, request.query.done) }));
    });
  }
}
