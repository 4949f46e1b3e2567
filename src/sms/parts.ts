import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Receipt } from './receipts.ts';

/**
 * The parts the SMS centre accepted for a delivery, and what their receipts said. A receipt may
 * beat the part's own row (a fast SMSC answers before the worker writes), so both writers upsert
 * the row by message_id and each then settles the delivery: one failed part fails it (the person
 * did not get the whole text; the crisis dashboard counts them unreachable), every part delivered
 * makes it delivered.
 */

export type SmsDeliveryState = 'none' | 'accepted' | 'delivered' | 'failed';

/** Whether every part of this delivery was accepted before: a retry after a lost record sends nothing again. */
export async function alreadyAccepted(db: Kysely<Database>, deliveryId: number): Promise<boolean> {
  const rows = await db.selectFrom('sms_parts').select(['part', 'parts']).where('delivery_id', '=', deliveryId).execute();
  const total = rows[0]?.parts;
  return total !== null && total !== undefined && new Set(rows.map((r) => r.part)).size >= total;
}

export async function recordParts(db: Kysely<Database>, deliveryId: number, messageIds: readonly string[], at: string): Promise<void> {
  if (messageIds.length === 0) return;
  await db.insertInto('sms_parts')
    .values(messageIds.map((id, i) => ({ message_id: id, delivery_id: deliveryId, part: i + 1, parts: messageIds.length, state: 'accepted' as const, stat: null, submitted_at: at, receipt_at: null })))
    .onConflict((oc) => oc.column('message_id').doUpdateSet({
      delivery_id: deliveryId, part: sql`excluded.part`, parts: sql`excluded.parts`, submitted_at: at,
    }))
    .execute();
  await settle(db, deliveryId);
}

export async function applyReceipt(db: Kysely<Database>, receipt: Receipt, at: string): Promise<void> {
  if (receipt.outcome === 'pending') return;
  const row = await db.insertInto('sms_parts')
    .values({ message_id: receipt.messageId, delivery_id: null, part: null, parts: null, state: receipt.outcome, stat: receipt.stat, submitted_at: null, receipt_at: at })
    .onConflict((oc) => oc.column('message_id').doUpdateSet({ state: receipt.outcome, stat: receipt.stat, receipt_at: at }))
    .returning('delivery_id')
    .executeTakeFirst();
  if (row?.delivery_id !== null && row?.delivery_id !== undefined) await settle(db, Number(row.delivery_id));
}

/** What the receipts say of one delivery. */
export async function smsDeliveryState(db: Kysely<Database>, deliveryId: number): Promise<SmsDeliveryState> {
  const rows = await db.selectFrom('sms_parts').select(['state', 'parts']).where('delivery_id', '=', deliveryId).execute();
  if (rows.length === 0) return 'none';
  if (rows.some((r) => r.state === 'failed')) return 'failed';
  if (rows.length >= (rows[0]!.parts ?? Infinity) && rows.every((r) => r.state === 'delivered')) return 'delivered';
  return 'accepted';
}

/** A failed part fails its delivery (whether the worker has recorded it sent yet or not). */
async function settle(db: Kysely<Database>, deliveryId: number): Promise<void> {
  const failed = await db.selectFrom('sms_parts').select('stat').where('delivery_id', '=', deliveryId).where('state', '=', 'failed').executeTakeFirst();
  if (!failed) return;
  await db.updateTable('deliveries')
    .set({ status: 'failed', last_error: `SMS centre receipt: ${failed.stat ?? 'failed'}`, claimed_by: null, claimed_at: null })
    .where('id', '=', deliveryId).where('status', 'in', ['sending', 'sent']).execute();
}
