import type { Config } from '../config.ts';
import { DEFAULT_IDENTITY, type Identity } from '../domain/identity.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { listUnsubscribeHeaders, preferencesUrl } from '../security/signed-links.ts';

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
 * Message-ID that makes a re-sent copy recognisable.
 */
export function notificationMail(
  config: LinkConfig, delivery: { to: string; travellerId: number }, messageId: string, now: Date, urgent: boolean, body: MailBody,
): OutgoingMail {
  const headers = listUnsubscribeHeaders(config, delivery.travellerId, undefined, now);
  const unsubscribe = headers['List-Unsubscribe'].slice(1, -1);
  const preferences = preferencesUrl(config, delivery.travellerId, now);
  const sender = identityOf(config).authorityName;
  return {
    to: delivery.to,
    fromName: sender,
    subject: body.subject,
    text: `${[...body.text, '', `Sent by ${sender}.`, `Choose what you receive: ${preferences}`, `Stop all messages: ${unsubscribe}`].join('\n')}\n`,
    html: [...body.html, `<p>Sent by ${escapeHtml(sender)}.</p>`, `<p><a href="${escapeHtml(preferences)}">Choose what you receive</a> · <a href="${escapeHtml(unsubscribe)}">Stop all messages</a></p>`].join('\n'),
    headers: { ...headers, 'Auto-Submitted': 'auto-generated', ...(urgent ? { Priority: 'urgent', Importance: 'high' } : {}) },
    messageId,
  };
}
