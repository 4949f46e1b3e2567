import type { Config } from '../config.ts';
import { EXERCISE_NOTICE, exerciseLabel } from '../domain/crises.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import type { DepartureMessageEvent } from './events.ts';
import { notificationMail } from './notification-mail.ts';

/**
 * What staff tell the people assigned to a departure (docs/crises.md "Departure assistance"), by
 * e-mail and webhook: their words first, then the departure — what, where and when to meet — and
 * where to see it again (/account). An exercise says EXERCISE in the subject and first line.
 */

type LinkConfig = Pick<Config, 'secret' | 'publicUrl'>;

/** "Your departure: Bus 1 to Riga – Unrest in Moscow". */
export function departureSubject(event: DepartureMessageEvent): string {
  const p = event.payload;
  return exerciseLabel(p.exercise, `Your departure: ${p.label} – ${p.title}`);
}

const meeting = (at: string) => `${at.slice(0, 16).replace('T', ' ')} UTC`;

export function departureEmail(
  config: LinkConfig, event: DepartureMessageEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(),
): OutgoingMail {
  const p = event.payload;
  const subject = departureSubject(event);
  const account = `${config.publicUrl}/account#departures`;
  const text = [
    ...(p.exercise ? [EXERCISE_NOTICE, ''] : []),
    subject,
    '',
    p.text,
    '',
    `Departure: ${p.label} (${p.mode})`,
    `Meeting point: ${p.meetingPoint}`,
    `Meeting time: ${meeting(p.meetingAt)}`,
    '',
    `Your request and this departure: ${account}`,
  ];
  const html = [
    ...(p.exercise ? [`<p><strong>${escapeHtml(EXERCISE_NOTICE)}</strong></p>`] : []),
    `<h1>${escapeHtml(subject)}</h1>`,
    `<p style="white-space: pre-line">${escapeHtml(p.text)}</p>`,
    `<p><strong>Departure:</strong> ${escapeHtml(p.label)} (${escapeHtml(p.mode)})<br><strong>Meeting point:</strong> ${escapeHtml(p.meetingPoint)}<br><strong>Meeting time:</strong> ${escapeHtml(meeting(p.meetingAt))}</p>`,
    `<p><a href="${escapeHtml(account)}">Your request and this departure</a></p>`,
  ];
  return notificationMail(config, delivery, messageId, now, true, { subject, text, html });
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
