import type { Kysely } from 'kysely';
import { findByCode } from '../domain/destinations.ts';
import { signToken, verifyToken } from '../security/signed-links.ts';
import { briefTrips } from './briefings.ts';
import type { Database } from '../store/schema.ts';
import { EnrolmentError, timestamp, type EnrolmentContext } from './context.ts';
import { regionLabel } from './regions.ts';
import { requireOrganisationMay } from './verification.ts';

/**
 * Invitations: when an organisation's CSV names someone who already has an account, nothing is
 * attached to that account (no membership, no trips, no channels). They get an invitation e-mail
 * with a signed link valid INVITATION_DAYS; the trips wait in `invitation_trips`. Accepting (signed
 * in, or on the link's confirmation page) makes them a member and adds those trips. A declined
 * invitation is kept, never mailed again, and quietly takes any further trips the organisation
 * lists, like an account would: the organisation learns neither way whether the address had one.
 */

export const INVITATION_DAYS = 14;

/** A trip the CSV gave for someone invited, recognised again by its import key. */
export interface PendingTrip {
  importKey: string;
  destination: string;
  region: string | null;
  start: string;
  end: string | null;
}

export interface InvitationView {
  id: number;
  organisationId: number;
  organisation: string;
  expiresAt: string;
  trips: { destination: string; region: string | null; start: string; end: string | null }[];
}

interface InvitationToken {
  i: number;
  t: number;
}

export function invitationUrl(ctx: EnrolmentContext, invitationId: number, travellerId: number): string {
  const token = signToken<InvitationToken>(ctx.config.secret, 'invitation', { i: invitationId, t: travellerId }, { now: ctx.now(), ttlSeconds: INVITATION_DAYS * 24 * 3600 });
  return `${ctx.config.publicUrl}/account/invitation?token=${token}`;
}

export interface ExistingInvitation {
  id: number;
  expiresAt: string;
  declined: boolean;
}

/** The organisation's invitations to these travellers: open, expired or declined. */
export async function existingInvitations(db: Kysely<Database>, organisationId: number, travellerIds: readonly number[]): Promise<Map<number, ExistingInvitation>> {
  const found = new Map<number, ExistingInvitation>();
  for (let i = 0; i < travellerIds.length; i += 500) {
    const rows = await db.selectFrom('organisation_invitations').select(['id', 'traveller_id', 'expires_at', 'declined_at'])
      .where('organisation_id', '=', organisationId).where('traveller_id', 'in', travellerIds.slice(i, i + 500)).execute();
    for (const r of rows) found.set(r.traveller_id, { id: r.id, expiresAt: r.expires_at, declined: r.declined_at !== null });
  }
  return found;
}

/** Whether listing more trips for this person (re)sends the invitation: when there is none, or it expired undeclined. */
export function needsInvitationMail(existing: ExistingInvitation | undefined, now: string): boolean {
  return !existing || (!existing.declined && existing.expiresAt <= now);
}

/**
 * Opens (or renews, when expired) the organisation's invitation to each traveller and adds the
 * pending trips. Returns the invitation id per traveller; the caller mails the new and renewed ones.
 */
export async function writeInvitations(db: Kysely<Database>, organisationId: number, pending: Map<number, PendingTrip[]>, existing: Map<number, ExistingInvitation>, now: Date): Promise<Map<number, number>> {
  const at = now.toISOString();
  const expires = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000).toISOString();
  const ids = new Map<number, number>();
  const fresh = [...pending.keys()].filter((t) => !existing.has(t));
  for (let i = 0; i < fresh.length; i += 500) {
    const rows = await db.insertInto('organisation_invitations')
      .values(fresh.slice(i, i + 500).map((t) => ({ organisation_id: organisationId, traveller_id: t, created_at: at, expires_at: expires, declined_at: null })))
      .returning(['id', 'traveller_id']).execute();
    for (const r of rows) ids.set(r.traveller_id, r.id);
  }
  const renewed = [...pending.keys()].filter((t) => existing.has(t) && needsInvitationMail(existing.get(t), at)).map((t) => existing.get(t)!.id);
  for (let i = 0; i < renewed.length; i += 500) {
    await db.updateTable('organisation_invitations').set({ created_at: at, expires_at: expires }).where('id', 'in', renewed.slice(i, i + 500)).execute();
  }
  for (const [t, invitation] of existing) if (pending.has(t)) ids.set(t, invitation.id);
  const trips = [...pending].flatMap(([t, list]) => list.map((trip) => ({ invitation_id: ids.get(t)!, import_key: trip.importKey, destination_code: trip.destination, region: trip.region, start_date: trip.start, end_date: trip.end })));
  for (let i = 0; i < trips.length; i += 500) {
    await db.insertInto('invitation_trips').values(trips.slice(i, i + 500)).onConflict((oc) => oc.column('import_key').doNothing()).execute();
  }
  return ids;
}

/** Open invitations to a traveller (their account page), newest first. */
export async function pendingInvitations(ctx: EnrolmentContext, travellerId: number): Promise<InvitationView[]> {
  const rows = await ctx.db.selectFrom('organisation_invitations')
    .innerJoin('organisations', 'organisations.id', 'organisation_invitations.organisation_id')
    .select(['organisation_invitations.id', 'organisation_invitations.organisation_id', 'organisations.name', 'organisation_invitations.expires_at'])
    .where('organisation_invitations.traveller_id', '=', travellerId)
    .where('organisation_invitations.expires_at', '>', timestamp(ctx))
    .where('organisation_invitations.declined_at', 'is', null)
    .orderBy('organisation_invitations.id', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const trips = await ctx.db.selectFrom('invitation_trips').selectAll().where('invitation_id', 'in', rows.map((r) => r.id)).orderBy('start_date').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, organisationId: r.organisation_id, organisation: r.name, expiresAt: r.expires_at,
    trips: trips.filter((t) => t.invitation_id === r.id).map((t) => ({ destination: findByCode(t.destination_code)?.name ?? t.destination_code, region: regionLabel(t.region), start: t.start_date, end: t.end_date })),
  }));
}

/** The invitation a link names, with the traveller it is for; a 400 for a bad link, 410 when expired, used or declined. */
export async function invitationFromToken(ctx: EnrolmentContext, token: unknown): Promise<{ travellerId: number; invitation: InvitationView }> {
  const verified = verifyToken<InvitationToken>(ctx.config.secret, 'invitation', token, { now: ctx.now() });
  if (!verified.ok) {
    if (verified.reason === 'expired') throw new EnrolmentError('This invitation has expired. If you still want to join, ask the organisation to send it again.', 410);
    throw new EnrolmentError('This invitation link is not valid. Copy the whole link from the e-mail.', 400);
  }
  const invitation = (await pendingInvitations(ctx, verified.data.t)).find((i) => i.id === verified.data.i);
  if (!invitation) throw new EnrolmentError('This invitation was accepted or declined already, or it has expired.', 410);
  return { travellerId: verified.data.t, invitation };
}

/**
 * The traveller accepts: membership and the pending trips, in one transaction. Refused (403) when
 * the organisation's verification has been withdrawn since it invited them.
 */
export async function acceptInvitation(ctx: EnrolmentContext, travellerId: number, invitationId: number): Promise<{ organisationId: number; trips: number }> {
  const at = timestamp(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const invitation = await trx.selectFrom('organisation_invitations').select(['id', 'organisation_id'])
      .where('id', '=', invitationId).where('traveller_id', '=', travellerId).where('expires_at', '>', at).where('declined_at', 'is', null).executeTakeFirst();
    if (!invitation) throw new EnrolmentError('This invitation was accepted or declined already, or it has expired.', 410);
    await requireOrganisationMay(trx, invitation.organisation_id, 'invite');
    await trx.insertInto('organisation_members').values({ organisation_id: invitation.organisation_id, traveller_id: travellerId, role: 'member', created_at: at })
      .onConflict((oc) => oc.columns(['organisation_id', 'traveller_id']).doNothing()).execute();
    const pending = await trx.selectFrom('invitation_trips').selectAll().where('invitation_id', '=', invitation.id).execute();
    const added: number[] = [];
    for (const trip of pending) {
      const inserted = await trx.insertInto('trips')
        .values({ traveller_id: travellerId, start_date: trip.start_date, end_date: trip.end_date, organisation_id: invitation.organisation_id, import_key: trip.import_key, created_at: at, updated_at: at, cancelled_at: null })
        .onConflict((oc) => oc.column('import_key').doNothing()).returning('id').executeTakeFirst();
      if (!inserted) continue;
      await trx.insertInto('trip_destinations').values({ trip_id: inserted.id, position: 1, destination_code: trip.destination_code, region: trip.region }).execute();
      added.push(inserted.id);
    }
    // Accepting is when the trips become theirs: only now are they told what is already true there.
    await briefTrips(trx, added, ctx.now());
    await trx.deleteFrom('organisation_invitations').where('id', '=', invitation.id).execute();
    return { organisationId: invitation.organisation_id, trips: added.length };
  });
}

/** The traveller declines: the invitation is closed and never mailed again; the organisation is not told. */
export async function declineInvitation(ctx: EnrolmentContext, travellerId: number, invitationId: number): Promise<void> {
  const at = timestamp(ctx);
  const declined = await ctx.db.updateTable('organisation_invitations').set({ declined_at: at })
    .where('id', '=', invitationId).where('traveller_id', '=', travellerId).where('declined_at', 'is', null).where('expires_at', '>', at).executeTakeFirst();
  if (Number(declined.numUpdatedRows) !== 1) throw new EnrolmentError('This invitation was accepted or declined already, or it has expired.', 410);
}
