import { addCount, today, type EnrolmentContext } from './context.ts';
import { listChannels } from './channels.ts';
import { memberships } from './organisations.ts';
import { getProfile } from './profile.ts';
import { listSubscriptions } from './subscriptions.ts';
import { listTrips } from './trips.ts';
import { deleteDeliveriesOf } from '../notify/forget.ts';
import { travellerCheckIns } from '../crises/records.ts';
import { travellerDepartureRequests } from '../departures/records.ts';
import { checkpointDeletions } from '../store/connect.ts';

/** Everything Waypost holds about a traveller, as one JSON document (GDPR Art. 15 and 20). */
export async function exportTraveller(ctx: EnrolmentContext, travellerId: number) {
  const profile = await getProfile(ctx, travellerId);
  if (!profile) return null;
  const [trips, subscriptions, channels, organisations, invitations, sessions, links, messages, deliveries, checkIns, departureRequests] = await Promise.all([
    listTrips(ctx, travellerId),
    listSubscriptions(ctx, travellerId),
    listChannels(ctx, travellerId),
    memberships(ctx, travellerId),
    // Every invitation an organisation's CSV made for them, answered or not, with the trips it listed.
    ctx.db.selectFrom('organisation_invitations as i').innerJoin('organisations as o', 'o.id', 'i.organisation_id').leftJoin('invitation_trips as t', 't.invitation_id', 'i.id')
      .select(['i.id', 'o.name', 'i.created_at', 'i.expires_at', 'i.declined_at', 't.destination_code', 't.region', 't.start_date', 't.end_date'])
      .where('i.traveller_id', '=', travellerId).orderBy('i.id').orderBy('t.id').execute(),
    ctx.db.selectFrom('traveller_sessions').select(['created_at', 'expires_at']).where('traveller_id', '=', travellerId).orderBy('created_at').execute(),
    ctx.db.selectFrom('sign_in_links').select(['created_at', 'expires_at', 'used_at']).where('email_normalised', '=', profile.email.trim().toLowerCase()).orderBy('created_at').execute(),
    ctx.db.selectFrom('outbox_messages').select(['message_id', 'subject', 'text_body', 'created_at']).where('recipient', '=', profile.email).orderBy('id').execute(),
    // Notifications addressed to them (src/notify): which event, which channel, what happened.
    ctx.db.selectFrom('deliveries as d').innerJoin('events as e', 'e.id', 'd.event_id')
      .select(['e.kind', 'e.destination_code', 'd.channel_kind', 'd.status', 'd.attempts', 'd.created_at', 'd.sent_at'])
      .where('d.traveller_id', '=', travellerId).orderBy('d.id').execute(),
    // Their answers to crises' "Are you safe?" (docs/crises.md).
    travellerCheckIns(ctx.db, travellerId),
    // Their requests for help to leave, with the departure each is on (docs/crises.md).
    travellerDepartureRequests(ctx.db, travellerId),
  ]);
  return {
    exportedAt: ctx.now().toISOString(),
    format: 'waypost-traveller-export/1',
    traveller: profile,
    trips: trips.map((t) => ({ ...t, destinations: t.destinations.map(({ code, name, region }) => ({ code, name, region })) })),
    subscriptions,
    channels,
    organisations,
    invitations: [...Map.groupBy(invitations, (r) => r.id).values()].map((rows) => ({
      organisation: rows[0]!.name, createdAt: rows[0]!.created_at, expiresAt: rows[0]!.expires_at, declinedAt: rows[0]!.declined_at,
      trips: rows.filter((r) => r.destination_code !== null).map((r) => ({ destination: r.destination_code, region: r.region, start: r.start_date, end: r.end_date })),
    })),
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
    signInLinks: links.map((l) => ({ createdAt: l.created_at, expiresAt: l.expires_at, usedAt: l.used_at })),
    messages: messages.map((m) => ({ messageId: m.message_id, subject: m.subject, text: m.text_body, createdAt: m.created_at })),
    checkIns,
    departureRequests,
    notifications: deliveries.map((d) => ({
      event: d.kind, destination: d.destination_code, channel: d.channel_kind, status: d.status, attempts: d.attempts, createdAt: d.created_at, sentAt: d.sent_at,
    })),
  };
}

/**
 * Deletes a traveller for good: the travellers row, and with it (ON DELETE CASCADE) their
 * citizenships, sessions, trips, subscriptions, channels, memberships, invitations, check-in
 * answers and requests for help to leave (migration 017: their party, passports, needs); their
 * deliveries and their place in crises' populations (no foreign keys there, migrations 005 and
 * 012), sign-in links and messages still waiting in the outbox. One anonymous
 * count ("an account was deleted today") stays.
 *
 * Consular cases are not the account's data but the consulate's record of helping (or of a
 * detention): they stay, unlinked. The case and its people lose the link to the account (and
 * `help_key`, which named it); the name and citizenships copied into the case remain, and the case
 * goes by its own retention (docs/cases.md).
 */
export async function deleteTraveller(ctx: EnrolmentContext, travellerId: number): Promise<boolean> {
  const deleted = await ctx.db.transaction().execute(async (trx) => {
    const traveller = await trx.selectFrom('travellers').select(['email', 'email_normalised']).where('id', '=', travellerId).executeTakeFirst();
    if (!traveller) return false;
    await deleteDeliveriesOf(trx, travellerId);
    // No foreign key there (migration 012): a crisis's population is written a million rows at once.
    // Through its key, one probe per crisis: the table has no traveller index (migration 018).
    await trx.deleteFrom('crisis_people').where('crisis_id', 'in', trx.selectFrom('crises').select('id')).where('traveller_id', '=', travellerId).execute();
    // Cases stay, unlinked (the foreign keys would set the links null; help_key names the person too).
    await trx.updateTable('cases').set({ traveller_id: null, help_key: null }).where('traveller_id', '=', travellerId).execute();
    await trx.updateTable('case_people').set({ traveller_id: null }).where('traveller_id', '=', travellerId).execute();
    await trx.deleteFrom('travellers').where('id', '=', travellerId).execute();
    await trx.deleteFrom('sign_in_links').where('email_normalised', '=', traveller.email_normalised).execute();
    await trx.deleteFrom('outbox_messages').where((eb) => eb.or([eb('recipient', '=', traveller.email), eb('recipient', '=', traveller.email_normalised)])).execute();
    await addCount(trx, 'accounts_deleted', today(ctx), 1);
    return true;
  });
  // Zeroed on disk, not only unlinked (secure_delete), and out of SQLite's write-ahead log too.
  if (deleted) await checkpointDeletions(ctx.db);
  return deleted;
}
