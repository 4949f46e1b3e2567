import type { Config } from '../config.ts';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { advisorySubject, higherRegionLinesIn, levelLabelIn } from './advisory-text.ts';
import { cachedBody } from './body-cache.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { identityOf, notificationMail, type LinkConfig, type MailBody } from './notification-mail.ts';
import { destinationUrl } from './public-links.ts';
import { alertEmail, alertWebhookPayload, contactsHtml } from './alert-messages.ts';
import { checkInEmail, checkInWebhookPayload } from './check-in-messages.ts';
import { briefingEmail, briefingWebhookPayload } from './briefing-messages.ts';
import { departureEmail, departureWebhookPayload } from './departure-messages.ts';
import { isPeerChangeEvent } from './peer-events.ts';
import { isOrganisationMessageEvent, organisationMessageEmail, organisationMessageWebhookPayload } from './organisation-messages.ts';
import { peerEmail, peerWebhookPayload } from './peer-messages.ts';
import { isAlertEvent, isCrisisWaveEvent, isDepartureMessageEvent, isTripBriefingEvent, type AdvisoryEvent, type NotifyEvent } from './events.ts';


/** `<delivery-{event}-{channel}@host-of-PUBLIC_URL>`: the same for every attempt, so receivers drop a re-sent copy. */
export function messageIdFor(config: Pick<Config, 'publicUrl'>, idempotencyKey: string): string {
  let host = 'waypost.invalid';
  try {
    host = new URL(config.publicUrl).hostname || host;
  } catch {
    // keep the placeholder host
  }
  return `<${idempotencyKey}@${host}>`;
}

/** An advisory change's subject in English (webhooks, digests of English readers); see advisory-text.ts. */
export function subjectFor(event: AdvisoryEvent, tr: Translator = translator(DEFAULT_LOCALE)): string {
  return advisorySubject(tr, event.payload);
}

/** The part of an advisory e-mail that is the same for every reader of one language. */
function advisoryBody(config: LinkConfig, event: AdvisoryEvent, tr: Translator): MailBody {
  const p = event.payload;
  const subject = subjectFor(event, tr);
  const page = destinationUrl(config, p);
  const leave = tr.t('mailAdvisory.leave', { citizens: identityOf(config).citizenNoun });
  const label = levelLabelIn(tr, p.level);
  const higher = higherRegionLinesIn(tr, p);
  const whatChanged = p.changeNote ? tr.t('mailAdvisory.whatChanged', { note: p.changeNote }) : '';
  const text = [
    subject,
    '',
    p.levelChanged && p.previousLevel ? tr.t('mailAdvisory.levelLineWas', { level: p.level, label, previous: p.previousLevel }) : tr.t('mailAdvisory.levelLine', { level: p.level, label }),
    ...higher.map((line) => `- ${line}`),
    ...(p.departureUrged ? [leave] : []),
    ...(whatChanged ? ['', whatChanged] : []),
    ...(p.contacts?.length ? ['', tr.t('mail.labelled', { label: tr.t('mail.embassies'), value: '' }).trimEnd(), ...p.contacts.map((line) => `- ${line}`)] : []),
    '',
    tr.t('mailAdvisory.readLine', { url: page }),
  ];
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    ...(higher.length ? [`<ul>${higher.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`] : []),
    ...(p.departureUrged ? [`<p><strong>${escapeHtml(leave)}</strong></p>`] : []),
    ...(whatChanged ? [`<p>${escapeHtml(whatChanged)}</p>`] : []),
    ...(p.contacts?.length ? [contactsHtml(p.contacts, tr)] : []),
    `<p><a href="${escapeHtml(page)}">${escapeHtml(tr.t('mailAdvisory.read'))}</a></p>`,
  ];
  return { subject, text, html, locale: tr.locale };
}

/**
 * The e-mail for one delivery of an event, in the traveller's language (`locale`, their stored
 * tag; English when unknown): an advisory change here, other kinds in their own files.
 */
export function eventEmail(
  config: LinkConfig, event: NotifyEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, now: Date = new Date(), locale?: string | null,
): OutgoingMail {
  const tr = translator(locale);
  const messageId = messageIdFor(config, delivery.idempotencyKey);
  // Alert events have their own message (src/notify/alert-messages.ts, docs/alerts.md).
  if (isAlertEvent(event)) return alertEmail(config, event, delivery, messageId, now, tr.locale);
  if (isCrisisWaveEvent(event)) return checkInEmail(config, event, delivery, messageId, now, tr.locale);
  if (isTripBriefingEvent(event)) return briefingEmail(config, event, delivery, messageId, now, tr.locale);
  if (isDepartureMessageEvent(event)) return departureEmail(config, event, delivery, messageId, now, tr.locale);
  if (isPeerChangeEvent(event)) return peerEmail(config, event, delivery, messageId, now, tr.locale);
  // The organisation's own words, in its language; the frame around them is the deployment's, in the traveller's.
  if (isOrganisationMessageEvent(event)) return organisationMessageEmail(config, event, delivery, messageId, now, tr.locale);
  const body = cachedBody(event, `${tr.locale}|${identityOf(config).citizenNoun}|${config.publicUrl}`, () => advisoryBody(config, event, tr));
  return notificationMail(config, delivery, messageId, now, event.urgent, body);
}

/** The JSON body POSTed to a webhook channel (signed with Standard Webhooks; webhook-id = the idempotency key). */
export function webhookPayload(config: LinkConfig, event: NotifyEvent, idempotencyKey: string, travellerId = 0): Record<string, unknown> {
  if (isAlertEvent(event)) return alertWebhookPayload(config, event, idempotencyKey);
  // Check-ins carry answer links signed for their person (src/notify/check-in-messages.ts).
  if (isCrisisWaveEvent(event)) return checkInWebhookPayload(config, event, idempotencyKey, travellerId);
  if (isTripBriefingEvent(event)) return briefingWebhookPayload(config, event, idempotencyKey);
  if (isDepartureMessageEvent(event)) return departureWebhookPayload(config, event, idempotencyKey);
  if (isPeerChangeEvent(event)) return peerWebhookPayload(config, event, idempotencyKey);
  if (isOrganisationMessageEvent(event)) return organisationMessageWebhookPayload(config, event, idempotencyKey);
  const p = event.payload;
  return {
    type: event.kind,
    id: idempotencyKey,
    eventId: event.id,
    urgent: event.urgent,
    advisory: {
      code: p.code,
      name: p.name,
      level: p.level,
      levelLabel: p.levelLabel,
      previousLevel: p.previousLevel ?? null,
      departureUrged: p.departureUrged ?? false,
      indicators: p.indicators ?? [],
      higherRegions: p.higherRegions ?? [],
      revision: p.revision,
      changeNote: p.changeNote,
      publishedAt: p.publishedAt,
      url: destinationUrl(config, p),
    },
  };
}
