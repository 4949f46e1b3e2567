import type { Generated } from 'kysely';

/**
 * Table shapes, shared by SQLite and PostgreSQL. Timestamps are RFC 3339 text and JSON columns
 * are text on both, so one query code serves both engines; booleans are 0/1 integers.
 */
export interface Database {
  destinations: DestinationsTable;
  advisory_revisions: AdvisoryRevisionsTable;
  outbox_messages: OutboxMessagesTable;
  // Enrolment (docs/enrolment.md): travellers, trips, subscriptions, channels, organisations.
  organisations: OrganisationsTable;
  travellers: TravellersTable;
  traveller_citizenships: TravellerCitizenshipsTable;
  sign_in_links: SignInLinksTable;
  traveller_sessions: TravellerSessionsTable;
  organisation_members: OrganisationMembersTable;
  organisation_invitations: OrganisationInvitationsTable;
  invitation_trips: InvitationTripsTable;
  organisation_daily_counts: OrganisationDailyCountsTable;
  trips: TripsTable;
  trip_destinations: TripDestinationsTable;
  subscriptions: SubscriptionsTable;
  channels: ChannelsTable;
  enrolment_counts: EnrolmentCountsTable;
  // Editorial workflow (migration 002-editorial, docs/decisions/003-editorial-workflow.md).
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_failures: SignInFailuresTable;
  drafts: DraftsTable;
  // Who changed each draft's content (migration 007-draft-contributors).
  draft_contributors: DraftContributorsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  events: EventsTable;
  // Notifications (migration 005-notify, docs/notifications.md).
  deliveries: DeliveriesTable;
  // Alerts (migration 006-alerts, docs/alerts.md).
  alerts: AlertsTable;
  alert_destinations: AlertDestinationsTable;
  // Import and sync log (migration 008-source-sync, docs/sources.md).
  source_syncs: SourceSyncsTable;
  // Other governments' advice, apart from our own (migration 013-peer-advice, docs/sources.md).
  peer_advice: PeerAdviceTable;
  // Staff sign-in refusals (migration 009-security, docs/security.md).
  sign_in_refusals: SignInRefusalsTable;
  // Crises and check-in waves (migration 012-crises, docs/crises.md).
  crises: CrisesTable;
  crisis_waves: CrisisWavesTable;
  crisis_people: CrisisPeopleTable;
  crisis_answers: CrisisAnswersTable;
  crisis_counts: CrisisCountsTable;
  crisis_wave_deliveries: CrisisWaveDeliveriesTable;
  crisis_contact_asks: CrisisContactAsksTable;
  // What each trip was briefed about when enrolled (migration 014-trip-briefings, docs/enrolment.md).
  trip_briefings: TripBriefingsTable;
  // SMS over SMPP (migration 016-sms, docs/notifications.md).
  sms_parts: SmsPartsTable;
  sms_codes: SmsCodesTable;
  // Assistance and consular cases (migration 015-cases, docs/cases.md).
  cases: CasesTable;
  case_notes: CaseNotesTable;
  case_contacts: CaseContactsTable;
  case_people: CasePeopleTable;
  case_access: CaseAccessTable;
  // Departure assistance (migration 017-departures, docs/crises.md).
  departures: DeparturesTable;
  departure_requests: DepartureRequestsTable;
  departure_messages: DepartureMessagesTable;
  organisation_messages: OrganisationMessagesTable;
}

export interface DestinationsTable {
  code: string;
  iso3: string;
  numeric: string;
  name: string;
  slug: string;
  /** JSON array of strings. */
  aliases: string;
  current_revision_id: number | null;
}

export interface AdvisoryRevisionsTable {
  id: Generated<number>;
  destination_code: string;
  revision: number;
  level: number;
  /** JSON arrays / objects, see domain/advisory.ts. */
  indicators: string;
  risks: string;
  regions: string;
  sections: string;
  departure_urged: number;
  summary: string;
  change_type: string;
  change_note: string;
  published_at: string;
  reviewed_at: string;
  next_review_due: string | null;
  source_authority: string;
  source_url: string | null;
  /** sha256 of content, change note and date: how re-imports recognise an unchanged entry. */
  fingerprint: string;
  created_at: string;
  /** JSON array of missions (migration 021, domain/missions.ts). */
  missions: Generated<string>;
  /** JSON object of quick facts, or null (migration 021, domain/quick-facts.ts). */
  quick_facts: string | null;
  /** JSON object of translations by language, or null for none (migration 026, domain/advisory-translations.ts). */
  translations: string | null;
}

export interface OutboxMessagesTable {
  id: Generated<number>;
  message_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers. */
  headers: string;
  created_at: string;
}

// ---- Enrolment (migration 004-enrolment, docs/enrolment.md) ----

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  /** Trimmed, lower-cased, inner spaces collapsed: "ACME University" and "acme  university" are one. */
  name_normalised: string;
  created_at: string;
  /** The traveller who created it on their account page (null: the command line, or an account since deleted). */
  created_by: number | null;
  /** Set by a staff admin (migration 010): until then it imports, invites and mails nobody. */
  verified_at: string | null;
  /** Who verified it: a staff member's e-mail, or "command line". */
  verified_by: string | null;
  /** Set when the verification is withdrawn; verifying again clears it. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** An existing account an organisation's CSV named: nothing is attached until they accept. */
export interface OrganisationInvitationsTable {
  id: Generated<number>;
  organisation_id: number;
  traveller_id: number;
  created_at: string;
  expires_at: string;
  /** Declined invitations are kept (not re-sent); their trips are purged like trips. */
  declined_at: string | null;
}

/** A trip an invitation adds when accepted; `import_key` as `trips.import_key`, so a re-import finds it. */
export interface InvitationTripsTable {
  id: Generated<number>;
  invitation_id: number;
  import_key: string;
  destination_code: string;
  region: string | null;
  start_date: string;
  end_date: string | null;
}

/** Per organisation and UTC day: rows imported and e-mails (welcomes, invitations) sent on its behalf. */
export interface OrganisationDailyCountsTable {
  organisation_id: number;
  day: string;
  row_count: Generated<number>;
  message_count: Generated<number>;
}

export interface TravellersTable {
  id: Generated<number>;
  /** As typed; the e-mail channel's address. */
  email: string;
  /** Trimmed and lower-cased; unique. */
  email_normalised: string;
  name: Generated<string>;
  phone: string | null;
  /** BCP 47 language tag of messages. */
  language: Generated<string>;
  /** JSON array of { name, phone, relation }. */
  emergency_contacts: Generated<string>;
  /** Which message types their trips bring (0/1), and how often. */
  trip_advisories: Generated<number>;
  trip_alerts: Generated<number>;
  trip_routine: Generated<number>;
  trip_frequency: Generated<'immediate' | 'digest'>;
  /** 'link' = double opt-in by e-mail link; 'organisation' = enrolled by an organisation's CSV. */
  confirmed_by: 'link' | 'organisation';
  created_at: string;
  confirmed_at: string;
  /** Set by "unsubscribe from everything": no message goes to this traveller until they opt in again. */
  unsubscribed_at: string | null;
  /** "Tell me when another government changes its advice for my destinations" (migration 022): 0 until they opt in. */
  peer_changes: Generated<number>;
  peer_frequency: Generated<'immediate' | 'digest'>;
}

export interface TravellerCitizenshipsTable {
  traveller_id: number;
  /** destinations.code (ISO 3166-1 alpha-2). */
  country_code: string;
}

export interface SignInLinksTable {
  /** sha256 (hex) of the link's nonce; the link itself is never stored. */
  token_hash: string;
  email: string;
  email_normalised: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface TravellerSessionsTable {
  /** sha256 (hex) of the cookie value. */
  id_hash: string;
  traveller_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** Declined invitations are kept (not re-sent); their trips are purged like trips. */
  declined_at: string | null;
}

export interface OrganisationMembersTable {
  organisation_id: number;
  traveller_id: number;
  role: 'admin' | 'member';
  created_at: string;
}

export interface TripsTable {
  id: Generated<number>;
  traveller_id: number;
  /** YYYY-MM-DD. */
  start_date: string;
  /** YYYY-MM-DD; null = residing abroad (open-ended). */
  end_date: string | null;
  /** The organisation that enrolled this trip (CSV), if any. */
  organisation_id: number | null;
  /** Set for CSV-enrolled trips: what makes a re-import recognise the same row. */
  import_key: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

export interface TripDestinationsTable {
  id: Generated<number>;
  trip_id: number;
  /** 1, 2, 3… in the order of the itinerary. */
  position: number;
  destination_code: string;
  /** ISO 3166-2 code ("RU-MOW") or the name of an area an advisory names; null = the whole country. */
  region: string | null;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  traveller_id: number;
  /** 'destination' = news about destination_code; 'level4' = every change to or from Level 4, anywhere. */
  kind: 'destination' | 'level4';
  destination_code: string | null;
  /** "destination:RU" or "level4": one subscription per topic and traveller. */
  topic: string;
  advisories: number;
  alerts: number;
  routine: number;
  frequency: 'immediate' | 'digest';
  created_at: string;
}

export interface ChannelsTable {
  id: Generated<number>;
  traveller_id: number;
  kind: 'email' | 'webhook' | 'sms';
  address: string;
  /** Webhook signing secret (whsec_…, Standard Webhooks); null for other kinds. */
  secret: string | null;
  created_at: string;
  /** E-mail: when the address was confirmed; webhook: when the endpoint echoed the challenge. Null = receives nothing. */
  confirmed_at: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
}

export interface EnrolmentCountsTable {
  /** 'accounts_deleted', 'trips_purged', …: anonymous counts that outlive the rows they counted. */
  metric: string;
  /** YYYY-MM-DD. */
  day: string;
  count: number;
}

// ---- Editorial workflow (migration 002-editorial, docs/decisions/003-editorial-workflow.md) ----

export interface UsersTable {
  id: Generated<number>;
  /** Trimmed and lower-cased; unique. */
  email: string;
  name: Generated<string>;
  role: 'editor' | 'reviewer' | 'admin' | 'crisis' | 'consular';
  /** argon2id, PHC string. */
  password_hash: string;
  created_at: string;
  /** 1 = cannot sign in, tokens refused. */
  disabled: Generated<number>;
}

export interface SessionsTable {
  /** sha256 (hex) of the random cookie value; the value itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** Declined invitations are kept (not re-sent); their trips are purged like trips. */
  declined_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** sha256 (hex) of the token; the token is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  /** Digest of the lower-cased address as typed (src/staff/lockout.ts); never the text itself. */
  account_key: string;
  ip: string;
  at: string;
}

/** Refused (rate-limited) staff sign-ins, aggregated: one audit entry per subject and client per window. */
export interface SignInRefusalsTable {
  /** The audit subject: a staff account's e-mail, or "unknown account". */
  subject: string;
  ip: string;
  /** The first refusal of this window. */
  since: string;
  attempts: number;
  /** The audit entry that carries the count. */
  audit_id: number | null;
}

export interface DraftsTable {
  id: Generated<number>;
  destination_code: string;
  status: 'draft' | 'submitted' | 'approved' | 'scheduled' | 'published';
  level: number;
  /** JSON, as in advisory_revisions. */
  indicators: string;
  risks: string;
  regions: string;
  sections: string;
  departure_urged: number;
  summary: string;
  /** null until the editor chooses. */
  change_type: 'major' | 'minor' | null;
  change_note: string;
  next_review_due: string | null;
  /** The revision the draft was started from (null for a destination's first advisory). */
  base_revision: number | null;
  /** Goes up by one on every change: the ETag / If-Match of the staff API, the hidden field of the console form. */
  version: number;
  author_id: number;
  updated_by: number;
  submitted_by: number | null;
  approved_by: number | null;
  scheduled_by: number | null;
  published_by: number | null;
  /** The reviewer's comment when a draft is returned. */
  comment: string | null;
  publish_at: string | null;
  published_revision: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  /** The version a reviewer approved (migration 007); null until approved, cleared by submit and return. */
  approved_version: number | null;
  /** Fingerprint of the approved fields (domain/draft-fields.ts approvalDigest): publishing refuses anything else. */
  approved_digest: string | null;
  /** As in advisory_revisions (migration 021). */
  missions: Generated<string>;
  quick_facts: string | null;
  translations: string | null;
}

/** Everyone who changed a draft's content since its base revision. */
export interface DraftContributorsTable {
  draft_id: number;
  user_id: number;
  first_at: string;
  last_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** users.id, or null for the system (scheduler) and anonymous attempts. */
  actor_id: number | null;
  /** E-mail of the actor at the time, "scheduler", or "unknown account" for a failed sign-in to no account. */
  actor_label: string;
  action: string;
  destination_code: string | null;
  /** What the action was about: "draft 12", "RU revision 7", "token 3", an e-mail address. */
  subject: string;
  /** JSON object. */
  detail: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** Transactional outbox of things that happened, read by the notifications work. */
export interface EventsTable {
  id: Generated<number>;
  /** 'advisory.published' */
  kind: string;
  destination_code: string | null;
  revision: number | null;
  /** 1 when departure is urged or the level is 4. */
  urgent: number;
  /** JSON object. */
  payload: string;
  created_at: string;
  processed_at: string | null;
  /** When the audience was computed into `deliveries` (migration 005-notify); null = pending. */
  fanned_out_at: Generated<string | null>;
  /** Number of deliveries the fan-out produced. */
  audience_size: Generated<number | null>;
}

// ---- Notifications (migration 005-notify, docs/notifications.md) ----

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';

/** One message to one traveller on one channel: the audience of an event, and the work queue. */
export interface DeliveriesTable {
  id: Generated<number>;
  event_id: number;
  traveller_id: number;
  channel_id: number;
  channel_kind: 'email' | 'webhook' | 'sms';
  /** 0 urgent, 1 routine, 2 digest. */
  priority: number;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
}

// ---- Alerts (migration 006-alerts, docs/alerts.md) ----

/** One CAP 1.2 message (Alert, Update or Cancel); never changed after it is issued except `superseded_by`. */
export interface AlertsTable {
  id: Generated<number>;
  /** CAP identifier, unique for the sender ("urn:uuid:…"). */
  identifier: string;
  /** CAP sender ("alerts@host-of-PUBLIC_URL" at the time of issue; "waypost@…" before issue 15). */
  sender: string;
  /** UTC, whole seconds: "2026-11-23T10:00:00Z" (as effective, onset, expires). */
  sent: string;
  status: 'Actual' | 'Exercise' | 'Test';
  msg_type: 'Alert' | 'Update' | 'Cancel';
  /** JSON array of alerts.id an Update or Cancel refers to. */
  reference_ids: string;
  note: string | null;
  language: string;
  category: string;
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string | null;
  contact: string | null;
  sender_name: string;
  web: string | null;
  effective: string;
  onset: string | null;
  expires: string;
  /** JSON arrays: ISO 3166-1 alpha-2 codes; ISO 3166-2 codes or area names; the destinations the regions narrow. */
  destinations: string;
  regions: string;
  region_destinations: string;
  area_desc: string;
  polygon: string | null;
  circle: string | null;
  /** The Update or Cancel that replaced this message; null while it stands. */
  superseded_by: number | null;
  created_by: number | null;
  created_at: string;
}

export interface AlertDestinationsTable {
  alert_id: number;
  destination_code: string;
}

export interface SourceSyncsTable {
  id: Generated<number>;
  /** Registry name: "us-state-dept". */
  source: string;
  /** 'import' (the CLI), 'sync' (waypost sync) or 'scheduler' (waypost serve). */
  trigger: string;
  /** URL or file imported. */
  location: string;
  started_at: string;
  finished_at: string;
  http_status: number | null;
  /** 'imported', 'not-modified' (304) or 'failed'. */
  outcome: string;
  items: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  skipped: Generated<number>;
  merged: Generated<number>;
  unmapped: Generated<number>;
  events: Generated<number>;
  error: string | null;
  etag: string | null;
  last_modified: string | null;
}

// ---- Crises and check-in waves (migration 012-crises, docs/crises.md) ----

export interface CrisesTable {
  id: Generated<number>;
  title: string;
  /** JSON arrays, as in alerts: ISO 3166-1 alpha-2 codes; ISO 3166-2 codes or area names; the destinations the regions narrow. */
  destinations: string;
  regions: string;
  region_destinations: string;
  /** "Moskva (RU-MOW), Russia": how the area reads in messages and pages. */
  area_desc: string;
  /** When it began (UTC): trips that ended before this day are out of scope. */
  started_at: string;
  status: 'active' | 'closed';
  /** 1 = a drill: every message says EXERCISE, and it is counted apart from real crises. */
  exercise: number;
  alert_id: number | null;
  advisory_revision_id: number | null;
  created_by: number | null;
  created_at: string;
  closed_at: string | null;
  closed_by: number | null;
  /** Timed follow-ups and contact escalation (migration 019): null = off. */
  follow_up_every_minutes: number | null;
  escalate_after_minutes: number | null;
  /** CAP polygon ("lat,lon lat,lon …") and circle ("lat,lon km"): informative, scope stays by place. */
  area_polygon: string | null;
  area_circle: string | null;
}

/** One "Are you safe?" wave: its `crisis.wave` event is what the worker fans out and sends. */
/** Each wave event's deliveries by status, in slots summed when read (migration 023). */
export interface CrisisWaveDeliveriesTable {
  event_id: number;
  status: DeliveryStatus;
  slot: number;
  n: number;
}

export interface CrisisWavesTable {
  id: Generated<number>;
  crisis_id: number;
  /** 1, 2, 3… per crisis. */
  number: number;
  /** 'initial' asks everyone; 'follow-up' only those who have not answered. */
  kind: 'initial' | 'follow-up';
  /** Null only inside the transaction that writes the wave and then its event. */
  event_id: number | null;
  sent_at: string;
  /** A staff member's e-mail, or "command line". */
  sent_by: string;
  /** People the wave's fan-out asked (migration 018); null until it has run. */
  people: number | null;
  /** For a timed follow-up, the due time it answers (unique per crisis); null for waves staff send. */
  due_at: string | null;
}

/** Who a crisis's waves asked, and where they were: one row per person and place in scope. */
export interface CrisisPeopleTable {
  crisis_id: number;
  traveller_id: number;
  destination_code: string;
  /** '' = the whole country. */
  region: string;
  /** The organisation that enrolled the trip, if any. */
  organisation_id: number | null;
  first_wave_id: number;
  /** The person's latest answer and its id (migration 018: the state the counts are kept from). */
  answer: CrisisAnswerValue | null;
  answer_id: number | null;
  /** 1 when none of the crisis's messages to them is queued, being sent or sent (after each fan-out). */
  unreachable: Generated<number>;
}

/** How many people of a crisis are in each state, per place ('' / '' = everyone) and slot (migration 018). */
export interface CrisisCountsTable {
  crisis_id: number;
  destination_code: string;
  region: string;
  slot: number;
  n_safe: Generated<number>;
  n_need_help: Generated<number>;
  n_left: Generated<number>;
  n_no_answer: Generated<number>;
  n_undeliverable: Generated<number>;
}

export type CrisisAnswerValue = 'safe' | 'need_help' | 'left';

/** Every answer, kept; a person's latest (highest id) is their state. */
export interface CrisisAnswersTable {
  id: Generated<number>;
  crisis_id: number;
  wave_id: number | null;
  traveller_id: number;
  answer: CrisisAnswerValue;
  /** How it came: 'email' or 'webhook' (the message's link). */
  channel: string;
  answered_at: string;
  location: string | null;
  party_size: number | null;
  note: string | null;
  /** When the optional details were given. */
  details_at: string | null;
  /** "wave:traveller:answer" for link answers: one answer per link. */
  link_key: string | null;
}

export type ContactAnswerValue = 'heard_safe' | 'heard_need_help' | 'not_heard';

/** One e-mail to an emergency contact of a silent person (migration 019): once per crisis, person and contact. */
export interface CrisisContactAsksTable {
  id: Generated<number>;
  crisis_id: number;
  traveller_id: number;
  contact_index: number;
  contact_name: string;
  contact_email: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
  answer: ContactAnswerValue | null;
  answered_at: string | null;
  created_at: string;
}

// ---- Trip briefings (migration 014-trip-briefings, docs/enrolment.md) ----

/** One state a trip was briefed about: the advisory revisions and alerts its `trip.briefing` message held. */
export interface TripBriefingsTable {
  id: Generated<number>;
  trip_id: number;
  /** "RU:12,alert:3,alert:5" (sorted): unique per trip, so the same state is never briefed twice. */
  state_key: string;
  event_id: number | null;
  created_at: string;
}

// ---- SMS (migration 016-sms, docs/notifications.md "SMS") ----

/** One part the SMS centre accepted (or a receipt for one not yet written): its receipt says delivered or failed. */
export interface SmsPartsTable {
  /** The SMS centre's message_id (submit_sm_resp), which receipts name. */
  message_id: string;
  delivery_id: number | null;
  /** 1-based part number and the message's number of parts (null until the part is written). */
  part: number | null;
  parts: number | null;
  state: 'accepted' | 'pending' | 'delivered' | 'failed';
  /** The receipt's stat: DELIVRD, UNDELIV… */
  stat: string | null;
  submitted_at: string | null;
  receipt_at: string | null;
}

/** The verification code of an SMS number not yet confirmed. */
export interface SmsCodesTable {
  channel_id: number;
  /** HMAC-SHA256 of the code with the deployment's secret and the channel id. */
  code_hash: string;
  expires_at: string;
  /** Wrong codes entered so far. */
  attempts: Generated<number>;
  /** Codes sent for this number (resends are limited). */
  sends: Generated<number>;
  sent_at: string;
}

// ---- Assistance and consular cases (migration 015-cases, docs/cases.md) ----

export interface CasesTable {
  id: Generated<number>;
  title: string;
  /** A CaseType of src/domain/cases.ts; null until triage (cases opened by "I need help"). */
  type: string | null;
  status: 'open' | 'in_progress' | 'closed';
  priority: 'urgent' | 'high' | 'normal' | 'low';
  /** Required once closed; cleared when reopened. */
  outcome: string | null;
  /** ISO 3166-1 alpha-2: where the case is. */
  country: string;
  crisis_id: number | null;
  traveller_id: number | null;
  /** "crisis:traveller" for cases opened by a check-in answer: one case per person and crisis. */
  help_key: string | null;
  assignee_id: number | null;
  /** A staff member's e-mail, or "check-in answer". */
  opened_by: string;
  opened_at: string;
  updated_at: string;
  /** When it was closed: the retention period counts from here. */
  closed_at: string | null;
}

/** Append-only: nothing updates or deletes a note but its case's deletion. */
export interface CaseNotesTable {
  id: Generated<number>;
  case_id: number;
  kind: 'note' | 'check-in' | 'system';
  body: string;
  author: string;
  at: string;
}

export interface CaseContactsTable {
  id: Generated<number>;
  case_id: number;
  direction: 'incoming' | 'outgoing';
  channel: string;
  /** Who: "the traveller", "the detainee's lawyer", "local police"… */
  party: string;
  summary: string;
  contacted_at: string;
  recorded_by: string;
  recorded_at: string;
}

export interface CasePeopleTable {
  id: Generated<number>;
  case_id: number;
  traveller_id: number | null;
  name: string;
  relation: 'traveller' | 'party_member' | 'next_of_kin';
  /** 1 = the person consented (for next of kin: to be told about the case). */
  consent: number;
  /** JSON array of ISO 3166-1 alpha-2 codes. */
  citizenships: string;
  added_at: string;
}

export interface CaseAccessTable {
  id: Generated<number>;
  case_id: number;
  kind: 'requested' | 'granted' | 'denied' | 'visit';
  /** YYYY-MM-DD. */
  on_date: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

// ---- Departure assistance (migration 017-departures, docs/crises.md) ----

/** A flight, bus or ship staff organise for a crisis's people; capacity in persons. */
export interface DeparturesTable {
  id: Generated<number>;
  crisis_id: number;
  mode: 'flight' | 'bus' | 'ship' | 'other';
  label: string;
  capacity: number;
  meeting_point: string;
  meeting_at: string;
  status: 'planned' | 'boarding' | 'departed' | 'cancelled';
  created_at: string;
  /** A staff member's e-mail. */
  created_by: string;
  updated_at: string;
}

/** One person's request for help to leave a crisis (one per person and crisis). */
export interface DepartureRequestsTable {
  id: Generated<number>;
  crisis_id: number;
  traveller_id: number;
  party_size: number;
  dependants: number;
  /** JSON array of ISO 3166-1 alpha-2 codes. */
  citizenships: string;
  passports: string;
  special_needs: string | null;
  location: string;
  phone: string | null;
  via: 'link' | 'account';
  /** The one departure it is assigned to. */
  departure_id: number | null;
  boarded_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What staff told a departure's people: one `departure.message` event each. */
export interface DepartureMessagesTable {
  id: Generated<number>;
  departure_id: number;
  event_id: number | null;
  text: string;
  sent_at: string;
  sent_by: string;
}

/** What a verified organisation's admin told its people: one `organisation.message` event each (migration 024). */
export interface OrganisationMessagesTable {
  id: Generated<number>;
  organisation_id: number;
  event_id: number | null;
  subject: string;
  text: string;
  audience: 'all' | 'travelling';
  /** JSON array of ISO alpha-2 codes; empty = anywhere. */
  destinations: string;
  people: number;
  deliveries: number;
  sent_by: number | null;
  sent_at: string;
}

export interface PeerAdviceTable {
  id: Generated<number>;
  /** Registry name: "uk-fcdo", "canada". */
  source: string;
  code: string;
  /** 1-based per source × destination; never reused. */
  version: number;
  native_label: string;
  /** On the 1–4 scale, for comparison only (src/domain/peer-levels.ts). */
  level: number;
  /** JSON [{ name, code?, level, nativeLabel }]. */
  regions: string;
  /** JSON [{ slug, title, body }], Markdown. */
  sections: string;
  change_note: string;
  updated_at: string;
  url: string;
  fingerprint: string;
  imported_at: string;
}
