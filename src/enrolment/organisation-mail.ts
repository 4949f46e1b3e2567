import type { Identity } from '../domain/identity.ts';
import { ORGANISATION_NAME_MAX } from '../domain/organisations.ts';
import type { MessageId } from '../i18n/catalog.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { languageMarks } from '../notify/notification-mail.ts';
import { listUnsubscribeHeaders, preferencesUrl } from '../security/signed-links.ts';
import type { EnrolmentContext } from './context.ts';
import { escape, messageId } from './mail.ts';

/**
 * The two e-mails sent on an organisation's behalf. Their wording is fixed: the organisation's
 * name is the only text it chooses, and it appears only as quoted data in the body ("An
 * organisation that calls itself “…”"), never in the subject, so nobody can use Waypost to put
 * their own message in a stranger's inbox (docs/security.md, "Organisations"). Both come from, and
 * name, the deployment's authority (docs/identity.md). They are written in `locale`: the
 * invitee's stored language if they have an account, else the importing admin's (docs/enrolment.md).
 */

/** Who sends: the deployment identity's authority. */
export type Sender = Pick<Identity, 'authorityName'>;

export const WELCOME_SUBJECT = translator('en').t('mailOrganisation.welcomeSubject');
export const INVITATION_SUBJECT = translator('en').t('mailOrganisation.invitationSubject');

/** The name as data: length-capped, with double quotes made single so it cannot close the quotes around it. */
export function quotedName(name: string): string {
  const chars = [...name.replace(/["“”„‟«»]/g, "'")];
  const short = chars.length > ORGANISATION_NAME_MAX ? `${chars.slice(0, ORGANISATION_NAME_MAX - 1).join('')}…` : chars.join('');
  return `“${short}”`;
}

function links(ctx: EnrolmentContext, travellerId: number) {
  const headers = listUnsubscribeHeaders(ctx.config, travellerId, undefined, ctx.now());
  return { headers, unsubscribe: headers['List-Unsubscribe'].slice(1, -1), preferences: preferencesUrl(ctx.config, travellerId, ctx.now()), account: `${ctx.config.publicUrl}/account` };
}

/** A message whose {organisation} is the quoted name: as text, and as HTML with the name in <q> (the quotes are the browser's). */
function quoting(tr: Translator, id: MessageId, organisation: string, values: Record<string, string>): { text: string; html: string } {
  const who = quotedName(organisation);
  const html = tr.parts<{ q: string }>(id, { ...values, organisation: { q: who.slice(1, -1) } })
    .map((part) => (typeof part === 'string' ? escape(part) : `<q>${escape(part.q)}</q>`)).join('');
  return { text: tr.t(id, { ...values, organisation: who }), html };
}

/** To a person an organisation enrolled who had no account: who did it, and how to leave in one click. */
export function welcomeMail(ctx: EnrolmentContext, to: string, travellerId: number, organisation: string, sender: Sender, locale?: string | null): OutgoingMail {
  const tr = translator(locale);
  const { headers, unsubscribe, preferences, account } = links(ctx, travellerId);
  const intro = quoting(tr, 'mailOrganisation.welcomeIntro', organisation, { authority: sender.authorityName });
  const verified = `${tr.t('mailOrganisation.welcomeVerified', { site: ctx.config.publicUrl })} ${tr.t('mailOrganisation.neverAsks')}`;
  const text = `${intro.text}

${verified}

${tr.t('mailOrganisation.details')}: ${account} ${tr.t('mailOrganisation.signInWith')}
${tr.t('mailOrganisation.chooseNoSignIn')}: ${preferences}
${tr.t('mailOrganisation.stopAll')}: ${unsubscribe}
`;
  const marked = languageMarks(tr.locale, `<p>${intro.html}</p>
<p>${escape(verified)}</p>
<p><a href="${account}">${escape(tr.t('mailOrganisation.details'))}</a> · <a href="${preferences}">${escape(tr.t('mailOrganisation.choose'))}</a> · <a href="${unsubscribe}">${escape(tr.t('mailOrganisation.stopAll'))}</a></p>`);
  return { to, fromName: sender.authorityName, subject: tr.t('mailOrganisation.welcomeSubject'), text, html: marked.html, headers: { ...headers, ...marked.headers }, messageId: messageId(ctx, 'welcome') };
}

/**
 * To someone who already has an account and whom an organisation's CSV named: nothing is attached
 * until they accept at `link` (signed, expiring; src/enrolment/invitations.ts).
 */
export function invitationMail(ctx: EnrolmentContext, to: string, travellerId: number, organisation: string, link: string, days: number, sender: Sender, locale?: string | null): OutgoingMail {
  const tr = translator(locale);
  const { headers, unsubscribe, account } = links(ctx, travellerId);
  const intro = quoting(tr, 'mailOrganisation.invitationIntro', organisation, { authority: sender.authorityName });
  const accept = tr.t('mailOrganisation.invitationAccept', { authority: sender.authorityName });
  const works = tr.t('mailOrganisation.linkWorks', { days });
  const doNothing = `${tr.t('mailOrganisation.doNothing')} ${tr.t('mailOrganisation.neverAsks')}`;
  const text = `${intro.text}

${accept}

${tr.t('mailOrganisation.seeTrips')} ${works}: ${link}
${tr.t('mailOrganisation.orSignIn')}: ${account}
${doNothing}

${tr.t('mailOrganisation.stopAll')}: ${unsubscribe}
`;
  const marked = languageMarks(tr.locale, `<p>${intro.html}</p>
<p>${escape(accept)}</p>
<p><a href="${link}">${escape(tr.t('mailOrganisation.seeTrips'))}</a> ${escape(works)} · <a href="${account}">${escape(tr.t('mailOrganisation.orSignIn'))}</a></p>
<p>${escape(doNothing)}</p>
<p><a href="${unsubscribe}">${escape(tr.t('mailOrganisation.stopAll'))}</a></p>`);
  return { to, fromName: sender.authorityName, subject: tr.t('mailOrganisation.invitationSubject'), text, html: marked.html, headers: { ...headers, ...marked.headers }, messageId: messageId(ctx, 'invitation') };
}
