import { EnrolmentError, timestamp, type EnrolmentContext } from './context.ts';
import { findDestination } from './validation.ts';
import type { UnsubscribeData } from '../security/signed-links.ts';

export type Frequency = 'immediate' | 'digest';

export interface SubscriptionInput {
  /** 'destination' (news about one destination) or 'level4' (every change to or from Level 4). */
  kind?: unknown;
  destination?: unknown;
  advisories?: unknown;
  alerts?: unknown;
  routine?: unknown;
  frequency?: unknown;
}

export interface SubscriptionView {
  id: number;
  kind: 'destination' | 'level4';
  destinationCode: string | null;
  destinationName: string | null;
  advisories: boolean;
  alerts: boolean;
  routine: boolean;
  frequency: Frequency;
  createdAt: string;
}

const flag = (value: unknown): boolean => value === true || value === 'on' || value === 'true' || value === '1' || value === 1;

function frequencyOf(value: unknown): Frequency {
  if (value === undefined || value === '' || value === 'immediate') return 'immediate';
  if (value === 'digest') return 'digest';
  throw new EnrolmentError('Frequency is "immediate" or "digest".', 400, 'frequency');
}

function messageTypes(input: SubscriptionInput) {
  const types = { advisories: flag(input.advisories) ? 1 : 0, alerts: flag(input.alerts) ? 1 : 0, routine: flag(input.routine) ? 1 : 0 };
  if (!types.advisories && !types.alerts && !types.routine) throw new EnrolmentError('Choose at least one message type: advisories, alerts or routine messages.', 400, 'types');
  return types;
}

/** Adds a subscription, or updates the traveller's existing one for the same topic. Returns its id. */
export async function subscribe(ctx: EnrolmentContext, travellerId: number, input: SubscriptionInput): Promise<number> {
  const kind = input.kind === 'level4' ? 'level4' : input.kind === 'destination' || input.kind === undefined ? 'destination' : null;
  if (!kind) throw new EnrolmentError('A subscription is to a destination or to every Level 4 change.', 400, 'kind');
  let destinationCode: string | null = null;
  if (kind === 'destination') {
    const destination = findDestination(input.destination);
    if (!destination) {
      const typed = typeof input.destination === 'string' ? input.destination.trim().slice(0, 60) : '';
      throw new EnrolmentError(typed ? `Unknown destination "${typed}": use a country name or its ISO code.` : 'Choose a destination.', 400, 'destination');
    }
    destinationCode = destination.code;
  }
  // "Every Level 4 change" is about advisories by definition.
  const types = kind === 'level4' ? { advisories: 1, alerts: 0, routine: 0 } : messageTypes(input);
  const frequency = frequencyOf(input.frequency);
  const topic = kind === 'level4' ? 'level4' : `destination:${destinationCode}`;
  const row = await ctx.db
    .insertInto('subscriptions')
    .values({ traveller_id: travellerId, kind, destination_code: destinationCode, topic, ...types, frequency, created_at: timestamp(ctx) })
    .onConflict((oc) => oc.columns(['traveller_id', 'topic']).doUpdateSet({ ...types, frequency }))
    .returning('id')
    .executeTakeFirstOrThrow();
  // Subscribing again is an opt-in: lift an earlier "unsubscribe from everything".
  await ctx.db.updateTable('travellers').set({ unsubscribed_at: null }).where('id', '=', travellerId).execute();
  return row.id;
}

export async function updateSubscription(ctx: EnrolmentContext, travellerId: number, id: number, input: SubscriptionInput): Promise<void> {
  const existing = await ctx.db.selectFrom('subscriptions').select('kind').where('id', '=', id).where('traveller_id', '=', travellerId).executeTakeFirst();
  if (!existing) throw new EnrolmentError('There is no such subscription in your account.', 404);
  const types = existing.kind === 'level4' ? { advisories: 1, alerts: 0, routine: 0 } : messageTypes(input);
  await ctx.db.updateTable('subscriptions').set({ ...types, frequency: frequencyOf(input.frequency) }).where('id', '=', id).execute();
}

export async function deleteSubscription(ctx: EnrolmentContext, travellerId: number, id: number): Promise<void> {
  await ctx.db.deleteFrom('subscriptions').where('id', '=', id).where('traveller_id', '=', travellerId).execute();
}

export async function listSubscriptions(ctx: EnrolmentContext, travellerId: number): Promise<SubscriptionView[]> {
  const rows = await ctx.db
    .selectFrom('subscriptions')
    .leftJoin('destinations', 'destinations.code', 'subscriptions.destination_code')
    .select(['subscriptions.id', 'subscriptions.kind', 'subscriptions.destination_code', 'destinations.name', 'subscriptions.advisories', 'subscriptions.alerts', 'subscriptions.routine', 'subscriptions.frequency', 'subscriptions.created_at'])
    .where('subscriptions.traveller_id', '=', travellerId)
    .orderBy('subscriptions.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, destinationCode: r.destination_code, destinationName: r.name, advisories: r.advisories === 1, alerts: r.alerts === 1,
    routine: r.routine === 1, frequency: r.frequency, createdAt: r.created_at,
  }));
}

/** "Tell me when another government changes its advice for my destinations": on or off, digest (the default) or immediate. */
export async function updatePeerChanges(ctx: EnrolmentContext, travellerId: number, input: { enabled?: unknown; frequency?: unknown }): Promise<void> {
  const frequency = input.frequency === undefined || input.frequency === '' ? 'digest' : frequencyOf(input.frequency);
  const enabled = flag(input.enabled);
  await ctx.db.updateTable('travellers').set({ peer_changes: enabled ? 1 : 0, peer_frequency: frequency, ...(enabled ? { unsubscribed_at: null } : {}) }).where('id', '=', travellerId).execute();
}

/** What the messages a traveller's trips bring: message types and frequency. */
export async function updateTripPreferences(ctx: EnrolmentContext, travellerId: number, input: SubscriptionInput & { resume?: unknown }): Promise<void> {
  const frequency = frequencyOf(input.frequency);
  await ctx.db
    .updateTable('travellers')
    .set({
      trip_advisories: flag(input.advisories) ? 1 : 0, trip_alerts: flag(input.alerts) ? 1 : 0, trip_routine: flag(input.routine) ? 1 : 0, trip_frequency: frequency,
      ...(flag(input.resume) ? { unsubscribed_at: null } : {}),
    })
    .where('id', '=', travellerId)
    .execute();
}

/**
 * "Only urgent messages": nothing routine about trips (no advisory changes, alerts or routine
 * messages unless urgent), but a Level 4, a leave-now directive, a Severe or Extreme alert and a
 * check-in still come, on every channel. Resumes messages if everything had been stopped.
 * Subscriptions are left as they are.
 */
export async function onlyUrgentMessages(ctx: EnrolmentContext, travellerId: number): Promise<void> {
  await ctx.db.updateTable('travellers').set({ trip_advisories: 0, trip_alerts: 0, trip_routine: 0, peer_changes: 0, unsubscribed_at: null }).where('id', '=', travellerId).execute();
}

/**
 * One-click unsubscribe: with a subscription, removes it; with a list (other governments'
 * changes), turns it off; without either, stops every message to the traveller (all subscriptions
 * and lists go, and their trips bring nothing until they opt in again).
 * Idempotent: a second click, or a link to something already gone, succeeds quietly.
 */
export async function unsubscribe(ctx: EnrolmentContext, data: UnsubscribeData): Promise<'subscription' | 'list' | 'everything' | 'nothing'> {
  if (typeof data.t !== 'number') return 'nothing';
  if (data.l === 'peers') {
    const result = await ctx.db.updateTable('travellers').set({ peer_changes: 0 }).where('id', '=', data.t).where('peer_changes', '=', 1).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? 'list' : 'nothing';
  }
  if (typeof data.s === 'number') {
    const result = await ctx.db.deleteFrom('subscriptions').where('id', '=', data.s).where('traveller_id', '=', data.t).executeTakeFirst();
    return Number(result.numDeletedRows) > 0 ? 'subscription' : 'nothing';
  }
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('travellers').set({ unsubscribed_at: timestamp(ctx), peer_changes: 0 }).where('id', '=', data.t).where('unsubscribed_at', 'is', null).executeTakeFirst();
    await trx.deleteFrom('subscriptions').where('traveller_id', '=', data.t).execute();
    return Number(updated.numUpdatedRows) > 0 ? 'everything' : 'nothing';
  });
}
