import type { Config } from '../config.ts';
import { DEFAULT_IDENTITY, type Identity } from '../domain/identity.ts';
import { escapeHtml } from '../http/html.ts';
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
}

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
  const stopList = list ? { text: [`${list.stop}: ${headers['List-Unsubscribe'].slice(1, -1)}`], html: `<a href="${escapeHtml(headers['List-Unsubscribe'].slice(1, -1))}">${escapeHtml(list.stop)}</a> · ` } : { text: [], html: '' };
  const preferences = preferencesUrl(config, delivery.travellerId, now);
  const sender = identityOf(config).authorityName;
  return {
    to: delivery.to,
    fromName: sender,
    subject: body.subject,
    text: `${[...body.text, '', `Sent by ${sender}.`, `Choose what you receive: ${preferences}`, ...stopList.text, `Stop all messages: ${unsubscribe}`].join('\n')}\n`,
    html: [...body.html, `<p>Sent by ${escapeHtml(sender)}.</p>`, `<p><a href="${escapeHtml(preferences)}">Choose what you receive</a> · ${stopList.html}<a href="${escapeHtml(unsubscribe)}">Stop all messages</a></p>`].join('\n'),
    headers: { ...headers, 'Auto-Submitted': 'auto-generated', ...(urgent ? { Priority: 'urgent', Importance: 'high' } : {}) },
    messageId,
  };
}
