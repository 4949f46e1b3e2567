import type { Config } from '../../config.ts';
import type { Kysely } from 'kysely';
import type { Identity } from '../../domain/identity.ts';
import { readIdentity } from '../../identity/settings.ts';
import { MailError, type MailTransport } from '../../mail/transport.ts';
import type { Database } from '../../store/schema.ts';
import { isDigest, type ClaimedDelivery, type Outcome } from '../delivery.ts';
import { digestEmail } from '../digest.ts';
import type { NotifyEvent } from '../events.ts';
import { eventEmail } from '../messages.ts';
import { shortError } from '../redact.ts';

export interface EmailChannel {
  config: Pick<Config, 'publicUrl' | 'secret'>;
  mail: MailTransport;
  /** Where the deployment identity is read (who the e-mail is from); without it, the software's defaults. */
  store?: { db: Kysely<Database> };
}

/** The identity, read at most once a second per database: a worker sends hundreds of messages a second. */
const recent = new WeakMap<object, { at: number; identity: Promise<Identity> }>();
function currentIdentity(db: Kysely<Database>): Promise<Identity> {
  const kept = recent.get(db);
  if (kept && performance.now() - kept.at < 1000) return kept.identity;
  const identity = readIdentity(db);
  recent.set(db, { at: performance.now(), identity });
  identity.catch(() => recent.get(db)?.identity === identity && recent.delete(db));
  return identity;
}

/** Sends one event's e-mail, or one digest of several events, to one address. */
/** `locale`: the traveller's stored language; English when not given. */
export async function sendEmail(channel: EmailChannel, delivery: ClaimedDelivery, events: NotifyEvent[], to: string, now: Date, locale?: string | null): Promise<Outcome> {
  try {
    const config = { ...channel.config, ...(channel.store ? { identity: await currentIdentity(channel.store.db) } : {}) };
    const mail = isDigest(delivery)
      // Named after the group's first delivery: a retry of the same group keeps the Message-ID.
      ? digestEmail(config, events, { to, travellerId: delivery.traveller_id, idempotencyKey: `digest-${delivery.channel_id}-${delivery.id}` }, now, locale)
      : eventEmail(config, events[0]!, { to, travellerId: delivery.traveller_id, idempotencyKey: delivery.idempotency_key }, now, locale);
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
