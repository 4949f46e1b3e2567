import type { Config } from '../config.ts';
import { changeSubject } from '../domain/change-headlines.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { identityOf, notificationMail, type LinkConfig } from './notification-mail.ts';
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

/**
 * What changed, in the subject: "Russia: level raised to 4 (Do Not Travel) – leave now",
 * "Russia: new section on air travel". Events written before headlines existed keep the old form,
 * "Russia: Level 4 – Do Not Travel – citizens should leave immediately".
 */
export function subjectFor(event: AdvisoryEvent): string {
  const p = event.payload;
  const name = p.name || p.code;
  if (p.headlines?.length) return changeSubject(name, p.headlines, p);
  const parts = [`${name}: Level ${p.level} – ${p.levelLabel}`.trimEnd()];
  if (p.departureUrged) parts.push('citizens should leave immediately');
  else if (p.levelChanged && p.previousLevel) parts.push(`was Level ${p.previousLevel}`);
  else parts.push('advisory updated');
  return parts.join(' – ');
}

/** The e-mail for one delivery of an event: an advisory change here, an alert via src/notify/alert-messages.ts. */
export function eventEmail(
  config: LinkConfig, event: NotifyEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, now: Date = new Date(),
): OutgoingMail {
  // Alert events have their own message (src/notify/alert-messages.ts, docs/alerts.md).
  if (isAlertEvent(event)) return alertEmail(config, event, delivery, messageIdFor(config, delivery.idempotencyKey), now);
  if (isCrisisWaveEvent(event)) return checkInEmail(config, event, delivery, messageIdFor(config, delivery.idempotencyKey), now);
  if (isTripBriefingEvent(event)) return briefingEmail(config, event, delivery, messageIdFor(config, delivery.idempotencyKey), now);
  if (isDepartureMessageEvent(event)) return departureEmail(config, event, delivery, messageIdFor(config, delivery.idempotencyKey), now);
  if (isPeerChangeEvent(event)) return peerEmail(config, event, delivery, messageIdFor(config, delivery.idempotencyKey), now);
  if (isOrganisationMessageEvent(event)) return organisationMessageEmail(config, event, delivery, messageIdFor(config, delivery.idempotencyKey), now);
  const p = event.payload;
  const subject = subjectFor(event);
  const page = destinationUrl(config, p);
  const leave = `${identityOf(config).citizenNoun} there should leave immediately.`;
  const text = [
    subject,
    '',
    `Level ${p.level}: ${p.levelLabel}${p.levelChanged && p.previousLevel ? ` (was Level ${p.previousLevel})` : ''}`,
    ...higherRegionLines(p).map((line) => `- ${line}`),
    ...(p.departureUrged ? [leave] : []),
    ...(p.changeNote ? ['', `What changed: ${p.changeNote}`] : []),
    ...(p.contacts?.length ? ['', 'Embassies and consulates:', ...p.contacts.map((line) => `- ${line}`)] : []),
    '',
    `Read the advisory: ${page}`,
  ];
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    ...(p.higherRegions?.length ? [`<ul>${higherRegionLines(p).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`] : []),
    ...(p.departureUrged ? [`<p><strong>${escapeHtml(leave)}</strong></p>`] : []),
    ...(p.changeNote ? [`<p>What changed: ${escapeHtml(p.changeNote)}</p>`] : []),
    ...(p.contacts?.length ? [contactsHtml(p.contacts)] : []),
    `<p><a href="${escapeHtml(page)}">Read the advisory</a></p>`,
  ];
  return notificationMail(config, delivery, messageIdFor(config, delivery.idempotencyKey), now, event.urgent, { subject, text, html });
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

/**
 * "Gaza (PS-GZA): Level 4 – Do Not Travel": a part of the destination advised above its level. Said
 * in every message, or someone there would read only the destination's lower level.
 */
export function higherRegionLines(p: AdvisoryEvent['payload']): string[] {
  return (p.higherRegions ?? []).map((r) => `${r.name}${r.code ? ` (${r.code})` : ''}: Level ${r.level} – ${r.levelLabel}`);
}
