import { ORGANISATION_MESSAGE } from '../domain/event-kinds.ts';
import { quotedName } from '../enrolment/organisation-mail.ts';
import { escapeHtml } from '../http/html.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { OutgoingMail } from '../mail/message.ts';
import type { NotifyEvent } from './events.ts';
import { identityOf, notificationMail, type LinkConfig } from './notification-mail.ts';
import type { OrganisationMessageEvent } from './organisation-payload.ts';

/**
 * What a verified organisation tells its people ("message my people", docs/enrolment.md), by
 * e-mail and webhook: from the deployment's authority, saying first that it is sent on behalf of
 * the organisation (its name quoted, as in the welcome e-mail) and that the words are the
 * organisation's own, then the subject and text, then the usual preferences and one-click unsubscribe.
 */

export function isOrganisationMessageEvent(event: Pick<NotifyEvent, 'kind'>): event is OrganisationMessageEvent {
  return event.kind === ORGANISATION_MESSAGE;
}

/** “Uni of Example”: Flights resumed — whose words they are is in the subject too. */
export function organisationMessageSubject(event: OrganisationMessageEvent): string {
  return `${quotedName(event.payload.organisationName)}: ${event.payload.subject}`;
}

/** "Sent on behalf of “Uni of Example” by …": the first line of every copy, in the reader's language (the preview page shows it too). */
export function onBehalfOf(authority: string, organisationName: string, tr: Translator = translator('en')): string {
  return tr.t('mailOrganisation.onBehalfOf', { organisation: quotedName(organisationName), authority });
}

export function organisationMessageEmail(
  config: LinkConfig, event: OrganisationMessageEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(), locale?: string | null,
): OutgoingMail {
  // The frame is in the recipient's language; the organisation's words are as it wrote them.
  const tr = translator(locale);
  const p = event.payload;
  const subject = organisationMessageSubject(event);
  const authority = identityOf(config).authorityName;
  const who = quotedName(p.organisationName);
  const why = tr.t('mailOrganisation.why', { organisation: who, authority });
  const account = `${config.publicUrl}/account`;
  const frame = onBehalfOf(authority, p.organisationName, tr);
  const text = [frame, why, '', p.subject, '', p.text, '', `${tr.t('mailOrganisation.account')}: ${account}`];
  const html = [
    `<p><strong>${escapeHtml(frame)}</strong><br>${escapeHtml(why)}</p>`,
    `<h1>${escapeHtml(p.subject)}</h1>`,
    `<p style="white-space: pre-line">${escapeHtml(p.text)}</p>`,
    `<p><a href="${escapeHtml(account)}">${escapeHtml(tr.t('mailOrganisation.account'))}</a></p>`,
  ];
  return notificationMail(config, delivery, messageId, now, false, { subject, text, html, locale: tr.locale });
}

export function organisationMessageWebhookPayload(config: LinkConfig, event: OrganisationMessageEvent, idempotencyKey: string): Record<string, unknown> {
  const p = event.payload;
  return {
    type: event.kind, id: idempotencyKey, eventId: event.id, urgent: false,
    organisationMessage: { organisation: p.organisationName, onBehalfOf: onBehalfOf(identityOf(config).authorityName, p.organisationName), subject: p.subject, text: p.text, sentAt: p.sentAt },
  };
}
