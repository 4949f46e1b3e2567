/**
 * The kinds of outbox event, spelled once: src/notify/events.ts pairs each with its payload, and
 * rules that depend on the kind (src/domain/sms-reach.ts) compare against these, since the domain
 * may not import from src/notify/. ESLint refuses the spelled-out strings anywhere else in src/.
 */
export const ADVISORY_PUBLISHED = 'advisory.published';
export const ALERT_PUBLISHED = 'alert.published';
export const CRISIS_WAVE = 'crisis.wave';
export const TRIP_BRIEFING = 'trip.briefing';
export const DEPARTURE_MESSAGE = 'departure.message';
/** Another government changed its advice for a destination (src/notify/peer-events.ts); never urgent. */
export const PEER_ADVICE_CHANGED = 'peer.changed';
/** A verified organisation's admin messaged its people (src/enrolment/organisation-messages.ts); never urgent. */
export const ORGANISATION_MESSAGE = 'organisation.message';
