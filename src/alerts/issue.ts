import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { validateAlert } from '../domain/alert-input.ts';
import { utcSecond } from '../domain/alert-times.ts';
import type { ValidatedAlert } from '../domain/alerts.ts';
import { can } from '../domain/roles.ts';
import { regionLabel } from '../enrolment/regions.ts';
import { readIdentity } from '../identity/settings.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import { noteLocalPublication } from '../publishing/revisions.ts';
import type { Database } from '../store/schema.ts';
import { writeAlertEvent } from './alert-event.ts';
import { findAlert, type StoredAlert } from './records.ts';
import { checkReplaceable, resolveReferences } from './references.ts';
import { regionResolver } from './region-resolver.ts';

/**
 * Issuing alerts (docs/alerts.md). One transaction saves the CAP message, its destinations, marks
 * what an Update or Cancel replaces, writes the `alert.published` event the notification worker
 * fans out (Actual alerts only), and the audit entry: all of it happens, or none.
 */

export interface AlertContext {
  db: Kysely<Database>;
  now: () => Date;
  /** PUBLIC_URL: its host names the CAP sender ("alerts@advice.example.org"). */
  publicUrl: string;
}

export function capSender(publicUrl: string): string {
  let host = 'waypost.invalid';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // keep the placeholder
  }
  // The deployment's host identifies the sender; the software's name would credit Waypost as a source (docs/identity.md).
  return `alerts@${host}`;
}

export interface IssueResult {
  alert: StoredAlert;
  /** The `alert.published` event (null for Exercise and Test, which notify nobody). */
  eventId: number | null;
}

/**
 * Issues an Alert, Update or Cancel from CAP fields. Refusals are EditorialErrors: 403 for roles
 * other than crisis and admin, 400 with field messages for bad input, 409 when a referenced alert
 * was already replaced or has expired.
 */
async function check(ctx: AlertContext, input: unknown, now: Date, carried?: StoredAlert): Promise<ValidatedAlert> {
  const resolve = await regionResolver(ctx.db, input);
  const checked = validateAlert(input, {
    now,
    // An Update or Cancel keeps the regions of the alert it replaces even if the advisory has
    // since dropped an area name they used: an active alert must stay cancellable.
    resolveRegion: (destinations, region) => {
      const result = resolve(destinations, region);
      if (result.ok || !carried?.regions.includes(region)) return result;
      return { ok: true, region, destination: carried.regionDestinations.find((d) => destinations.includes(d)) ?? destinations[0]! };
    },
    regionLabel: (region) => regionLabel(region) ?? region,
    // Unnamed, an alert is sent in the authority's name (docs/identity.md).
    defaultSenderName: (await readIdentity(ctx.db)).authorityName,
  });
  if (!checked.ok) throw new EditorialError(400, `The alert was not issued: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  return checked.alert;
}

/**
 * The alert as it would be issued, without saving anything: what the console's CAP preview
 * shows. The identifier and sent time are placeholders until it is issued.
 */
export async function previewAlert(ctx: AlertContext, input: unknown): Promise<StoredAlert> {
  const now = ctx.now();
  const { content, references, regionDestinations } = await check(ctx, input, now);
  const found = await resolveReferences(ctx.db, references);
  if (found.errors.length > 0) throw new EditorialError(400, found.errors.map((e) => e.message).join('; '), found.errors);
  const referenced = await ctx.db.selectFrom('alerts').select(['id', 'sender', 'identifier', 'sent']).where('id', 'in', found.rows.length ? found.rows.map((r) => r.id) : [0]).execute();
  return {
    ...content,
    id: 0,
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    sender: capSender(ctx.publicUrl),
    sent: utcSecond(now),
    references: referenced.map((r) => r.id),
    referenced,
    regionDestinations,
    supersededBy: null,
    createdBy: null,
    createdAt: now.toISOString(),
  };
}

export async function issueAlert(ctx: AlertContext, actor: Actor, input: unknown, carried?: StoredAlert): Promise<IssueResult> {
  if (!can(actor.role, 'alert')) throw new EditorialError(403, 'Only crisis staff and admins can issue alerts.');
  const now = ctx.now();
  const { content, references, regionDestinations } = await check(ctx, input, now, carried);
  const sent = utcSecond(now);

  const result = await ctx.db.transaction().execute(async (trx) => {
    const found = await resolveReferences(trx, references);
    if (found.errors.length > 0) throw new EditorialError(400, `The alert was not issued: ${found.errors.map((e) => e.message).join('; ')}`, found.errors);
    checkReplaceable(found.rows, content.status, sent);
    const referenceIds = found.rows.map((r) => r.id);
    const id = await insertAlert(trx, ctx, actor, { content, regionDestinations, referenceIds, sent, now });
    if (referenceIds.length > 0) {
      // Conditional on "not replaced yet": of two Updates racing for one alert, only one wins.
      const replaced = await trx.updateTable('alerts').set({ superseded_by: id }).where('id', 'in', referenceIds).where('superseded_by', 'is', null).executeTakeFirst();
      if (Number(replaced.numUpdatedRows) !== referenceIds.length) throw new EditorialError(409, 'Another update or cancellation of the same alert was issued at the same moment; reload and try again.');
    }
    const alert = (await findAlert(trx, id))!;
    let eventId: number | null = null;
    // Exercise and Test messages are for staff and systems; they never reach the public.
    if (content.status === 'Actual') eventId = await writeAlertEvent(trx, alert, now);
    await recordAudit(trx, {
      actor,
      action: content.msgType === 'Cancel' ? 'alert-cancelled' : content.msgType === 'Update' ? 'alert-updated' : 'alert-issued',
      destination: content.destinations[0] ?? null,
      subject: `alert ${id}`,
      at: now,
      detail: {
        alert: id, msgType: content.msgType, status: content.status, severity: content.severity, headline: content.headline,
        destinations: content.destinations, references: referenceIds, notified: eventId !== null,
      },
    });
    return { alert, eventId };
  });
  noteLocalPublication();
  return result;
}

interface NewAlert {
  content: ValidatedAlert['content'];
  regionDestinations: string[];
  referenceIds: number[];
  sent: string;
  now: Date;
}

/** Saves the CAP message and its destinations; returns its id. */
async function insertAlert(trx: Kysely<Database>, ctx: AlertContext, actor: Actor, { content, regionDestinations, referenceIds, sent, now }: NewAlert): Promise<number> {
  const { id } = await trx
    .insertInto('alerts')
    .values({
      identifier: `urn:uuid:${randomUUID()}`,
      sender: capSender(ctx.publicUrl),
      sent,
      status: content.status,
      msg_type: content.msgType,
      reference_ids: JSON.stringify(referenceIds),
      note: content.note,
      language: content.language,
      category: content.category,
      event: content.event,
      urgency: content.urgency,
      severity: content.severity,
      certainty: content.certainty,
      headline: content.headline,
      description: content.description,
      instruction: content.instruction,
      contact: content.contact,
      sender_name: content.senderName,
      web: content.web,
      effective: content.effective,
      onset: content.onset,
      expires: content.expires,
      destinations: JSON.stringify(content.destinations),
      regions: JSON.stringify(content.regions),
      region_destinations: JSON.stringify(regionDestinations),
      area_desc: content.area.areaDesc,
      polygon: content.area.polygon,
      circle: content.area.circle,
      superseded_by: null,
      created_by: actor.id,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('alert_destinations').values(content.destinations.map((code) => ({ alert_id: id, destination_code: code }))).execute();
  return id;
}

/** The CAP fields of a stored alert, as a client would send them: the base of an Update or Cancel. */
export function alertInput(alert: StoredAlert): Record<string, unknown> {
  return {
    status: alert.status,
    category: alert.category,
    event: alert.event,
    urgency: alert.urgency,
    severity: alert.severity,
    certainty: alert.certainty,
    headline: alert.headline,
    description: alert.description,
    instruction: alert.instruction,
    contact: alert.contact,
    senderName: alert.senderName,
    web: alert.web,
    language: alert.language,
    effective: alert.effective,
    onset: alert.onset,
    expires: alert.expires,
    destinations: alert.destinations,
    regions: alert.regions,
    areaDesc: alert.area.areaDesc,
    area: { polygon: alert.area.polygon, circle: alert.area.circle },
  };
}

async function loadForChange(ctx: AlertContext, actor: Actor, id: number): Promise<StoredAlert> {
  if (!can(actor.role, 'alert')) throw new EditorialError(403, 'Only crisis staff and admins can update or cancel alerts.');
  const alert = await findAlert(ctx.db, id);
  if (!alert) throw new EditorialError(404, `There is no alert ${id}.`);
  if (alert.msgType === 'Cancel') throw new EditorialError(409, `Alert ${id} is a cancellation; it cannot be updated or cancelled.`);
  if (alert.supersededBy !== null) throw new EditorialError(409, `Alert ${id} was already replaced by alert ${alert.supersededBy}; refer to that one instead.`);
  if (alert.expires <= utcSecond(ctx.now())) throw new EditorialError(409, `Alert ${id} has expired; issue a new alert instead.`);
  return alert;
}

/**
 * Issues an Update of alert `id`: its fields, changed by those sent (fields left out keep their
 * value, also inside `area`; an areaDesc is recomputed when the destinations or regions change
 * and none is sent; the note is not carried over).
 */
export async function updateAlert(ctx: AlertContext, actor: Actor, id: number, changes: unknown): Promise<IssueResult> {
  const alert = await loadForChange(ctx, actor, id);
  return issueAlert(ctx, actor, updateInput(alert, changes), alert);
}

/** The CAP fields of an Update of `alert` with `changes` applied (see updateAlert). */
export function updateInput(alert: StoredAlert, changes: unknown): Record<string, unknown> {
  const patch = (changes && typeof changes === 'object' && !Array.isArray(changes) ? changes : {}) as Record<string, unknown>;
  const base = alertInput(alert);
  if ('destinations' in patch || 'regions' in patch) delete base.areaDesc;
  const { status: _status, msgType: _msgType, references: _references, ...rest } = patch;
  // The area merges too: sending a polygon keeps the circle (send "circle": null to drop it).
  const area = patch.area && typeof patch.area === 'object' && !Array.isArray(patch.area) ? { ...(base.area as object), ...patch.area } : patch.area ?? base.area;
  return { ...base, ...rest, area, note: patch.note ?? null, status: alert.status, msgType: 'Update', references: [alert.id] };
}

/** Issues a Cancel of alert `id`: the same area and window (so the same people hear of it), with an optional note. */
export async function cancelAlert(ctx: AlertContext, actor: Actor, id: number, options: { note?: unknown } = {}): Promise<IssueResult> {
  const alert = await loadForChange(ctx, actor, id);
  const note = typeof options.note === 'string' && options.note.trim() ? options.note : 'This alert is cancelled.';
  return issueAlert(ctx, actor, { ...alertInput(alert), note, status: alert.status, msgType: 'Cancel', references: [alert.id] }, alert);
}
