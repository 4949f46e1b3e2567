import type { Config } from '../../config.ts';
import { allowPrivateFromEnv, type LookupAll } from '../../webhooks/address-guard.ts';
import { postSignedWebhook } from '../../webhooks/send.ts';
import type { ClaimedDelivery, Outcome } from '../delivery.ts';
import type { NotifyEvent } from '../events.ts';
import { webhookPayload } from '../messages.ts';
import { shortError } from '../redact.ts';

export interface WebhookChannel {
  config: Pick<Config, 'publicUrl' | 'secret'>;
  /** Unset: WEBHOOK_ALLOW_PRIVATE decides, read at each send. */
  allowPrivateWebhooks?: boolean;
  lookup?: LookupAll;
}

/** Posts one event to one webhook, signed (Standard Webhooks) with the channel's secret. */
export async function sendWebhook(
  channel: WebhookChannel, delivery: ClaimedDelivery, event: NotifyEvent, url: string, secret: string | null, now: Date,
): Promise<Outcome> {
  if (!secret) return { status: 'failed', error: 'webhook channel has no signing secret' };
  try {
    const response = await postSignedWebhook(url, secret, webhookPayload(channel.config, event, delivery.idempotency_key, delivery.traveller_id), {
      id: delivery.idempotency_key,
      now,
      allowPrivate: channel.allowPrivateWebhooks ?? allowPrivateFromEnv(),
      ...(channel.lookup ? { lookup: channel.lookup } : {}),
    });
    if (response.status >= 200 && response.status < 300) return { status: 'sent' };
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    return retryable ? { status: 'retry', error: `HTTP ${response.status}` } : { status: 'failed', error: `HTTP ${response.status}` };
  } catch (error) {
    if ((error as Error).name === 'UnsafeAddressError') {
      // A host that does not resolve may be a DNS hiccup: retry. A private address is refused for good.
      const message = (error as Error).message;
      return { status: / does not resolve$/.test(message) ? 'retry' : 'failed', error: shortError(error) };
    }
    return { status: 'retry', error: shortError(error) };
  }
}
