import type { Identity } from '../domain/identity.ts';
import { ORGANISATION_NAME_MAX } from '../domain/organisations.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { listUnsubscribeHeaders, preferencesUrl } from '../security/signed-links.ts';
import type { EnrolmentContext } from './context.ts';
import { escape, messageId } from './mail.ts';

/**
 * The two e-mails sent on an organisation's behalf. Their wording is fixed: the organisation's
 * name is the only text it chooses, and it appears only as quoted data in the body ("An
 * organisation that calls itself “…”"), never in the subject, so nobody can use Waypost to put
 * their own message in a stranger's inbox (docs/security.md, "Organisations"). Both come from, and
 * name, the deployment's authority (docs/identity.md).
 */

/** Who sends: the deployment identity's authority. */
export type Sender = Pick<Identity, 'authorityName'>;

export const WELCOME_SUBJECT = 'You have been enrolled for travel safety messages';
export const INVITATION_SUBJECT = 'An organisation invites you to share trips for travel safety messages';

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

const NEVER_ASKS = 'This message never asks you to pay, to give a password or to sign in anywhere else.';

/** To a person an organisation enrolled who had no account: who did it, and how to leave in one click. */
export function welcomeMail(ctx: EnrolmentContext, to: string, travellerId: number, organisation: string, sender: Sender): OutgoingMail {
  const { headers, unsubscribe, preferences, account } = links(ctx, travellerId);
  const who = quotedName(organisation);
  const intro = `has enrolled this address with ${sender.authorityName} travel advisories for trips abroad, so that you get advisory changes, alerts and safety check-ins for the places it listed.`;
  const text = `An organisation that calls itself ${who} ${intro}

The name in quotes is the organisation's own; it was verified as allowed to enrol people by the administrators of ${ctx.config.publicUrl}. ${NEVER_ASKS}

Your details and trips: ${account} (sign in with this address)
Choose what you receive, without signing in: ${preferences}
Stop all messages: ${unsubscribe}
`;
  const html = `<p>An organisation that calls itself <q>${escape(who.slice(1, -1))}</q> ${escape(intro)}</p>
<p>The name in quotes is the organisation's own; it was verified as allowed to enrol people by the administrators of ${escape(ctx.config.publicUrl)}. ${NEVER_ASKS}</p>
<p><a href="${account}">Your details and trips</a> · <a href="${preferences}">Choose what you receive</a> · <a href="${unsubscribe}">Stop all messages</a></p>`;
  return { to, fromName: sender.authorityName, subject: WELCOME_SUBJECT, text, html, headers, messageId: messageId(ctx, 'welcome') };
}

/**
 * To someone who already has an account and whom an organisation's CSV named: nothing is attached
 * until they accept at `link` (signed, expiring; src/enrolment/invitations.ts).
 */
export function invitationMail(ctx: EnrolmentContext, to: string, travellerId: number, organisation: string, link: string, days: number, sender: Sender): OutgoingMail {
  const { headers, unsubscribe, account } = links(ctx, travellerId);
  const who = quotedName(organisation);
  const intro = `listed this address among travellers it wants to keep informed about their trips abroad. You already have an account with ${sender.authorityName} travel advisories, so nothing has been added to it: the organisation sees nothing of your account unless you accept.`;
  const accept = `If you accept, you become a member of it with ${sender.authorityName} travel advisories, it sees the trips it listed for you (where and when) with their advisory levels, and you get messages about them.`;
  const text = `An organisation that calls itself ${who} ${intro}

${accept}

See the trips, then accept or decline (the link works for ${days} days): ${link}
Or sign in at ${account}.
If you do not know this organisation, do nothing: the invitation expires by itself. ${NEVER_ASKS}

Stop all messages: ${unsubscribe}
`;
  const html = `<p>An organisation that calls itself <q>${escape(who.slice(1, -1))}</q> ${escape(intro)}</p>
<p>${escape(accept)}</p>
<p><a href="${link}">See the trips, then accept or decline</a> (the link works for ${days} days), or sign in at <a href="${account}">your account</a>.</p>
<p>If you do not know this organisation, do nothing: the invitation expires by itself. ${NEVER_ASKS}</p>
<p><a href="${unsubscribe}">Stop all messages</a></p>`;
  return { to, fromName: sender.authorityName, subject: INVITATION_SUBJECT, text, html, headers, messageId: messageId(ctx, 'invitation') };
}
