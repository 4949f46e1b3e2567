import { describe, expect, it } from 'vitest';
import { isReceipt, readReceipt, receiptText } from './receipts.ts';

describe('delivery receipts', () => {
  it('are deliver_sm with esm_class 0x04 (with or without other bits), not ordinary messages', () => {
    expect([0x00, 0x04, 0x44, 0x08, 0x40, undefined].map(isReceipt)).toEqual([false, true, true, false, false, false]);
  });

  it.each([
    ['DELIVRD', 'delivered'], ['UNDELIV', 'failed'], ['REJECTD', 'failed'], ['EXPIRED', 'failed'], ['DELETED', 'failed'],
    ['ENROUTE', 'pending'], ['ACCEPTD', 'pending'], ['SOMETHING', 'failed'],
  ])('stat:%s is %s', (stat, outcome) => {
    expect(readReceipt({ text: receiptText('abc123', stat, new Date('2026-03-01T10:00:00Z')) })).toEqual({ messageId: 'abc123', stat, outcome });
  });

  it('prefers the TLVs to the text', () => {
    expect(readReceipt({ text: 'id:other stat:UNDELIV', receiptedMessageId: 'm1', messageState: 2 })).toEqual({ messageId: 'm1', stat: 'DELIVRD', outcome: 'delivered' });
  });

  it('is nothing when it names no message or no state', () => {
    expect(readReceipt({ text: 'hello' })).toBeNull();
    expect(readReceipt({ text: 'id:x' })).toBeNull();
  });
});
