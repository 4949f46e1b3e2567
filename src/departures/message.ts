import type { Kysely } from 'kysely';
import { validateMessage } from '../domain/departures.ts';
import { DEPARTURE_MESSAGE, writeEvent, type DepartureMessageEvent, type DepartureMessagePayload } from '../notify/events.ts';
import { insertUrgentDeliveries } from '../notify/urgent-deliveries.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { lockDeparture, mayArrangeDepartures, type DepartureContext } from './arrange.ts';

/**
 * Messages to the people of a departure (docs/crises.md "Departure assistance"): one transaction
 * writes the message, a `departure.message` event and the audit entry; the notification worker
 * fans the event out — one urgent delivery per person assigned and channel — with the same gate and
 * (event, channel) key as a check-in wave, so a second worker or a second drain adds nothing.
 */

/** The channels of everyone assigned to the departure: confirmed, enabled e-mail, webhook and SMS channels of people who have not unsubscribed from everything. */
function recipients(db: Kysely<Database>, departureId: number) {
  return db
    .selectFrom('departure_requests as r')
    .innerJoin('travellers as tr', 'tr.id', 'r.traveller_id')
    .innerJoin('channels as c', 'c.traveller_id', 'tr.id')
    .where('r.departure_id', '=', departureId)
    .where('tr.unsubscribed_at', 'is', null)
    .where('c.confirmed_at', 'is not', null)
    .where('c.disabled_at', 'is', null)
    .where('c.kind', 'in', ['email', 'webhook', 'sms']);
}

export interface MessageResult {
  messageId: number;
  eventId: number;
  /** People (requests) it will reach, and messages: one per person and channel. */
  people: number;
  deliveries: number;
}

export async function sendDepartureMessage(ctx: DepartureContext, actor: Actor, id: number, text: unknown): Promise<MessageResult> {
  mayArrangeDepartures(actor);
  const checked = validateMessage(text);
  if (!checked.ok) throw new EditorialError(400, `Nothing was sent: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const departure = await lockDeparture(trx, id, at);
    if (departure.requests === 0) throw new EditorialError(409, 'Nobody is assigned to this departure: assign requests before messaging them.');
    const crisis = await trx.selectFrom('crises').select(['title', 'exercise', 'destinations']).where('id', '=', departure.crisisId).executeTakeFirstOrThrow();
    const reach = await trx.selectFrom(recipients(trx, id).select(['c.id as channel_id', 'r.id as request_id']).as('x'))
      .select((eb) => [eb.fn.countAll<number | string>().as('deliveries'), eb.fn.count<number | string>('x.request_id').distinct().as('people')]).executeTakeFirstOrThrow();
    const { id: messageId } = await trx.insertInto('departure_messages').values({ departure_id: id, event_id: null, text: checked.value, sent_at: at, sent_by: actor.label })
      .returning('id').executeTakeFirstOrThrow();
    const code = (JSON.parse(crisis.destinations) as string[])[0] ?? 'XX';
    const payload: DepartureMessagePayload = {
      departureId: id, messageId: Number(messageId), crisisId: departure.crisisId, title: crisis.title, exercise: Number(crisis.exercise) === 1, code,
      mode: departure.mode, label: departure.label, meetingPoint: departure.meetingPoint, meetingAt: departure.meetingAt, status: departure.status,
      text: checked.value, sentAt: at, urgent: true,
    };
    const eventId = await writeEvent(trx, { kind: DEPARTURE_MESSAGE, destinationCode: code, at: now, payload });
    await trx.updateTable('departure_messages').set({ event_id: eventId }).where('id', '=', messageId).execute();
    const result = { messageId: Number(messageId), eventId, people: Number(reach.people), deliveries: Number(reach.deliveries) };
    await recordAudit(trx, { actor, action: 'departure-messaged', subject: `departure ${id}`, at: now, detail: { crisis: departure.crisisId, departure: id, ...result } });
    return result;
  });
}

/** A message's deliveries, all urgent, called by the notification fan-out (src/notify/audience.ts): whoever is assigned when it runs. */
export async function fanOutDepartureMessage(trx: Kysely<Database>, event: DepartureMessageEvent, at: string): Promise<number> {
  return insertUrgentDeliveries(trx, event.id, recipients(trx, event.payload.departureId), at);
}
