import { contactUrls } from '../crises/contact-links.ts';
import { CONTACT_ANSWERS, CONTACT_ANSWER_LABELS } from '../domain/crisis-timers.ts';
import { EXERCISE_NOTICE, exerciseLabel } from '../domain/crises.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { identityOf, type LinkConfig } from './notification-mail.ts';

/**
 * The one e-mail an emergency contact gets when the person who named them (and agreed they may be
 * asked) has not answered a check-in for the hours the crisis sets (docs/crises.md). Three signed
 * links: heard safe, heard needs help, not heard. Not a subscription: no unsubscribe, sent once.
 */

export interface ContactAsk {
  id: number;
  contactName: string;
  contactEmail: string;
  personName: string;
  title: string;
  areaDesc: string;
  exercise: boolean;
}

export function contactAskEmail(config: LinkConfig, ask: ContactAsk, now: Date): OutgoingMail {
  const person = ask.personName || 'someone who named you as their emergency contact';
  const subject = exerciseLabel(ask.exercise, `Have you heard from ${ask.personName || 'your contact'}? – ${ask.title}`);
  const urls = contactUrls(config, ask.id, now);
  const intro = `${ask.contactName ? `Dear ${ask.contactName}, ` : ''}${person} named you as an emergency contact and agreed that we may ask you if we could not reach them. `
    + `Our records say they may be in ${ask.areaDesc}, and they have not answered our check-in ("${ask.title}"). Have you heard from them?`;
  const text = [
    ...(ask.exercise ? [EXERCISE_NOTICE, ''] : []),
    subject, '', intro, 'Choose one answer; no password is needed:', '',
    ...CONTACT_ANSWERS.map((a) => `${CONTACT_ANSWER_LABELS[a]}: ${urls[a]}`),
    '', 'The link opens a page where you confirm the answer. We ask you once about this crisis.',
  ];
  const html = [
    ...(ask.exercise ? [`<p><strong>${escapeHtml(EXERCISE_NOTICE)}</strong></p>`] : []),
    `<h1>${escapeHtml(subject)}</h1>`, `<p>${escapeHtml(intro)}</p>`,
    `<ul>${CONTACT_ANSWERS.map((a) => `<li><a href="${escapeHtml(urls[a])}"><strong>${escapeHtml(CONTACT_ANSWER_LABELS[a])}</strong></a></li>`).join('')}</ul>`,
    '<p>The link opens a page where you confirm the answer. We ask you once about this crisis.</p>',
  ];
  const host = new URL(config.publicUrl).hostname || 'waypost';
  return {
    to: ask.contactEmail, fromName: identityOf(config).authorityName, subject, text: `${text.join('\n')}\n`, html: html.join('\n'),
    headers: { 'Auto-Submitted': 'auto-generated', Priority: 'urgent', Importance: 'high' },
    messageId: `<crisis-contact-${ask.id}@${host}>`,
  };
}
