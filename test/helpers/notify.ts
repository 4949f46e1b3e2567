import type { Kysely } from 'kysely';
import type { Level } from '../../src/domain/levels.ts';
import { ADVISORY_PUBLISHED, writeEvent } from '../../src/notify/events.ts';
import { advisoryPublishedPayload } from '../../src/notify/advisory-payload.ts';
import type { Database } from '../../src/store/schema.ts';

/** Direct inserts of travellers, trips, subscriptions, channels and events for notification tests. */
const T0 = '2026-01-01T00:00:00.000Z';

export async function addTraveller(
  db: Kysely<Database>, email: string,
  options: { unsubscribed?: boolean; tripAdvisories?: number; tripFrequency?: 'immediate' | 'digest'; emailConfirmed?: boolean; emailDisabled?: boolean } = {},
): Promise<{ id: number; emailChannel: number }> {
  const { id } = await db.insertInto('travellers').values({
    email, email_normalised: email.toLowerCase(), confirmed_by: 'link', created_at: T0, confirmed_at: T0,
    unsubscribed_at: options.unsubscribed ? T0 : null,
    trip_advisories: options.tripAdvisories ?? 1, trip_frequency: options.tripFrequency ?? 'immediate',
  }).returning('id').executeTakeFirstOrThrow();
  const channel = await db.insertInto('channels').values({
    traveller_id: id, kind: 'email', address: email, secret: null, created_at: T0,
    confirmed_at: options.emailConfirmed === false ? null : T0, disabled_at: options.emailDisabled ? T0 : null, disabled_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { id, emailChannel: channel.id };
}

export async function addWebhook(db: Kysely<Database>, travellerId: number, url: string, secret: string, confirmed = true): Promise<number> {
  const { id } = await db.insertInto('channels').values({
    traveller_id: travellerId, kind: 'webhook', address: url, secret, created_at: T0, confirmed_at: confirmed ? T0 : null, disabled_at: null, disabled_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function addTrip(
  db: Kysely<Database>, travellerId: number, code: string,
  options: { start?: string; end?: string | null; cancelled?: boolean; region?: string | null } = {},
): Promise<number> {
  const { id } = await db.insertInto('trips').values({
    traveller_id: travellerId, start_date: options.start ?? '2026-02-01', end_date: options.end === undefined ? '2026-12-31' : options.end,
    organisation_id: null, import_key: null, created_at: T0, updated_at: T0, cancelled_at: options.cancelled ? T0 : null,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('trip_destinations').values({ trip_id: id, position: 1, destination_code: code, region: options.region ?? null }).execute();
  return id;
}

export async function addSubscription(
  db: Kysely<Database>, travellerId: number, kind: 'destination' | 'level4', code: string | null,
  options: { advisories?: number; alerts?: number; frequency?: 'immediate' | 'digest' } = {},
): Promise<number> {
  const { id } = await db.insertInto('subscriptions').values({
    traveller_id: travellerId, kind, destination_code: code, topic: kind === 'level4' ? 'level4' : `destination:${code}`,
    advisories: options.advisories ?? 1, alerts: options.alerts ?? 1, routine: 1, frequency: options.frequency ?? 'immediate', created_at: T0,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An `advisory.published` event as src/publishing/publish.ts writes it, plus optional targeting. */
export async function addAdvisoryEvent(
  db: Kysely<Database>, code: string, name: string,
  options: { level?: number; previousLevel?: number | null; departureUrged?: boolean; urgent?: boolean; regions?: string[]; citizenships?: string[]; organisationId?: number } = {},
): Promise<number> {
  const level = (options.level ?? 2) as Level;
  const urgent = options.urgent ?? false;
  const payload = {
    ...advisoryPublishedPayload({
      code, revision: 2, level, departureUrged: options.departureUrged ?? false, indicators: ['D', 'T'],
      previous: { revision: 1, level: options.previousLevel ?? level },
      changeType: 'major', changeNote: 'Reissued with updates to the wrongful detention section.', publishedAt: '2026-03-01T09:00:00Z', urgent,
      // No content here to compare: the subject takes the form events written before headlines keep.
      headlines: [],
    }),
    name,
    previousLevel: options.previousLevel ?? null,
    levelChanged: options.previousLevel !== undefined && options.previousLevel !== level,
    ...(options.regions ? { regions: options.regions } : {}),
    ...(options.citizenships ? { citizenships: options.citizenships } : {}),
    ...(options.organisationId !== undefined ? { organisationId: options.organisationId } : {}),
  };
  return writeEvent(db, { kind: ADVISORY_PUBLISHED, destinationCode: code, revision: 2, at: new Date(T0), payload });
}
