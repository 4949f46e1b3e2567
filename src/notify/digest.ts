import { escapeHtml } from '../http/html.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { identityOf, notificationMail, type LinkConfig } from './notification-mail.ts';
import { alertSubject, alertUrls } from './alert-messages.ts';
import { checkInSubject } from './check-in-messages.ts';
import { briefingSubject } from './briefing-messages.ts';
import { departureSubject } from './departure-messages.ts';
import { isPeerChangeEvent } from './peer-events.ts';
import { isOrganisationMessageEvent, organisationMessageSubject } from './organisation-messages.ts';
import { peerDigestItem } from './peer-messages.ts';
import { isAlertEvent, isCrisisWaveEvent, isDepartureMessageEvent, isTripBriefingEvent, type NotifyEvent } from './events.ts';
import { messageIdFor, subjectFor } from './messages.ts';
import { destinationUrl } from './public-links.ts';

/**
 * The daily digest (docs/notifications.md): people who chose "daily digest" for a trip or a
 * subscription get routine changes held until the next digest hour (DIGEST_HOUR_UTC, 07:00 by
 * default) and then one e-mail listing them all. Urgent messages never wait (the audience gives
 * them priority 0 whatever the frequency).
 */

/** DIGEST_HOUR_UTC: the hour (0–23, UTC) at which digests go out. */
export function digestHourFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.DIGEST_HOUR_UTC;
  if (text === undefined || text === '') return 7;
  const hour = Number(text);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`DIGEST_HOUR_UTC must be a whole hour from 0 to 23 (got "${text}")`);
  return hour;
}

/** The first digest time strictly after `now`. */
export function nextDigestAt(now: Date, hourUtc: number): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

function itemOf(config: LinkConfig, event: NotifyEvent, tr: Translator): { title: string; note: string | undefined; url: string } {
  if (isAlertEvent(event)) return { title: alertSubject(event, tr), note: undefined, url: alertUrls(config, event.payload).page };
  // Check-ins are urgent and never held for a digest; listed by their subject should one ever be.
  if (isCrisisWaveEvent(event)) return { title: checkInSubject(event, tr), note: undefined, url: `${config.publicUrl}/account` };
  if (isTripBriefingEvent(event)) return { title: briefingSubject(config, event, tr), note: undefined, url: `${config.publicUrl}/account#trips` };
  if (isDepartureMessageEvent(event)) return { title: departureSubject(event, tr), note: undefined, url: `${config.publicUrl}/account#departures` };
  if (isPeerChangeEvent(event)) return peerDigestItem(config, event, tr);
  // Never held for a digest (it goes as routine); listed by its subject should one ever be.
  if (isOrganisationMessageEvent(event)) return { title: organisationMessageSubject(event), note: undefined, url: `${config.publicUrl}/account` };
  return { title: subjectFor(event, tr), note: event.payload.changeNote, url: destinationUrl(config, event.payload) };
}

/** One e-mail for several events: each with its title, change note and link; one unsubscribe. */
export function digestEmail(
  config: LinkConfig, events: readonly NotifyEvent[], delivery: { to: string; travellerId: number; idempotencyKey: string }, now: Date = new Date(), locale?: string | null,
): OutgoingMail {
  const tr = translator(locale);
  const items = events.map((event) => itemOf(config, event, tr));
  const subject = tr.t('mail.digestSubject', { authority: identityOf(config).authorityShortName, count: items.length });
  const changed = (note: string) => tr.t('mailAdvisory.whatChanged', { note });
  const text = [
    subject,
    ...items.flatMap((item) => ['', `* ${item.title}`, ...(item.note ? [`  ${changed(item.note)}`] : []), `  ${item.url}`]),
    '',
    tr.t('mail.digestOnceADay'),
  ];
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    '<ul>',
    ...items.map((item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a>${item.note ? `<br>${escapeHtml(changed(item.note))}` : ''}</li>`),
    '</ul>',
  ];
  return notificationMail(config, delivery, messageIdFor(config, delivery.idempotencyKey), now, false, { subject, text, html, locale: tr.locale });
}
