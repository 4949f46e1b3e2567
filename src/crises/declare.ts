import type { Kysely } from 'kysely';
import { validateCrisis, validateCrisisSettings } from '../domain/crisis-input.ts';
import { can } from '../domain/roles.ts';
import { regionResolver } from '../alerts/region-resolver.ts';
import { regionLabel } from '../enrolment/regions.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { findCrisis, type CrisisRecord } from './records.ts';

/**
 * Declaring and closing crises (docs/crises.md): crisis staff and admins in the console or the
 * staff API, and the operator on the command line. Each change and its audit entry commit together.
 */

export interface CrisisContext {
  db: Kysely<Database>;
  now: () => Date;
}

/** Crisis staff, admins and the command line (role "system") may; nobody else. */
export function mayRunCrises(actor: Actor): void {
  if (actor.role !== 'system' && !can(actor.role, 'crises')) throw new EditorialError(403, 'Only crisis staff and admins can declare crises and send check-ins.');
}

export async function declareCrisis(ctx: CrisisContext, actor: Actor, input: unknown): Promise<CrisisRecord> {
  mayRunCrises(actor);
  const now = ctx.now();
  const resolveRegion = await regionResolver(ctx.db, input);
  const checked = validateCrisis(input, { now, resolveRegion, regionLabel: (region) => regionLabel(region) ?? region });
  if (!checked.ok) throw new EditorialError(400, `The crisis was not declared: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const crisis = checked.crisis;
  return ctx.db.transaction().execute(async (trx) => {
    if (crisis.alertId !== null && !(await trx.selectFrom('alerts').select('id').where('id', '=', crisis.alertId).executeTakeFirst())) {
      throw new EditorialError(400, `There is no alert ${crisis.alertId}.`, [{ field: 'alertId', message: `there is no alert ${crisis.alertId}` }]);
    }
    let advisoryRevisionId: number | null = null;
    if (crisis.advisory !== null) {
      const current = await trx.selectFrom('destinations').select('current_revision_id').where('code', '=', crisis.advisory).executeTakeFirst();
      if (!current?.current_revision_id) throw new EditorialError(400, `${crisis.advisory} has no published advisory to link.`, [{ field: 'advisory', message: 'that destination has no published advisory' }]);
      advisoryRevisionId = current.current_revision_id;
    }
    const { id } = await trx
      .insertInto('crises')
      .values({
        title: crisis.title, destinations: JSON.stringify(crisis.destinations), regions: JSON.stringify(crisis.regions),
        region_destinations: JSON.stringify(crisis.regionDestinations), area_desc: crisis.areaDesc, started_at: crisis.startedAt, status: 'active',
        exercise: crisis.exercise ? 1 : 0, alert_id: crisis.alertId, advisory_revision_id: advisoryRevisionId, created_by: actor.id, created_at: now.toISOString(),
        closed_at: null, closed_by: null, follow_up_every_minutes: crisis.followUpEveryMinutes, escalate_after_minutes: crisis.escalateAfterMinutes,
        area_polygon: crisis.polygon, area_circle: crisis.circle,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor, action: 'crisis-declared', destination: crisis.destinations[0] ?? null, subject: `crisis ${id}`, at: now,
      detail: { crisis: Number(id), title: crisis.title, destinations: crisis.destinations, regions: crisis.regions, exercise: crisis.exercise, startedAt: crisis.startedAt,
        followUpEveryMinutes: crisis.followUpEveryMinutes, escalateAfterMinutes: crisis.escalateAfterMinutes, polygon: crisis.polygon, circle: crisis.circle },
    });
    return (await findCrisis(trx, Number(id)))!;
  });
}

/**
 * Closes a crisis: no more waves, its answer links record nothing more, and messages of its waves
 * still waiting in the queue are not sent (they would ask about a crisis that is over).
 */
export async function closeCrisis(ctx: CrisisContext, actor: Actor, id: number): Promise<CrisisRecord> {
  mayRunCrises(actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const closed = await trx.updateTable('crises').set({ status: 'closed', closed_at: now.toISOString(), closed_by: actor.id })
      .where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) {
      const exists = await trx.selectFrom('crises').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? new EditorialError(409, `Crisis ${id} is already closed.`) : new EditorialError(404, `There is no crisis ${id}.`);
    }
    const waves = trx.selectFrom('crisis_waves').select('event_id').where('crisis_id', '=', id).where('event_id', 'is not', null);
    const dropped = await trx.updateTable('deliveries').set({ status: 'failed', last_error: 'the crisis was closed before it was sent' })
      .where('event_id', 'in', waves.$narrowType<{ event_id: number }>()).where('status', '=', 'queued').executeTakeFirst();
    await recordAudit(trx, { actor, action: 'crisis-closed', subject: `crisis ${id}`, at: now, detail: { crisis: id, unsent: Number(dropped.numUpdatedRows) } });
    return (await findCrisis(trx, id))!;
  });
}

/**
 * Changes what a crisis does by itself: its follow-up interval and its escalation delay (hours
 * in, minutes stored; null = off). An active crisis only; audited with the values before and after.
 */
export async function updateCrisisSettings(ctx: CrisisContext, actor: Actor, id: number, input: unknown): Promise<CrisisRecord> {
  mayRunCrises(actor);
  const checked = validateCrisisSettings(input);
  if (!checked.ok) throw new EditorialError(400, `Nothing was changed: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const { followUpEveryMinutes, escalateAfterMinutes } = checked.settings;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findCrisis(trx, id);
    if (!before) throw new EditorialError(404, `There is no crisis ${id}.`);
    if (before.status !== 'active') throw new EditorialError(409, `Crisis ${id} is closed: it sends nothing more.`);
    await trx.updateTable('crises')
      .set({
        ...(followUpEveryMinutes !== undefined ? { follow_up_every_minutes: followUpEveryMinutes } : {}),
        ...(escalateAfterMinutes !== undefined ? { escalate_after_minutes: escalateAfterMinutes } : {}),
      })
      .where('id', '=', id).execute();
    const after = (await findCrisis(trx, id))!;
    await recordAudit(trx, {
      actor, action: 'crisis-settings-changed', subject: `crisis ${id}`, at: now,
      detail: {
        crisis: id, followUpEveryMinutes: { from: before.followUpEveryMinutes, to: after.followUpEveryMinutes },
        escalateAfterMinutes: { from: before.escalateAfterMinutes, to: after.escalateAfterMinutes },
      },
    });
    return after;
  });
}
