import type { ORGANISATION_MESSAGE } from '../domain/event-kinds.ts';
import type { MessageAudience } from '../domain/organisation-messages.ts';

/** The payload of an `organisation.message` event (src/enrolment/organisation-messages.ts writes it): a verified organisation's words to its people. */
export interface OrganisationMessagePayload {
  organisationId: number;
  /** The organisation's name when it sent: the messages say "sent on behalf of" it. */
  organisationName: string;
  messageId: number;
  subject: string;
  text: string;
  /** Who it goes to, read again when the worker fans it out. */
  audience: MessageAudience;
  destinations: string[];
  /** The first destination named, or "XX", for the events table. */
  code: string;
  sentAt: string;
  urgent: false;
}

/** An `organisation.message` event as the worker reads it (src/notify/events.ts NotifyEvent). */
export interface OrganisationMessageEvent {
  id: number;
  kind: typeof ORGANISATION_MESSAGE;
  urgent: boolean;
  payload: OrganisationMessagePayload;
}
