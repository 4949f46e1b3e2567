/**
 * SMS as a channel: the interface a provider implements (src/sms/smpp-provider.ts speaks SMPP 3.4
 * to an operator's or gateway's SMS centre). Without SMPP_URL the only implementation says so
 * plainly and never pretends to send.
 */
export interface SmsMessage {
  /** E.164, e.g. +447700900123. */
  to: string;
  text: string;
  /** Idempotency key: the same for every attempt of one delivery. */
  id: string;
}

export type SmsResult =
  | { ok: true; providerId: string; /** The SMS centre's id of each part, in order (receipts name them). */ messageIds?: string[] }
  | { ok: false; temporary: boolean; reason: string };

/** What arrives from the SMS centre: receipts for what we sent, and people's replies. */
export interface SmsInbound {
  receipt(receipt: { messageId: string; outcome: 'delivered' | 'failed' | 'pending'; stat: string }): Promise<void>;
  reply(message: { from: string; text: string }): Promise<void>;
}

export interface SmsProvider {
  readonly configured: boolean;
  /** One line for pages and logs: which provider, or why none. */
  describe(): string;
  send(message: SmsMessage): Promise<SmsResult>;
  /** Where receipts and replies go (set once, by whoever holds the database). */
  listen?(inbound: SmsInbound): void;
  close?(): Promise<void>;
}

export class UnconfiguredSmsProvider implements SmsProvider {
  readonly configured = false;
  describe(): string {
    return 'No SMS provider is configured on this site: SMS numbers are kept, but no text message is sent until the operator sets one up.';
  }
  async send(): Promise<SmsResult> {
    return { ok: false, temporary: false, reason: 'no SMS provider is configured' };
  }
}
