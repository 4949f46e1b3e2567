import type { Config } from '../config.ts';
import { ANSWER_LABELS, CRISIS_ANSWERS, EXERCISE_NOTICE, exerciseLabel } from '../domain/crises.ts';
import { checkInUrls, type CheckInChannel } from '../crises/links.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { notificationMail } from './notification-mail.ts';
import type { CrisisWaveEvent } from './events.ts';

/**
 * The "Are you safe?" message of a crisis's check-in wave (docs/crises.md), by e-mail and webhook.
 * Each carries three one-click answer links signed for this person, this wave and this channel
 * (src/crises/links.ts); an exercise says EXERCISE in the subject, first line and payload.
 */

type LinkConfig = Pick<Config, 'secret' | 'publicUrl'>;

/** "Are you safe? – Unrest in Moscow" ("Reminder: are you safe? …" for a follow-up; "EXERCISE – …" for a drill). */
export function checkInSubject(event: CrisisWaveEvent): string {
  const p = event.payload;
  return exerciseLabel(p.exercise, `${p.followUp ? 'Reminder: are you safe?' : 'Are you safe?'} – ${p.title}`);
}

function urlsFor(config: LinkConfig, event: CrisisWaveEvent, travellerId: number, channel: CheckInChannel, now: Date) {
  return checkInUrls(config, { waveId: event.payload.waveId, travellerId, channel }, now);
}

export function checkInEmail(
  config: LinkConfig, event: CrisisWaveEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(),
): OutgoingMail {
  const p = event.payload;
  const subject = checkInSubject(event);
  const urls = urlsFor(config, event, delivery.travellerId, 'email', now);
  const intro = p.followUp
    ? `We have not heard from you yet. Our records say you may be in ${p.areaDesc}. Please tell us how you are.`
    : `Our records say you may be in ${p.areaDesc}. Please tell us how you are.`;
  const text = [
    ...(p.exercise ? [EXERCISE_NOTICE, ''] : []),
    subject,
    '',
    intro,
    'Choose one answer; no password is needed:',
    '',
    ...CRISIS_ANSWERS.map((answer) => `${ANSWER_LABELS[answer]}: ${urls[answer]}`),
    '',
    'The link opens a page where you confirm the answer; you can then say where you are, who is with you, and add a note.',
    'If your situation changes, answer again: the latest answer counts.',
  ];
  const html = [
    ...(p.exercise ? [`<p><strong>${escapeHtml(EXERCISE_NOTICE)}</strong></p>`] : []),
    `<h1>${escapeHtml(subject)}</h1>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p>${CRISIS_ANSWERS.map((answer) => `<a href="${escapeHtml(urls[answer])}"><strong>${escapeHtml(ANSWER_LABELS[answer])}</strong></a>`).join(' &nbsp;·&nbsp; ')}</p>`,
    '<p>The link opens a page where you confirm the answer; you can then say where you are, who is with you, and add a note. If your situation changes, answer again: the latest answer counts.</p>',
  ];
  return notificationMail(config, delivery, messageId, now, true, { subject, text, html });
}

/** The webhook JSON of a wave: the crisis, the question, and this person's three answer URLs (POST records). */
export function checkInWebhookPayload(config: LinkConfig, event: CrisisWaveEvent, idempotencyKey: string, travellerId: number, now: Date = new Date()): Record<string, unknown> {
  const p = event.payload;
  const urls = urlsFor(config, event, travellerId, 'webhook', now);
  return {
    type: event.kind,
    id: idempotencyKey,
    eventId: event.id,
    urgent: true,
    exercise: p.exercise,
    checkIn: {
      crisis: p.crisisId,
      wave: p.number,
      followUp: p.followUp,
      title: p.title,
      subject: checkInSubject(event),
      area: p.areaDesc,
      destinations: p.destinations,
      sentAt: p.sentAt,
      answers: { safe: urls.safe, needHelp: urls.need_help, left: urls.left },
    },
  };
}
