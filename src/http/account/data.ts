import { travellerCheckIns, type OwnCheckIn } from '../../crises/records.ts';
import { travellerActiveCrises, travellerDepartureRequests, type OwnDepartureRequest } from '../../departures/records.ts';
import { listChannels, type ChannelView } from '../../enrolment/channels.ts';
import { today, type EnrolmentContext } from '../../enrolment/context.ts';
import { pendingInvitations, type InvitationView } from '../../enrolment/invitations.ts';
import { memberships, type Membership } from '../../enrolment/organisations.ts';
import { getProfile, type Profile } from '../../enrolment/profile.ts';
import { listSubscriptions, type SubscriptionView } from '../../enrolment/subscriptions.ts';
import type { TravellerSession } from '../../enrolment/travellers.ts';
import { listTrips, type TripView } from '../../enrolment/trips.ts';
import { UnconfiguredSmsProvider } from '../../notify/channels/sms-provider.ts';
import type { FastifyRequest } from 'fastify';
import { readerOf, type Reader } from './layout.ts';

/** What the account pages show (the overview and each section's page), read at once. */

export interface AccountData {
  profile: Profile;
  trips: TripView[];
  subscriptions: SubscriptionView[];
  channels: ChannelView[];
  memberships: Membership[];
  invitations: InvitationView[];
  checkIns: OwnCheckIn[];
  /** Active crises they are in (where they may ask for help to leave), and their requests. */
  crises: { id: number; title: string; exercise: boolean }[];
  departureRequests: OwnDepartureRequest[];
  csrf: string;
  smsNote: string;
  today: string;
  /** The reader's language (the profile's after ?lang= and the cookie) and the page's address. */
  reader: Reader;
}

/** Everything the account page shows, or null when the traveller is gone. */
export async function accountData(ctx: EnrolmentContext, session: TravellerSession, request: FastifyRequest): Promise<AccountData | null> {
  const profile = await getProfile(ctx, session.travellerId);
  if (!profile) return null;
  const [trips, subscriptions, channels, orgs, invitations, checkIns, crises, departureRequests] = await Promise.all([
    listTrips(ctx, session.travellerId), listSubscriptions(ctx, session.travellerId), listChannels(ctx, session.travellerId), memberships(ctx, session.travellerId),
    pendingInvitations(ctx, session.travellerId), travellerCheckIns(ctx.db, session.travellerId, 50), travellerActiveCrises(ctx.db, session.travellerId),
    travellerDepartureRequests(ctx.db, session.travellerId),
  ]);
  return { profile, trips, subscriptions, channels, memberships: orgs, invitations, checkIns, crises, departureRequests, csrf: session.csrfToken, smsNote: (ctx.sms ?? new UnconfiguredSmsProvider()).describe(), today: today(ctx), reader: readerOf(request, profile.language) };
}

