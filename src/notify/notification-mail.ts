import type { Config } from '../config.ts';
import { DEFAULT_IDENTITY, type Identity } from '../domain/identity.ts';
import { escapeHtml } from '../http/html.ts';
import type { Locale } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { listUnsubscribeHeaders, preferencesUrl, unsubscribeUrl, type UnsubscribeList } from '../security/signed-links.ts';

/** Where links point, and who sends (docs/identity.md; the software's defaults when not given). */
export type LinkConfig = Pick<Config, 'secret' | 'publicUrl'> & { identity?: Identity };

export const identityOf = (config: { identity?: Identity }): Identity => config.identity ?? DEFAULT_IDENTITY;

/** The body of a notification e-mail, without what `notificationMail` adds to every one. */
export interface MailBody {
  subject: string;
  /** Lines of the text part. */
  text: string[];
  /** Blocks of the HTML part. */
  html: string[];
  /** The language it is written in (the traveller's); English when not given. */
  locale?: Locale;
}

/**
 * The HTML part as a document that says its language (screen readers pick their voice by it), and
 * the header that says the same to mail clients (RFC 3282).
 */
export function languageMarks(locale: Locale, html: string): { html: string; headers: { 'Content-Language': string } } {
  return { html: `<!doctype html>\n<html lang="${locale}">\n<body>\n${html}\n</body>\n</html>`, headers: { 'Content-Language': locale } };
}

/** The translator of a message body: the body's language, or English. */
export const bodyTranslator = (body: { locale?: Locale }): Translator => translator(body.locale);

/**
 * What every notification e-mail carries, whatever it announces: a signed preferences link and
 * an RFC 8058 one-click unsubscribe (header and link), `Auto-Submitted`, urgency headers, and the
 * Message-ID that makes a re-sent copy recognisable. A message of a list (other governments'
 * changes) unsubscribes from that list in one click, and still offers to stop everything.
 */
export function notificationMail(
  config: LinkConfig, delivery: { to: string; travellerId: number }, messageId: string, now: Date, urgent: boolean, body: MailBody, list?: { name: UnsubscribeList; stop: string },
): OutgoingMail {
  const headers = listUnsubscribeHeaders(config, delivery.travellerId, list ? { list: list.name } : undefined, now);
  const unsubscribe = list ? unsubscribeUrl(config, delivery.travellerId, undefined, now) : headers['List-Unsubscribe'].slice(1, -1);
  const stopList = list ? { text: [bodyTranslator(body).t('mail.labelled', { label: list.stop, value: headers['List-Unsubscribe'].slice(1, -1) })], html: `<a href="${escapeHtml(headers['List-Unsubscribe'].slice(1, -1))}">${escapeHtml(list.stop)}</a> · ` } : { text: [], html: '' };
  const preferences = preferencesUrl(config, delivery.travellerId, now);
  const sender = identityOf(config).authorityName;
  const tr = bodyTranslator(body);
  const sentBy = tr.t('mail.sentBy', { sender });
  const choose = tr.t('mail.preferences');
  const stopAll = tr.t('mail.stopAll');
  const marked = languageMarks(tr.locale, [...body.html, `<p>${escapeHtml(sentBy)}</p>`, `<p><a href="${escapeHtml(preferences)}">${escapeHtml(choose)}</a> · ${stopList.html}<a href="${escapeHtml(unsubscribe)}">${escapeHtml(stopAll)}</a></p>`].join('\n'));
  return {
    to: delivery.to,
    fromName: sender,
    subject: body.subject,
    text: `${[...body.text, '', sentBy, tr.t('mail.labelled', { label: choose, value: preferences }), ...stopList.text, tr.t('mail.labelled', { label: stopAll, value: unsubscribe })].join('\n')}\n`,
    html: marked.html,
    headers: { ...headers, ...marked.headers, 'Auto-Submitted': 'auto-generated', ...(urgent ? { Priority: 'urgent', Importance: 'high' } : {}) },
    messageId,
  };
}
