import type { Config } from '../config.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import type { DepartureMessageEvent } from './events.ts';
import { exercised } from './check-in-messages.ts';
import { notificationMail } from './notification-mail.ts';

/**
 * What staff tell the people assigned to a departure (docs/crises.md "Departure assistance"), by
 * e-mail and webhook: their words first, then the departure — what, where and when to meet — and
 * where to see it again (/account). An exercise says EXERCISE in the subject and first line.
 */

type LinkConfig = Pick<Config, 'secret' | 'publicUrl'>;

/** "Your departure: Bus 1 to Riga – Unrest in Moscow". */
export function departureSubject(event: DepartureMessageEvent, tr: Translator = translator(DEFAULT_LOCALE)): string {
  const p = event.payload;
  return exercised(tr, p.exercise, tr.t('mailCrisis.departureSubject', { label: p.label, title: p.title }));
}

const meeting = (at: string) => `${at.slice(0, 16).replace('T', ' ')} UTC`;

export function departureEmail(
  config: LinkConfig, event: DepartureMessageEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(), locale?: Locale,
): OutgoingMail {
  const p = event.payload;
  const tr = translator(locale);
  const subject = departureSubject(event, tr);
  const account = `${config.publicUrl}/account#departures`;
  const notice = tr.t('mail.exerciseNotice');
  const [departure, point, time, link] = [tr.t('mailCrisis.departure'), tr.t('mailCrisis.meetingPoint'), tr.t('mailCrisis.meetingTime'), tr.t('mailCrisis.departureLink')];
  const text = [
    ...(p.exercise ? [notice, ''] : []),
    subject,
    '',
    p.text,
    '',
    `${departure} ${p.label} (${p.mode})`,
    `${point} ${p.meetingPoint}`,
    `${time} ${meeting(p.meetingAt)}`,
    '',
    tr.t('mail.labelled', { label: link, value: account }),
  ];
  const html = [
    ...(p.exercise ? [`<p><strong>${escapeHtml(notice)}</strong></p>`] : []),
    `<h1>${escapeHtml(subject)}</h1>`,
    `<p style="white-space: pre-line">${escapeHtml(p.text)}</p>`,
    `<p><strong>${escapeHtml(departure)}</strong> ${escapeHtml(p.label)} (${escapeHtml(p.mode)})<br><strong>${escapeHtml(point)}</strong> ${escapeHtml(p.meetingPoint)}<br><strong>${escapeHtml(time)}</strong> ${escapeHtml(meeting(p.meetingAt))}</p>`,
    `<p><a href="${escapeHtml(account)}">${escapeHtml(link)}</a></p>`,
  ];
  return notificationMail(config, delivery, messageId, now, true, { subject, text, html, locale: tr.locale });
}

export function departureWebhookPayload(config: Pick<Config, 'publicUrl'>, event: DepartureMessageEvent, idempotencyKey: string): Record<string, unknown> {
  const p = event.payload;
  return {
    type: event.kind,
    id: idempotencyKey,
    eventId: event.id,
    urgent: true,
    exercise: p.exercise,
    departure: {
      crisis: p.crisisId, title: p.title, subject: departureSubject(event), text: p.text, mode: p.mode, label: p.label,
      meetingPoint: p.meetingPoint, meetingAt: p.meetingAt, sentAt: p.sentAt, url: `${config.publicUrl}/account#departures`,
    },
  };
}
