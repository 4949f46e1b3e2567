import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { alreadyAccepted, recordParts } from '../../sms/parts.ts';
import type { Database } from '../../store/schema.ts';
import type { ClaimedDelivery, Outcome } from '../delivery.ts';
import type { NotifyEvent } from '../events.ts';
import { smsText } from '../sms-messages.ts';
import type { SmsProvider } from './sms-provider.ts';

export interface SmsChannel {
  config: Pick<Config, 'publicUrl' | 'secret'>;
  sms: SmsProvider;
}

/**
 * Sends one event's text message to one verified number. Every part the SMS centre accepts is
 * written with its message_id (src/sms/parts.ts), so its receipt finds the delivery, and a retry
 * of a delivery whose parts were all accepted (its "sent" was not recorded: a crash, a lost
 * database connection) sends nothing again.
 */
export async function sendSms(channel: SmsChannel, db: Kysely<Database>, delivery: ClaimedDelivery, event: NotifyEvent, to: string, now: Date, locale?: string | null): Promise<Outcome> {
  if (!channel.sms.configured) return { status: 'failed', error: 'no SMS provider is configured' };
  if (await alreadyAccepted(db, delivery.id)) return { status: 'sent' };
  const text = smsText(channel.config, event, delivery.traveller_id, now, locale);
  if (!text) return { status: 'failed', error: `no SMS text for ${event.kind} events` };
  const result = await channel.sms.send({ to, text, id: delivery.idempotency_key });
  if (!result.ok) return { status: result.temporary ? 'retry' : 'failed', error: result.reason };
  await recordParts(db, delivery.id, result.messageIds ?? [result.providerId], now.toISOString());
  return { status: 'sent' };
}
