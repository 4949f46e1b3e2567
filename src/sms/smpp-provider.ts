import { createHash } from 'node:crypto';
import smpp, { type DecodedMessage, type PDU } from 'smpp';
import { concatHeader, MAX_SMS_PARTS, splitSms } from '../domain/sms-text.ts';
import type { SmsInbound, SmsMessage, SmsProvider, SmsResult } from '../notify/channels/sms-provider.ts';
import { isReceipt, readReceipt } from './receipts.ts';
import { LinkError, SmppLink, type LinkOptions } from './smpp-link.ts';
import { describeSmppTarget, type SmppTarget } from './smpp-url.ts';

/**
 * SMS over SMPP 3.4 (docs/notifications.md, "SMS"): each message is one submit_sm per part, with
 * a delivery receipt asked for (registered_delivery 1), in GSM 03.38 (data_coding 0) when the text
 * fits it and UCS-2 (data_coding 8) otherwise, long texts split by src/domain/sms-text.ts and
 * joined again on the phone by a concatenation header (UDH). Incoming deliver_sm are receipts
 * (esm_class 0x04) or people's replies, handed to whoever `listen`s.
 */
export type SmppProviderOptions = Omit<LinkOptions, 'target' | 'onDeliver'>;

/** Statuses that say "not now" rather than "never" (SMPP 3.4 §5.1.3): the delivery is retried. */
const TEMPORARY = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL, smpp.ESME_RSYSERR]);

export class SmppSmsProvider implements SmsProvider {
  readonly configured = true;
  readonly target: SmppTarget;
  readonly link: SmppLink;
  #inbound: SmsInbound | undefined;

  constructor(target: SmppTarget, options: SmppProviderOptions = {}) {
    this.target = target;
    this.link = new SmppLink({ ...options, target, onDeliver: (pdu) => this.#onDeliver(pdu) });
    this.link.start();
  }

  describe(): string {
    return `Text messages are sent through ${describeSmppTarget(this.target)}. A number receives nothing until it is verified with the code we text to it.`;
  }

  listen(inbound: SmsInbound): void {
    this.#inbound = inbound;
  }

  async send(message: SmsMessage): Promise<SmsResult> {
    const to = message.to.replace(/^\+/, '');
    if (!/^[1-9]\d{6,14}$/.test(to)) return { ok: false, temporary: false, reason: 'not an E.164 number' };
    const split = splitSms(message.text);
    if (split.parts.length > MAX_SMS_PARTS) return { ok: false, temporary: false, reason: `the text needs ${split.parts.length} parts (at most ${MAX_SMS_PARTS})` };
    // The same reference on every attempt of one message: a phone joining parts of two attempts still gets one text.
    const ref = createHash('sha256').update(message.id).digest()[0]!;
    const total = split.parts.length;
    const responses = await Promise.allSettled(split.parts.map((part, i) => this.link.request('submit_sm', {
      source_addr_ton: this.target.from ? (/^\+?\d+$/.test(this.target.from) ? 1 : 5) : 0,
      source_addr_npi: this.target.from && /^\+?\d+$/.test(this.target.from) ? 1 : 0,
      source_addr: this.target.from.replace(/^\+/, ''),
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: to,
      registered_delivery: 1,
      data_coding: split.encoding === 'gsm' ? 0 : 8,
      short_message: total === 1 ? part : { udh: Buffer.from(concatHeader(ref, total, i + 1)), message: part },
    })));
    const refused = responses.find((r) => r.status === 'fulfilled' && r.value.command_status !== 0) as PromiseFulfilledResult<PDU> | undefined;
    const lost = responses.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (refused) {
      const status = refused.value.command_status;
      return { ok: false, temporary: TEMPORARY.has(status), reason: `SMS centre refused it (status 0x${status.toString(16).padStart(4, '0')})` };
    }
    if (lost) return { ok: false, temporary: true, reason: lost.reason instanceof LinkError ? lost.reason.message : 'SMS centre unreachable' };
    const ids = responses.map((r) => (r as PromiseFulfilledResult<PDU>).value.message_id ?? '');
    return { ok: true, providerId: ids.join(','), messageIds: ids };
  }

  close(): Promise<void> {
    return this.link.close();
  }

  async #onDeliver(pdu: PDU): Promise<void> {
    const inbound = this.#inbound;
    if (!inbound) return;
    const text = messageText(pdu);
    if (isReceipt(pdu.esm_class)) {
      const receipt = readReceipt({ text, receiptedMessageId: pdu.receipted_message_id, messageState: pdu.message_state });
      if (receipt) await inbound.receipt(receipt);
      return;
    }
    if (pdu.source_addr) await inbound.reply({ from: `+${pdu.source_addr.replace(/^\+/, '')}`, text });
  }
}

/** The text of a deliver_sm, from short_message or message_payload, as the package decoded it. */
export function messageText(pdu: PDU): string {
  const body = pdu.message_payload ?? pdu.short_message;
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('latin1');
  const message = (body as DecodedMessage).message;
  return typeof message === 'string' ? message : message.toString('latin1');
}
