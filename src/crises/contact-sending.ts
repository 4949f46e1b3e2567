import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MailTransport } from '../mail/transport.ts';
import type { Database } from '../store/schema.ts';
import type { ContactAsk } from '../notify/contact-messages.ts';

/**
 * Sending the asks to emergency contacts (src/crises/escalation.ts writes them): claimed with one
 * conditional UPDATE (`status = 'queued'`), so two workers never send the same one; sent outside
 * any transaction; recorded right after. A claim older than the lease (its worker died) is
 * returned to the queue, as deliveries are; after `maxAttempts` the ask fails.
 */

export interface ContactSender {
  db: Kysely<Database>;
  mail: MailTransport;
  workerId: string;
  leaseMs: number;
  maxAttempts: number;
  build: (ask: ContactAsk) => Parameters<MailTransport['send']>[0];
}

export async function sendContactAsks(s: ContactSender, now: Date, limit = 50): Promise<number> {
  const at = now.toISOString();
  await s.db.updateTable('crisis_contact_asks').set({ status: 'queued', claimed_by: null, claimed_at: null })
    .where('status', '=', 'sending').where('claimed_at', '<', new Date(now.getTime() - s.leaseMs).toISOString()).execute();
  const due = s.db.selectFrom('crisis_contact_asks').select('id').where('status', '=', 'queued').orderBy('id').limit(limit);
  const claimed = await s.db.updateTable('crisis_contact_asks')
    .set({ status: 'sending', claimed_by: s.workerId, claimed_at: at, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', due).where('status', '=', 'queued')
    .returning(['id', 'attempts']).execute();
  if (claimed.length === 0) return 0;
  const rows = await s.db.selectFrom('crisis_contact_asks as k').innerJoin('crises as c', 'c.id', 'k.crisis_id').innerJoin('travellers as t', 't.id', 'k.traveller_id')
    .select(['k.id', 'k.crisis_id', 'k.traveller_id', 'k.contact_name', 'k.contact_email', 'c.title', 'c.area_desc', 'c.exercise', 'c.status', 't.name', 't.language'])
    .select(({ exists, selectFrom }) => exists(selectFrom('crisis_answers as a').select('a.id').whereRef('a.crisis_id', '=', 'k.crisis_id').whereRef('a.traveller_id', '=', 'k.traveller_id')).as('answered'))
    .where('k.id', 'in', claimed.map((c) => c.id)).execute();
  for (const row of rows) {
    const record = (set: { status: 'sent' | 'failed' | 'queued'; sent_at?: string; last_error?: string | null }) =>
      s.db.updateTable('crisis_contact_asks').set({ ...set, claimed_by: null, claimed_at: null }).where('id', '=', row.id).where('claimed_by', '=', s.workerId).execute();
    // Heard from meanwhile, or the crisis is over: asking their family now would only alarm them.
    if (row.status !== 'active') await record({ status: 'failed', last_error: 'the crisis was closed before it was sent' });
    else if (row.answered) await record({ status: 'failed', last_error: 'the person answered before it was sent' });
    else {
      try {
        await s.mail.send(s.build({
          id: Number(row.id), contactName: row.contact_name, contactEmail: row.contact_email, personName: row.name, title: row.title, areaDesc: row.area_desc, exercise: Number(row.exercise) === 1, language: row.language,
        }));
        await record({ status: 'sent', sent_at: at, last_error: null });
      } catch (error) {
        const attempts = Number(claimed.find((c) => c.id === row.id)?.attempts ?? s.maxAttempts);
        await record({ status: attempts >= s.maxAttempts ? 'failed' : 'queued', last_error: (error as Error).message.slice(0, 500) });
      }
    }
  }
  return rows.length;
}
