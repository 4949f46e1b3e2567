/**
 * SMS as a channel: the interface a provider (Twilio, MessageBird, an operator's SMPP gateway…)
 * will implement. None is configured yet, so the only implementation says so plainly and never
 * pretends to send.
 */
export interface SmsMessage {
  /** E.164, e.g. +447700900123. */
  to: string;
  text: string;
  /** Idempotency key: a provider drops a second message with the same one. */
  id: string;
}

export type SmsResult = { ok: true; providerId: string } | { ok: false; temporary: boolean; reason: string };

export interface SmsProvider {
  readonly configured: boolean;
  /** One line for pages and logs: which provider, or why none. */
  describe(): string;
  send(message: SmsMessage): Promise<SmsResult>;
}

export class UnconfiguredSmsProvider implements SmsProvider {
  readonly configured = false;
  describe(): string {
    return 'No SMS provider is configured on this Waypost: SMS numbers are kept, but no text message is sent until the operator sets one up.';
  }
  async send(): Promise<SmsResult> {
    return { ok: false, temporary: false, reason: 'no SMS provider is configured' };
  }
}

export function smsProvider(): SmsProvider {
  return new UnconfiguredSmsProvider();
}
