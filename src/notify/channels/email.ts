import type { Config } from '../../config.ts';
import { MailError, type MailTransport } from '../../mail/transport.ts';
import { isDigest, type ClaimedDelivery, type Outcome } from '../delivery.ts';
import { digestEmail } from '../digest.ts';
import type { NotifyEvent } from '../events.ts';
import { eventEmail } from '../messages.ts';
import { shortError } from '../redact.ts';

export interface EmailChannel {
  config: Pick<Config, 'publicUrl' | 'secret'>;
  mail: MailTransport;
}

/** Sends one event's e-mail, or one digest of several events, to one address. */
export async function sendEmail(channel: EmailChannel, delivery: ClaimedDelivery, events: NotifyEvent[], to: string, now: Date): Promise<Outcome> {
  try {
    const mail = isDigest(delivery)
      // Named after the group's first delivery: a retry of the same group keeps the Message-ID.
      ? digestEmail(channel.config, events, { to, travellerId: delivery.traveller_id, idempotencyKey: `digest-${delivery.channel_id}-${delivery.id}` }, now)
      : eventEmail(channel.config, events[0]!, { to, travellerId: delivery.traveller_id, idempotencyKey: delivery.idempotency_key }, now);
    await channel.mail.send(mail);
    return { status: 'sent' };
  } catch (error) {
    if (error instanceof MailError) {
      if (error.recipientRefused) return { status: 'bounced', error: shortError(error) };
      // A relay-level refusal (login, sender, "sending paused") is the operator's to fix: retry
      // with backoff rather than fail or disable every recipient at once.
      return { status: 'retry', error: shortError(error) };
    }
    return { status: 'retry', error: shortError(error) };
  }
}
