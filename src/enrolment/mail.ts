import { randomBytes } from 'node:crypto';
import type { Identity } from '../domain/identity.ts';
import { destinationName } from '../i18n/destination-names.ts';
import { translator } from '../i18n/translator.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { languageMarks } from '../notify/notification-mail.ts';
import { listUnsubscribeHeaders, preferencesUrl } from '../security/signed-links.ts';
import type { EnrolmentContext } from './context.ts';

export function messageId(ctx: EnrolmentContext, kind: string): string {
  const host = new URL(ctx.config.publicUrl).hostname || 'waypost.invalid';
  return `<${kind}.${randomBytes(12).toString('hex')}@${host}>`;
}

/**
 * The sign-in / confirmation e-mail, in the language of the traveller (a registered address: their
 * stored one) or of whoever asked. Transactional: it goes only to whoever asked, so it has no unsubscribe.
 */
export function signInMail(
  ctx: EnrolmentContext, to: string, link: string, registered: boolean, sender: Pick<Identity, 'authorityName' | 'authorityShortName'>, locale?: string | null,
): OutgoingMail {
  const tr = translator(locale);
  // Named after the deployment's authority (docs/identity.md): the reader signs in to its service.
  const service = sender.authorityShortName;
  const subject = tr.t(registered ? 'mailEnrolment.signInSubject' : 'mailEnrolment.confirmSubject', { service });
  const intro = registered ? tr.t('mailEnrolment.signInIntro', { service }) : tr.t('mailEnrolment.confirmIntro', { authority: sender.authorityName });
  const action = tr.t(registered ? 'mailEnrolment.signIn' : 'mailEnrolment.confirm');
  const notYou = tr.t('mailEnrolment.notYou');
  const text = `${intro}

${tr.t('mailEnrolment.within', { action })}

${link}

${notYou}
`;
  const marked = languageMarks(tr.locale, `<p>${escape(intro)}</p><p><a href="${link}">${escape(action)}</a> ${escape(tr.t('mailEnrolment.worksOnce'))}</p><p>${escape(notYou)}</p>`);
  return { to, fromName: sender.authorityName, subject, text, html: marked.html, messageId: messageId(ctx, 'sign-in'), headers: { ...marked.headers, 'Auto-Submitted': 'auto-generated' } };
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Confirms an enrolled trip, with what the destinations' advisories say now, in the traveller's
 * language (`locale`: their stored tag; English when not given); carries one-click unsubscribe.
 */
export function tripConfirmationMail(
  ctx: EnrolmentContext, to: string, travellerId: number, trip: { start: string; end: string | null; destinations: { name: string; region: string | null; level: number | null; code?: string }[] },
  sender: Pick<Identity, 'authorityName'>, locale?: string | null,
): OutgoingMail {
  const tr = translator(locale);
  const headers = listUnsubscribeHeaders(ctx.config, travellerId, undefined, ctx.now());
  const unsubscribe = headers['List-Unsubscribe'].slice(1, -1);
  const preferences = preferencesUrl(ctx.config, travellerId, ctx.now());
  const name = (d: { name: string; code?: string }) => (d.code && tr.locale !== 'en' ? destinationName(d.code, tr.locale) : d.name);
  const where = trip.destinations.map((d) => `${name(d)}${d.region ? ` (${d.region})` : ''}`).join(', ');
  const when = trip.end ? tr.t('mailEnrolment.dates', { start: tr.date(trip.start), end: tr.date(trip.end) }) : tr.t('mailEnrolment.residing', { start: tr.date(trip.start) });
  const levels = trip.destinations.map((d) => `- ${tr.t('mail.labelled', { label: name(d), value: d.level ? tr.t('mailEnrolment.level', { level: String(d.level) }) : tr.t('mailEnrolment.noAdvisory') })}`).join('\n');
  const enrolled = tr.t('mailEnrolment.enrolledFor', { where, when });
  const [sentBy, account, choose, stopAll] = [tr.t('mail.sentBy', { sender: sender.authorityName }), tr.t('mailEnrolment.account'), tr.t('mail.preferences'), tr.t('mail.stopAll')];
  const labelled = (label: string, value: string) => tr.t('mail.labelled', { label, value });
  const text = `${enrolled}

${tr.t('mailEnrolment.advisoriesNow')}
${levels}

${tr.t('mailEnrolment.whileThere')}
${sentBy}
${labelled(account, `${ctx.config.publicUrl}/account`)}
${labelled(choose, preferences)}
${labelled(stopAll, unsubscribe)}
`;
  const marked = languageMarks(tr.locale, `<p>${tr.parts<{ html: string }>('mailEnrolment.enrolledFor', { where: { html: `<strong>${escape(where)}</strong>` }, when }).map((part) => (typeof part === 'string' ? escape(part) : part.html)).join('')}</p><pre>${escape(levels)}</pre><p>${escape(sentBy)}</p><p><a href="${ctx.config.publicUrl}/account">${escape(account)}</a> · <a href="${preferences}">${escape(choose)}</a> · <a href="${unsubscribe}">${escape(stopAll)}</a></p>`);
  return {
    to,
    fromName: sender.authorityName,
    subject: tr.t('mailEnrolment.tripSubject', { where }),
    text,
    html: marked.html,
    headers: { ...headers, ...marked.headers },
    messageId: messageId(ctx, 'trip'),
  };
}
