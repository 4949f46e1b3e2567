import { randomBytes } from 'node:crypto';
import type { Identity } from '../domain/identity.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { listUnsubscribeHeaders, preferencesUrl } from '../security/signed-links.ts';
import type { EnrolmentContext } from './context.ts';

export function messageId(ctx: EnrolmentContext, kind: string): string {
  const host = new URL(ctx.config.publicUrl).hostname || 'waypost.invalid';
  return `<${kind}.${randomBytes(12).toString('hex')}@${host}>`;
}

/** The sign-in / confirmation e-mail. Transactional: it goes only to whoever asked, so it has no unsubscribe. */
export function signInMail(ctx: EnrolmentContext, to: string, link: string, registered: boolean, sender: Pick<Identity, 'authorityName' | 'authorityShortName'>): OutgoingMail {
  // Named after the deployment's authority (docs/identity.md): the reader signs in to its service.
  const service = sender.authorityShortName;
  const subject = registered ? `Your ${service} sign-in link` : `Confirm your e-mail address for ${service}`;
  const intro = registered
    ? `Someone (we hope you) asked to sign in to ${service} with this address.`
    : `Someone (we hope you) asked to enrol with ${sender.authorityName} travel advisories using this address.`;
  const action = registered ? 'Sign in' : 'Confirm your address';
  const text = `${intro}

${action}: open this link within 15 minutes. It works once.

${link}

If it was not you, ignore this e-mail: nothing happens without the link.
`;
  const html = `<p>${escape(intro)}</p><p><a href="${link}">${action}</a> (the link works once, for 15 minutes).</p><p>If it was not you, ignore this e-mail: nothing happens without the link.</p>`;
  return { to, fromName: sender.authorityName, subject, text, html, messageId: messageId(ctx, 'sign-in'), headers: { 'Auto-Submitted': 'auto-generated' } };
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Confirms an enrolled trip, with what the destinations' advisories say now; carries one-click unsubscribe. */
export function tripConfirmationMail(
  ctx: EnrolmentContext, to: string, travellerId: number, trip: { start: string; end: string | null; destinations: { name: string; region: string | null; level: number | null }[] }, sender: Pick<Identity, 'authorityName'>,
): OutgoingMail {
  const headers = listUnsubscribeHeaders(ctx.config, travellerId, undefined, ctx.now());
  const unsubscribe = headers['List-Unsubscribe'].slice(1, -1);
  const preferences = preferencesUrl(ctx.config, travellerId, ctx.now());
  const where = trip.destinations.map((d) => `${d.name}${d.region ? ` (${d.region})` : ''}`).join(', ');
  const when = trip.end ? `${trip.start} to ${trip.end}` : `from ${trip.start}, residing abroad`;
  const levels = trip.destinations.map((d) => `- ${d.name}: ${d.level ? `Level ${d.level}` : 'no advisory'}${d.level === 4 ? ' (Do Not Travel)' : ''}`).join('\n');
  const text = `You are enrolled for ${where}, ${when}.

The advisories now:
${levels}

You will get advisory changes and alerts for these places while you are there.
Sent by ${sender.authorityName}.
Your account: ${ctx.config.publicUrl}/account
Choose what you receive: ${preferences}
Stop all messages: ${unsubscribe}
`;
  return {
    to,
    fromName: sender.authorityName,
    subject: `Trip enrolled: ${where}`,
    text,
    html: `<p>You are enrolled for <strong>${escape(where)}</strong>, ${escape(when)}.</p><pre>${escape(levels)}</pre><p>Sent by ${escape(sender.authorityName)}.</p><p><a href="${ctx.config.publicUrl}/account">Your account</a> · <a href="${preferences}">Choose what you receive</a> · <a href="${unsubscribe}">Stop all messages</a></p>`,
    headers,
    messageId: messageId(ctx, 'trip'),
  };
}
