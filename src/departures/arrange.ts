import type { Kysely } from 'kysely';
import { assignment, boarding, capacityChange, statusChange, unassignment, validateDeparture, type DepartureInput, type Verdict } from '../domain/departures.ts';
import { can } from '../domain/roles.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { findDeparture, loadOf, requestPlaces, type DepartureRecord } from './records.ts';

/**
 * Staff arranging departures (docs/crises.md "Departure assistance"): declaring one for a crisis,
 * changing it, assigning requests to it, unassigning, marking who boarded. Each change is one
 * transaction with its audit entry; every change to a departure first touches its row, which on
 * PostgreSQL locks it, so two staff assigning at once cannot overfill it (SQLite has one writer).
 */

export interface DepartureContext {
  db: Kysely<Database>;
  now: () => Date;
}

/** Staff with the `departures` permission (and the command line); nobody else. */
export function mayArrangeDepartures(actor: Actor): void {
  if (actor.role !== 'system' && !can(actor.role, 'departures')) throw new EditorialError(403, 'Only staff arranging departures (crisis staff, admins) can see or change them.');
}

const conflict = (verdict: Verdict) => {
  if (!verdict.ok) throw new EditorialError(409, verdict.message);
};

/** Locks the departure (its row, on PostgreSQL) and reads it: 404 when there is none. */
export async function lockDeparture(trx: Kysely<Database>, id: number, at: string): Promise<DepartureRecord> {
  const touched = await trx.updateTable('departures').set({ updated_at: at }).where('id', '=', id).executeTakeFirst();
  if (Number(touched.numUpdatedRows) === 0) throw new EditorialError(404, `There is no departure ${id}.`);
  return (await findDeparture(trx, id))!;
}

export async function createDeparture(ctx: DepartureContext, actor: Actor, crisisId: number, input: unknown): Promise<DepartureRecord> {
  mayArrangeDepartures(actor);
  const now = ctx.now();
  const checked = validateDeparture(input, { now });
  if (!checked.ok) throw new EditorialError(400, `The departure was not created: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const d = checked.value as DepartureInput;
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const crisis = await trx.selectFrom('crises').select(['status']).where('id', '=', crisisId).executeTakeFirst();
    if (!crisis) throw new EditorialError(404, `There is no crisis ${crisisId}.`);
    if (crisis.status !== 'active') throw new EditorialError(409, `Crisis ${crisisId} is closed: declare no new departures for it.`);
    const { id } = await trx.insertInto('departures').values({
      crisis_id: crisisId, mode: d.mode, label: d.label, capacity: d.capacity, meeting_point: d.meetingPoint, meeting_at: d.meetingAt, status: 'planned',
      created_at: at, created_by: actor.label, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'departure-created', subject: `departure ${id}`, at: now, detail: { crisis: crisisId, departure: Number(id), ...d } });
    return (await findDeparture(trx, Number(id)))!;
  });
}

/** Changes what a change names: capacity never below the persons assigned; cancelling releases everyone assigned (nobody may have boarded). */
export async function updateDeparture(ctx: DepartureContext, actor: Actor, id: number, input: unknown): Promise<DepartureRecord> {
  mayArrangeDepartures(actor);
  const now = ctx.now();
  const checked = validateDeparture(input, { now, partial: true });
  if (!checked.ok) throw new EditorialError(400, `Nothing was changed: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const change = checked.value;
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const departure = await lockDeparture(trx, id, at);
    if (change.capacity !== undefined) conflict(capacityChange(loadOf(departure), change.capacity));
    if (change.status !== undefined) conflict(statusChange(departure.status, change.status, departure.boarded));
    let released = 0;
    if (change.status === 'cancelled' && departure.status !== 'cancelled') {
      released = Number((await trx.updateTable('departure_requests').set({ departure_id: null, updated_at: at }).where('departure_id', '=', id).executeTakeFirst()).numUpdatedRows);
    }
    await trx.updateTable('departures').set({
      ...(change.mode !== undefined ? { mode: change.mode } : {}), ...(change.label !== undefined ? { label: change.label } : {}),
      ...(change.capacity !== undefined ? { capacity: change.capacity } : {}), ...(change.meetingPoint !== undefined ? { meeting_point: change.meetingPoint } : {}),
      ...(change.meetingAt !== undefined ? { meeting_at: change.meetingAt } : {}), ...(change.status !== undefined ? { status: change.status } : {}),
    }).where('id', '=', id).execute();
    await recordAudit(trx, { actor, action: 'departure-updated', subject: `departure ${id}`, at: now, detail: { crisis: departure.crisisId, departure: id, ...change, released } });
    return (await findDeparture(trx, id))!;
  });
}

/** Request ids as given: whole, positive, each once, at most 500. */
function idsOf(input: unknown): number[] {
  const list = Array.isArray(input) ? input : [];
  const ids = [...new Set(list)];
  if (ids.length === 0 || ids.length > 500 || !ids.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n > 0)) {
    throw new EditorialError(400, 'requests must list from 1 to 500 request ids (whole numbers).', [{ field: 'requests', message: 'must list from 1 to 500 request ids' }]);
  }
  return ids as number[];
}

/** The requests named, each of this departure's crisis; 404 naming those that are not. */
async function requestsOfCrisis(trx: Kysely<Database>, departure: DepartureRecord, ids: number[]) {
  const places = await requestPlaces(trx, ids);
  const missing = ids.filter((id) => !places.some((p) => p.id === id && p.crisisId === departure.crisisId));
  if (missing.length > 0) throw new EditorialError(404, `No request ${missing.join(', ')} in this departure's crisis. Nothing was changed.`, [{ field: 'requests', message: `unknown: ${missing.join(', ')}` }]);
  return places;
}

type Places = Awaited<ReturnType<typeof requestsOfCrisis>>;

/**
 * One change to some requests of a departure, in one transaction: the departure locked, the
 * requests checked to be of its crisis, the change (which returns what the audit entry adds), the
 * audit entry; the departure as it now stands.
 */
async function changeRequests(
  ctx: DepartureContext, actor: Actor, id: number, ids: number[], action: 'departure-assigned' | 'departure-unassigned' | 'departure-boarded',
  change: (trx: Kysely<Database>, departure: DepartureRecord, places: Places, at: string) => Promise<Record<string, unknown>>,
): Promise<DepartureRecord> {
  mayArrangeDepartures(actor);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const departure = await lockDeparture(trx, id, at);
    const detail = await change(trx, departure, await requestsOfCrisis(trx, departure, ids), at);
    await recordAudit(trx, { actor, action, subject: `departure ${id}`, at: now, detail: { crisis: departure.crisisId, departure: id, ...detail } });
    return (await findDeparture(trx, id))!;
  });
}

export async function assignRequests(ctx: DepartureContext, actor: Actor, id: number, requests: unknown): Promise<DepartureRecord> {
  mayArrangeDepartures(actor);
  return changeRequests(ctx, actor, id, idsOf(requests), 'departure-assigned', async (trx, departure, places, at) => {
    conflict(assignment(loadOf(departure), places));
    const adding = places.filter((p) => p.departureId === null).map((p) => p.id);
    // Guarded by `departure_id is null`: a request another departure took meanwhile is not moved.
    const moved = adding.length === 0 ? 0 : Number((await trx.updateTable('departure_requests').set({ departure_id: id, updated_at: at })
      .where('id', 'in', adding).where('departure_id', 'is', null).executeTakeFirst()).numUpdatedRows);
    if (moved !== adding.length) throw new EditorialError(409, 'Some of these requests were assigned elsewhere at the same moment. Nothing was assigned; reload and try again.');
    return { requests: adding };
  });
}

export async function unassignRequest(ctx: DepartureContext, actor: Actor, id: number, requestId: number): Promise<DepartureRecord> {
  return changeRequests(ctx, actor, id, [requestId], 'departure-unassigned', async (trx, _departure, [place], at) => {
    conflict(unassignment(place!, id));
    await trx.updateTable('departure_requests').set({ departure_id: null, updated_at: at }).where('id', '=', requestId).execute();
    return { request: requestId };
  });
}

/** Marks requests as boarded (all or none); those already marked keep their first time. */
export async function markBoarded(ctx: DepartureContext, actor: Actor, id: number, requests: unknown): Promise<DepartureRecord> {
  mayArrangeDepartures(actor);
  return changeRequests(ctx, actor, id, idsOf(requests), 'departure-boarded', async (trx, departure, places, at) => {
    conflict(boarding(departure, places));
    const marking = places.filter((p) => !p.boarded).map((p) => p.id);
    if (marking.length > 0) await trx.updateTable('departure_requests').set({ boarded_at: at, updated_at: at }).where('id', 'in', marking).where('boarded_at', 'is', null).execute();
    return { requests: marking };
  });
}
