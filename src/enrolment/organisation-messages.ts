import { sql, type Kysely } from 'kysely';
import { ORGANISATION_MESSAGE } from '../domain/event-kinds.ts';
import { nextUtcMidnight, verificationState } from '../domain/organisations.ts';
import { checkOrganisationMessage, DEFAULT_DAILY_MESSAGE_LIMIT, mayMessage, withinMessageLimit, type OrganisationMessage } from '../domain/organisation-messages.ts';
import { writeEvent } from '../notify/events.ts';
import type { OrganisationMessageEvent, OrganisationMessagePayload } from '../notify/organisation-payload.ts';
import { countReach, insertUrgentDeliveries, PRIORITY, type Reach } from '../notify/urgent-deliveries.ts';
import { recordAudit } from '../publishing/audit.ts';
import type { Database } from '../store/schema.ts';
import { EnrolmentError, today, type EnrolmentContext } from './context.ts';
import { DailyLimitError } from './daily-limit.ts';
import { adminOrganisation } from './organisations.ts';

/**
 * "Message my people" (docs/enrolment.md): a verified organisation's admin writes a subject and a
 * text to all its members, or only those travelling now (optionally to some destinations). One
 * transaction checks the organisation may (src/domain/organisation-messages.ts mayMessage), counts
 * the day's messages against ORG_DAILY_MESSAGE_LIMIT, writes the message, an
 * `organisation.message` event and the audit entry; the notification worker fans the event out
 * with one INSERT … SELECT (src/notify/audience.ts → `fanOutOrganisationMessage`), once per
 * person and channel, under the same gate and (event, channel) key as every other event.
 */

type Audience = Pick<OrganisationMessage, 'audience' | 'destinations'>;

/**
 * The confirmed, enabled e-mail and webhook channels (never SMS: it is not the authority's urgent
 * word) of the organisation's members who have not stopped all messages; for 'travelling', only
 * members with a trip the organisation enrolled that is under way on `day` (to one of
 * `destinations`, when given). One row per channel: a member is one row of organisation_members,
 * and the trip test is an EXISTS, so two trips never make two copies.
 */
function recipients(db: Kysely<Database>, organisationId: number, audience: Audience, day: string) {
  return db
    .selectFrom('organisation_members as om')
    .innerJoin('travellers as tr', 'tr.id', 'om.traveller_id')
    .innerJoin('channels as c', 'c.traveller_id', 'tr.id')
    .where('om.organisation_id', '=', organisationId)
    .where('tr.unsubscribed_at', 'is', null)
    .where('c.confirmed_at', 'is not', null)
    .where('c.disabled_at', 'is', null)
    .where('c.kind', 'in', ['email', 'webhook'])
    .$if(audience.audience === 'travelling', (q) => q.where((eb) => eb.exists(
      eb.selectFrom('trips as t').innerJoin('trip_destinations as td', 'td.trip_id', 't.id').select(sql.lit(1).as('one'))
        .whereRef('t.traveller_id', '=', 'tr.id').where('t.organisation_id', '=', organisationId).where('t.cancelled_at', 'is', null)
        .where('t.start_date', '<=', day).where((w) => w.or([w('t.end_date', 'is', null), w('t.end_date', '>=', day)]))
        .$if(audience.destinations.length > 0, (d) => d.where('td.destination_code', 'in', audience.destinations)),
    )));
}

const reach = (db: Kysely<Database>, organisationId: number, audience: Audience, day: string): Promise<Reach> =>
  countReach(db, recipients(db, organisationId, audience, day));

/** The organisation may message now (verified), read in `db` (the sending transaction); otherwise a 403 saying why. */
async function requireMayMessage(db: Kysely<Database>, organisationId: number): Promise<{ id: number; name: string }> {
  const row = await db.selectFrom('organisations').select(['id', 'name', 'verified_at', 'withdrawn_at']).where('id', '=', organisationId).executeTakeFirst();
  if (!row) throw new EnrolmentError('There is no such organisation.', 404);
  const permission = mayMessage(verificationState({ verifiedAt: row.verified_at, withdrawnAt: row.withdrawn_at }));
  if (!permission.ok) throw new EnrolmentError(permission.reason, 403);
  return { id: row.id, name: row.name };
}

function checked(input: Record<string, unknown>): OrganisationMessage {
  const check = checkOrganisationMessage(input);
  if (!check.ok) throw new EnrolmentError(`Nothing was sent: ${check.errors.map((e) => e.message).join(' ')}`, 400, check.errors[0]!.field);
  return check.value;
}

export interface MessagePreview extends Reach {
  organisation: { id: number; name: string };
  message: OrganisationMessage;
}

/** What would be sent and to how many, writing nothing: the preview before "Send". Admins of a verified organisation only. */
export async function previewOrganisationMessage(ctx: EnrolmentContext, travellerId: number, organisationId: number, input: Record<string, unknown>): Promise<MessagePreview> {
  const organisation = await adminOrganisation(ctx, travellerId, organisationId);
  await requireMayMessage(ctx.db, organisation.id);
  const message = checked(input);
  return { organisation: { id: organisation.id, name: organisation.name }, message, ...(await reach(ctx.db, organisation.id, message, today(ctx))) };
}

export interface SentMessage extends Reach {
  messageId: number;
  eventId: number;
}

export async function sendOrganisationMessage(ctx: EnrolmentContext, travellerId: number, organisationId: number, input: Record<string, unknown>): Promise<SentMessage> {
  const admin = await adminOrganisation(ctx, travellerId, organisationId);
  const message = checked(input);
  const now = ctx.now();
  const at = now.toISOString();
  const day = today(ctx);
  const limit = ctx.settings.dailyMessageLimit ?? DEFAULT_DAILY_MESSAGE_LIMIT;
  return ctx.db.transaction().execute(async (trx) => {
    // Inside the transaction: a withdrawal committed a moment ago is seen.
    const organisation = await requireMayMessage(trx, admin.id);
    // Takes the day's counter row (its lock on PostgreSQL; SQLite has one writer), so two sends at once
    // are counted one after the other and cannot both slip under the limit. Adds nothing to it.
    await trx.insertInto('organisation_daily_counts').values({ organisation_id: organisation.id, day, row_count: 0, message_count: 0 })
      .onConflict((oc) => oc.columns(['organisation_id', 'day']).doUpdateSet((eb) => ({ message_count: eb('organisation_daily_counts.message_count', '+', 0) }))).execute();
    const sent = await trx.selectFrom('organisation_messages').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('organisation_id', '=', organisation.id).where('sent_at', '>=', `${day}T00:00:00.000Z`).executeTakeFirstOrThrow();
    const reset = nextUtcMidnight(now);
    const decision = withinMessageLimit(Number(sent.n), limit, reset.toISOString().replace(/:00\.000Z$/, ' UTC').replace('T', ' '));
    if (!decision.ok) throw new DailyLimitError(decision.reason, Math.max(1, Math.ceil((reset.getTime() - now.getTime()) / 1000)));
    const count = await reach(trx, organisation.id, message, day);
    if (count.deliveries === 0) throw new EnrolmentError('Nothing was sent: nobody matches (no member with a confirmed address travelling there now).', 409);
    const { id: messageId } = await trx.insertInto('organisation_messages').values({
      organisation_id: organisation.id, event_id: null, subject: message.subject, text: message.text, audience: message.audience,
      destinations: JSON.stringify(message.destinations), people: count.people, deliveries: count.deliveries, sent_by: travellerId, sent_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    const payload: OrganisationMessagePayload = {
      organisationId: organisation.id, organisationName: organisation.name, messageId: Number(messageId), subject: message.subject, text: message.text,
      audience: message.audience, destinations: message.destinations, code: message.destinations[0] ?? 'XX', sentAt: at, urgent: false,
    };
    const eventId = await writeEvent(trx, { kind: ORGANISATION_MESSAGE, destinationCode: payload.code, at: now, payload });
    await trx.updateTable('organisation_messages').set({ event_id: eventId }).where('id', '=', messageId).execute();
    const sender = await trx.selectFrom('travellers').select('email').where('id', '=', travellerId).executeTakeFirstOrThrow();
    const result = { messageId: Number(messageId), eventId, ...count };
    await recordAudit(trx, {
      actor: { id: null, label: `organisation admin ${sender.email}`, role: 'system' }, action: 'organisation-messaged', subject: `organisation ${organisation.id}`, at: now,
      detail: { organisation: organisation.name, subject: message.subject, audience: message.audience, destinations: message.destinations, ...result },
    });
    return result;
  });
}

/**
 * The message's deliveries, routine, called by the notification fan-out (src/notify/audience.ts):
 * whoever matches when it runs — and nobody if the organisation lost its verification meanwhile.
 */
export async function fanOutOrganisationMessage(trx: Kysely<Database>, event: OrganisationMessageEvent, at: string): Promise<number> {
  const p = event.payload;
  const allowed = await requireMayMessage(trx, p.organisationId).then(() => true, () => false);
  if (!allowed) return 0;
  return insertUrgentDeliveries(trx, event.id, recipients(trx, p.organisationId, p, at.slice(0, 10)), at, PRIORITY.routine);
}

export interface SentMessageRecord {
  id: number;
  subject: string;
  audience: 'all' | 'travelling';
  destinations: string[];
  people: number;
  deliveries: number;
  sentAt: string;
}

/** The organisation's messages, newest first, for its page. */
export async function organisationMessages(db: Kysely<Database>, organisationId: number, limit = 20): Promise<SentMessageRecord[]> {
  const rows = await db.selectFrom('organisation_messages').select(['id', 'subject', 'audience', 'destinations', 'people', 'deliveries', 'sent_at'])
    .where('organisation_id', '=', organisationId).orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, subject: r.subject, audience: r.audience, destinations: JSON.parse(r.destinations) as string[], people: Number(r.people), deliveries: Number(r.deliveries), sentAt: r.sent_at }));
}
