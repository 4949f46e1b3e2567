import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { capDocument } from '../../../alerts/cap.ts';
import { alertEventPayload } from '../../../alerts/alert-event.ts';
import type { StoredAlert } from '../../../alerts/records.ts';
import type { Config } from '../../../config.ts';
import { ALERT_PUBLISHED } from '../../../domain/event-kinds.ts';
import { readIdentity } from '../../../identity/settings.ts';
import { alertEmail } from '../../../notify/alert-messages.ts';
import type { Database } from '../../../store/schema.ts';

/**
 * An alert not yet issued, as its two readers will get it: the e-mail a traveller in the area
 * receives (built by the same code the delivery worker runs) and the CAP document alerting
 * systems read. Nothing is stored or sent.
 */
export interface AlertPreview {
  cap: string;
  urgent: boolean;
  subject: string;
  /** The text part up to "Sent by …": each traveller's own preference and unsubscribe links follow it. */
  text: string;
}

export async function alertPreview(db: Kysely<Database>, config: Pick<Config, 'publicUrl'>, alert: StoredAlert, now: Date): Promise<AlertPreview> {
  const payload = await alertEventPayload(db, alert);
  // The signed per-traveller links are in the footer, which the preview leaves out: a throwaway key signs them.
  const linkConfig = { secret: randomBytes(32).toString('hex'), publicUrl: config.publicUrl, identity: await readIdentity(db) };
  const mail = alertEmail(linkConfig, { id: 0, kind: ALERT_PUBLISHED, urgent: payload.urgent, payload }, { to: 'traveller@example.invalid', travellerId: 0, idempotencyKey: 'preview' }, '<preview@example.invalid>', now);
  const footer = mail.text.indexOf('\nSent by ');
  const text = footer < 0 ? mail.text : mail.text.slice(0, mail.text.indexOf('\n', footer + 1));
  return { cap: capDocument(alert), urgent: payload.urgent, subject: mail.subject, text };
}
