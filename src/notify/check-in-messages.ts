import type { Config } from '../config.ts';
import { CRISIS_ANSWERS } from '../domain/crises.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
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
export function checkInSubject(event: CrisisWaveEvent, tr: Translator = translator(DEFAULT_LOCALE)): string {
  const p = event.payload;
  return exercised(tr, p.exercise, `${tr.t('mailCrisis.ask', { followUp: p.followUp ? 'yes' : 'no' })} – ${p.title}`);
}

/** "EXERCISE – …" / "EXERCICE – …" in front of whatever an exercise says; an actual crisis's text as it is. */
export function exercised(tr: Translator, exercise: boolean, text: string): string {
  return exercise ? tr.t('mail.exercise', { text }) : text;
}

function urlsFor(config: LinkConfig, event: CrisisWaveEvent, travellerId: number, channel: CheckInChannel, now: Date) {
  return checkInUrls(config, { waveId: event.payload.waveId, travellerId, channel }, now);
}

export function checkInEmail(
  config: LinkConfig, event: CrisisWaveEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(), locale?: Locale,
): OutgoingMail {
  const p = event.payload;
  const tr = translator(locale);
  const subject = checkInSubject(event, tr);
  const urls = urlsFor(config, event, delivery.travellerId, 'email', now);
  const intro = tr.t(p.followUp ? 'mailCrisis.introFollowUp' : 'mailCrisis.intro', { area: p.areaDesc });
  const notice = tr.t('mail.exerciseNotice');
  const label = (answer: string) => tr.t('mailCrisis.answer', { answer });
  const linkOpens = tr.t('mailCrisis.linkOpens');
  const latest = tr.t('mailCrisis.latestCounts');
  const text = [
    ...(p.exercise ? [notice, ''] : []),
    subject,
    '',
    intro,
    tr.t('mail.chooseAnswer'),
    '',
    ...CRISIS_ANSWERS.map((answer) => tr.t('mail.labelled', { label: label(answer), value: urls[answer] })),
    '',
    linkOpens,
    latest,
  ];
  const html = [
    ...(p.exercise ? [`<p><strong>${escapeHtml(notice)}</strong></p>`] : []),
    `<h1>${escapeHtml(subject)}</h1>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p>${CRISIS_ANSWERS.map((answer) => `<a href="${escapeHtml(urls[answer])}"><strong>${escapeHtml(label(answer))}</strong></a>`).join(' &nbsp;·&nbsp; ')}</p>`,
    `<p>${escapeHtml(linkOpens)} ${escapeHtml(latest)}</p>`,
  ];
  return notificationMail(config, delivery, messageId, now, true, { subject, text, html, locale: tr.locale });
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
