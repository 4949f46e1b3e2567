import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Locale } from '../i18n/locales.ts';

/**
 * The outbox event contract: every kind of event, the payload each carries, and the one function
 * that writes them. Producers (publishing, the importer, alerts) write an event in the same
 * transaction as the change it announces; the worker (src/notify) reads it back with `readEvent`
 * and turns it into deliveries. A payload holds what the messages need and nothing personal.
 */
import { ADVISORY_PUBLISHED, ALERT_PUBLISHED, CRISIS_WAVE, DEPARTURE_MESSAGE, ORGANISATION_MESSAGE, PEER_ADVICE_CHANGED, TRIP_BRIEFING } from '../domain/event-kinds.ts';
import type { PeerChangePayload } from './peer-payload.ts';
import type { OrganisationMessageEvent } from './organisation-payload.ts';
export { ADVISORY_PUBLISHED, ALERT_PUBLISHED, CRISIS_WAVE, DEPARTURE_MESSAGE, ORGANISATION_MESSAGE, PEER_ADVICE_CHANGED, TRIP_BRIEFING, type OrganisationMessageEvent };

/** Narrows an event's audience (src/notify/audience.ts); absent fields narrow nothing. */
export interface AudienceScope {
  /** ISO 3166-2 codes or area names: trips there (or with no region) are in the audience. */
  regions?: string[];
  /** Only citizens of these countries (ISO 3166-1 alpha-2). */
  citizenships?: string[];
  /** Only members of this organisation. */
  organisationId?: number;
}

/** A new revision of a destination's advisory that people must be told about. */
export interface AdvisoryPublishedPayload extends AudienceScope {
  code: string;
  name: string;
  slug: string;
  revision: number;
  previousRevision: number | null;
  level: number;
  levelLabel: string;
  previousLevel: number | null;
  levelChanged: boolean;
  departureUrged: boolean;
  indicators: string[];
  changeType: 'major' | 'minor';
  changeNote: string;
  publishedAt: string;
  urgent: boolean;
  /** What changed, most important first (src/domain/change-headlines.ts); absent in events written before it existed. */
  headlines?: string[];
  /** The section titles the headlines name, per translated language (src/domain/change-headlines.ts translatedSectionTitles). */
  sectionTitles?: Partial<Record<Locale, Record<string, string>>>;
  /**
   * Areas advised at a higher level than the destination (Gaza at Level 4 in a Level 3 advisory):
   * without them a message would give someone there only the lower level. Absent in older events.
   */
  higherRegions?: HigherRegion[];
  /** Embassies and consulates to turn to, one line each (src/domain/missions.ts missionContacts); Level 3–4 and mission changes only. */
  contacts?: string[];
}

export interface HigherRegion {
  name: string;
  /** ISO 3166-2 code where one matched. */
  code?: string;
  level: number;
  levelLabel: string;
}

/** An embassy alert, its Update or its Cancel (docs/alerts.md), as its messages need it. */
export interface AlertPublishedPayload extends AudienceScope {
  /** Embassies and consulates in its destinations, one line each (src/domain/missions.ts missionContacts). */
  contacts?: string[];
  alertId: number;
  identifier: string;
  msgType: string;
  status: string;
  /** The first destination, for the events table and older readers. */
  code: string;
  name: string;
  slug: string;
  /** Every destination the alert covers (`code` is the first). */
  destinations: string[];
  destinationNames: string[];
  regions: string[];
  /** The destinations the regions narrow; trips elsewhere in other destinations count whole. */
  regionDestinations: string[];
  /** The alert's time window (UTC): trips that overlap it are in the audience. */
  effective: string;
  expires: string;
  onset: string | null;
  urgent: boolean;
  category: string;
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string | null;
  senderName: string;
  areaDesc: string;
  note: string | null;
  references: number[];
  sent: string;
}

/** A check-in wave of a crisis (docs/crises.md): "Are you safe?" to everyone its population holds. Always urgent. */
export interface CrisisWavePayload {
  crisisId: number;
  waveId: number;
  /** 1, 2, 3… within the crisis. */
  number: number;
  /** A follow-up skips everyone who has answered. */
  followUp: boolean;
  exercise: boolean;
  title: string;
  /** The first destination, for the events table. */
  code: string;
  destinations: string[];
  /** "Moskva (RU-MOW), Russia": how the area reads in messages. */
  areaDesc: string;
  startedAt: string;
  sentAt: string;
  urgent: true;
}

/** One destination of a briefed trip, as its advisory stands now. */
export interface BriefedDestination {
  code: string;
  name: string;
  slug: string;
  region: string | null;
  level: number;
  levelLabel: string;
  revision: number;
  departureUrged: boolean;
}

/** One active alert covering a briefed trip. */
export interface BriefedAlert {
  alertId: number;
  headline: string;
  severity: string;
  instruction: string | null;
  areaDesc: string;
  expires: string;
}

/**
 * What is already true where a trip goes, told once when the trip is enrolled or changed
 * (docs/enrolment.md): its Level 3–4 or departure-directive destinations and the active alerts
 * covering it. The audience is the trip's one traveller (src/enrolment/briefings.ts). Always urgent.
 */
export interface TripBriefingPayload {
  tripId: number;
  /** The first destination, for the events table. */
  code: string;
  destinations: BriefedDestination[];
  alerts: BriefedAlert[];
  urgent: true;
}

/** What staff tell the people assigned to a departure (docs/crises.md "Departure assistance"). Always urgent. */
export interface DepartureMessagePayload {
  departureId: number;
  messageId: number;
  crisisId: number;
  /** The crisis's title, and whether it is an exercise (every message then says so). */
  title: string;
  exercise: boolean;
  /** The crisis's first destination, for the events table. */
  code: string;
  mode: string;
  label: string;
  meetingPoint: string;
  meetingAt: string;
  status: string;
  text: string;
  sentAt: string;
  urgent: true;
}

/** One stored event of a kind, with that kind's payload. */
interface EventOf<K extends string, P> {
  id: number;
  kind: K;
  urgent: boolean;
  payload: P;
}

export type AdvisoryEvent = EventOf<typeof ADVISORY_PUBLISHED, AdvisoryPublishedPayload>;
export type AlertEvent = EventOf<typeof ALERT_PUBLISHED, AlertPublishedPayload>;
export type CrisisWaveEvent = EventOf<typeof CRISIS_WAVE, CrisisWavePayload>;
export type TripBriefingEvent = EventOf<typeof TRIP_BRIEFING, TripBriefingPayload>;
export type DepartureMessageEvent = EventOf<typeof DEPARTURE_MESSAGE, DepartureMessagePayload>;
export type PeerChangeEvent = EventOf<typeof PEER_ADVICE_CHANGED, PeerChangePayload>;

/** An event as the worker and the message builders see it. */
export type NotifyEvent = AdvisoryEvent | AlertEvent | CrisisWaveEvent | TripBriefingEvent | DepartureMessageEvent | PeerChangeEvent | OrganisationMessageEvent;
export type EventKind = NotifyEvent['kind'];
type PayloadOf<K extends EventKind> = Extract<NotifyEvent, { kind: K }>['payload'];
const KINDS: readonly string[] = [ADVISORY_PUBLISHED, ALERT_PUBLISHED, CRISIS_WAVE, TRIP_BRIEFING, DEPARTURE_MESSAGE, PEER_ADVICE_CHANGED, ORGANISATION_MESSAGE];

export function isEventKind(kind: string): kind is EventKind {
  return KINDS.includes(kind);
}

export function isAdvisoryEvent(event: Pick<NotifyEvent, 'kind'>): event is AdvisoryEvent {
  return event.kind === ADVISORY_PUBLISHED;
}

export function isAlertEvent(event: Pick<NotifyEvent, 'kind'>): event is AlertEvent {
  return event.kind === ALERT_PUBLISHED;
}

export function isCrisisWaveEvent(event: Pick<NotifyEvent, 'kind'>): event is CrisisWaveEvent {
  return event.kind === CRISIS_WAVE;
}

export function isTripBriefingEvent(event: Pick<NotifyEvent, 'kind'>): event is TripBriefingEvent {
  return event.kind === TRIP_BRIEFING;
}

export function isDepartureMessageEvent(event: Pick<NotifyEvent, 'kind'>): event is DepartureMessageEvent {
  return event.kind === DEPARTURE_MESSAGE;
}

/** An `events` row as stored, back to its typed form. */
export function readEvent(row: { id: number; kind: string; urgent: number | boolean; payload: string }): NotifyEvent {
  if (!isEventKind(row.kind)) throw new Error(`event ${row.id} has an unknown kind "${row.kind}"`);
  return { id: row.id, kind: row.kind, urgent: row.urgent === 1 || row.urgent === true, payload: JSON.parse(row.payload) } as NotifyEvent;
}

export interface EventWrite<K extends EventKind> {
  kind: K;
  payload: PayloadOf<K>;
  /** The destination the events list shows it under. */
  destinationCode: string;
  /** The advisory revision it announces (advisory events). */
  revision?: number | null;
  at: Date;
}

/** Writes an event into the outbox; call it inside the transaction that makes the change. */
export async function writeEvent<K extends EventKind>(trx: Kysely<Database>, event: EventWrite<K>): Promise<number> {
  const { id } = await trx
    .insertInto('events')
    .values({
      kind: event.kind,
      destination_code: event.destinationCode,
      revision: event.revision ?? null,
      urgent: event.payload.urgent ? 1 : 0,
      payload: JSON.stringify(event.payload),
      created_at: event.at.toISOString(),
      processed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
