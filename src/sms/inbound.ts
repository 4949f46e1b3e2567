import type { Kysely } from 'kysely';
import type { SmsProvider } from '../notify/channels/sms-provider.ts';
import type { Database } from '../store/schema.ts';
import { applyReceipt } from './parts.ts';
import { handleReply } from './replies.ts';

/**
 * Connects what the SMS centre sends us to the database: receipts settle deliveries
 * (src/sms/parts.ts), replies answer check-ins (src/sms/replies.ts) and get their short answer
 * back by SMS. Errors reach the SMS centre as a temporary failure, so it delivers the PDU again.
 */
export function listenForSms(provider: SmsProvider, db: Kysely<Database>, options: { now?: () => Date } = {}): void {
  const now = options.now ?? (() => new Date());
  provider.listen?.({
    receipt: (receipt) => applyReceipt(db, receipt, now().toISOString()),
    async reply(message) {
      const outcome = await handleReply(db, message, now());
      if (outcome.kind === 'ignored') return;
      // Not awaited: the SMS centre's deliver_sm is answered now; a lost reply to a reply is no harm.
      void provider.send({ to: message.from, text: outcome.reply, id: `reply-${Date.now()}` }).catch(() => {});
    },
  });
}
