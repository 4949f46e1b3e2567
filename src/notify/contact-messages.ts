import { contactUrls } from '../crises/contact-links.ts';
import { CONTACT_ANSWERS } from '../domain/crisis-timers.ts';
import { translator } from '../i18n/translator.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { exercised } from './check-in-messages.ts';
import { identityOf, languageMarks, type LinkConfig } from './notification-mail.ts';

/**
 * The one e-mail an emergency contact gets when the person who named them (and agreed they may be
 * asked) has not answered a check-in for the hours the crisis sets (docs/crises.md). Three signed
 * links: heard safe, heard needs help, not heard. Not a subscription: no unsubscribe, sent once.
 * Their own language is unknown: it is written in the language of the person who named them.
 */

export interface ContactAsk {
  id: number;
  contactName: string;
  contactEmail: string;
  personName: string;
  title: string;
  areaDesc: string;
  exercise: boolean;
  /** The language of the person who named them (travellers.language). */
  language?: string | null;
}

export function contactAskEmail(config: LinkConfig, ask: ContactAsk, now: Date): OutgoingMail {
  const tr = translator(ask.language);
  const person = ask.personName || tr.t('mailCrisis.contactSomeone');
  const subject = exercised(tr, ask.exercise, tr.t('mailCrisis.contactSubject', { person: ask.personName || tr.t('mailCrisis.contactYourContact'), title: ask.title }));
  const urls = contactUrls(config, ask.id, now);
  const body = tr.t('mailCrisis.contactIntro', { person, area: ask.areaDesc, title: ask.title });
  const intro = ask.contactName ? `${tr.t('mailCrisis.contactDear', { name: ask.contactName })} ${body}` : body;
  const notice = tr.t('mail.exerciseNotice');
  const label = (answer: string) => tr.t('mailCrisis.contactAnswer', { answer });
  const once = tr.t('mailCrisis.contactOnce');
  const text = [
    ...(ask.exercise ? [notice, ''] : []),
    subject, '', intro, tr.t('mail.chooseAnswer'), '',
    ...CONTACT_ANSWERS.map((a) => tr.t('mail.labelled', { label: label(a), value: urls[a] })),
    '', once,
  ];
  const html = [
    ...(ask.exercise ? [`<p><strong>${escapeHtml(notice)}</strong></p>`] : []),
    `<h1>${escapeHtml(subject)}</h1>`, `<p>${escapeHtml(intro)}</p>`,
    `<ul>${CONTACT_ANSWERS.map((a) => `<li><a href="${escapeHtml(urls[a])}"><strong>${escapeHtml(label(a))}</strong></a></li>`).join('')}</ul>`,
    `<p>${escapeHtml(once)}</p>`,
  ];
  const host = new URL(config.publicUrl).hostname || 'waypost';
  const marked = languageMarks(tr.locale, html.join('\n'));
  return {
    to: ask.contactEmail, fromName: identityOf(config).authorityName, subject, text: `${text.join('\n')}\n`, html: marked.html,
    headers: { ...marked.headers, 'Auto-Submitted': 'auto-generated', Priority: 'urgent', Importance: 'high' },
    messageId: `<crisis-contact-${ask.id}@${host}>`,
  };
}
