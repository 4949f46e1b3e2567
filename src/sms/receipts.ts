/**
 * Delivery receipts (SMPP 3.4 Appendix B): a deliver_sm whose esm_class says "MC delivery receipt",
 * naming the message by `receipted_message_id` (TLV) or the `id:` of its text, and its final state
 * by `message_state` (TLV) or `stat:`. What a receipt means for the delivery: delivered, failed, or
 * nothing yet (an intermediate state such as ENROUTE or ACCEPTD).
 */
export type ReceiptOutcome = 'delivered' | 'failed' | 'pending';

export interface Receipt {
  messageId: string;
  outcome: ReceiptOutcome;
  /** The SMSC's word for it (DELIVRD, UNDELIV…), kept as the delivery's error when it failed. */
  stat: string;
}

/** message_state values (SMPP 3.4 §5.2.28) as the text receipt's `stat:` words. */
const STATES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

const OUTCOMES: Record<string, ReceiptOutcome> = {
  DELIVRD: 'delivered',
  EXPIRED: 'failed', DELETED: 'failed', UNDELIV: 'failed', REJECTD: 'failed', UNKNOWN: 'failed',
  ENROUTE: 'pending', ACCEPTD: 'pending',
};

/** esm_class bits 2–5 say what kind of deliver_sm this is; 0b0001 (0x04) is an MC delivery receipt. */
export function isReceipt(esmClass: number | undefined): boolean {
  return ((esmClass ?? 0) & 0x3c) === 0x04;
}

export function readReceipt(fields: { text: string; receiptedMessageId?: string | undefined; messageState?: number | undefined }): Receipt | null {
  const id = fields.receiptedMessageId || /(?:^|\s)id:(\S+)/i.exec(fields.text)?.[1];
  const stat = (fields.messageState !== undefined && STATES[fields.messageState]) || /(?:^|\s)stat:(\w+)/i.exec(fields.text)?.[1]?.toUpperCase();
  if (!id || !stat) return null;
  return { messageId: id, stat, outcome: OUTCOMES[stat] ?? 'failed' };
}

/** A receipt's text as an SMSC writes it (the loopback test server and the benchmark use it). */
export function receiptText(messageId: string, stat: string, at: Date): string {
  const date = at.toISOString().replace(/[-T:]/g, '').slice(2, 12);
  const done = stat === 'DELIVRD' ? '001' : '000';
  return `id:${messageId} sub:001 dlvrd:${done} submit date:${date} done date:${date} stat:${stat} err:000 text:`;
}
