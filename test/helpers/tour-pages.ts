import { createToken } from '../../src/staff/tokens.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { importPeerFeed } from '../../src/sources/peers/store.ts';
import { approvedDraft } from './drafts.ts';
import { addStaff, apiCall, PASSWORD } from './editorial-setup.ts';
import { TOUR_ADMIN, type Tour } from './tour.ts';

/**
 * Every page of the site, public, account and console, as the tour visits them
 * (test/e2e/overflow.test.ts): each GET route the app registers is either a page here, with the
 * path that shows it and who looks at it, or in NOT_PAGES with the reason it is not looked at.
 * A new route in neither fails the test that compares them with the app's route tree.
 */

/** Who looks at a page: nobody signed in, a traveller, an organisation's manager, a console admin, consular staff. */
export type Viewer = 'public' | 'traveller' | 'manager' | 'admin' | 'consul';

/** The ids the tour's data gives the pages that show one thing. */
export interface TourIds {
  alert: number; trip: number; organisation: number; draft: number; approved: number; crisis: number; case: number; event: number; outbox: number;
}

export interface TourPage {
  /** The route's pattern as Fastify has it, or null for a page no route names (the 404 page). */
  route: string | null;
  viewer: Viewer;
  path: (ids: TourIds) => string;
  /** What it is, for the screenshot index. */
  title: string;
}

const page = (route: string | null, viewer: Viewer, title: string, path: string | ((ids: TourIds) => string) = route!): TourPage =>
  ({ route, viewer, title, path: typeof path === 'string' ? () => path : path });

export const PAGES: readonly TourPage[] = [
  page('/', 'public', 'Home: the map and active alerts'),
  page('/destinations', 'public', 'Destinations A–Z', '/destinations/'),
  page('/destinations/:slug', 'public', 'A destination (Russia)', '/destinations/russia/'),
  page('/destinations/:slug/revisions/:n', 'public', 'A destination\'s past revision', '/destinations/russia/revisions/1/'),
  page('/levels/:level', 'public', 'A level (Level 4)', '/levels/4/'),
  page('/indicators/:code', 'public', 'A risk indicator (C, crime)', '/indicators/C/'),
  page('/search', 'public', 'Search ("moscow")', '/search/?q=moscow'),
  page('/alerts', 'public', 'Alerts', '/alerts/'),
  page('/alerts/:id', 'public', 'An alert', (ids) => `/alerts/${ids.alert}/`),
  page('/data', 'public', 'Feeds and open data', '/data/'),
  page('/compare', 'public', 'Compare with other governments', '/compare/'),
  page(null, 'public', 'Page not found', '/no-such-page/'),
  page('/account/sign-in', 'public', 'Account: sign in'),
  page('/account/check-email', 'public', 'Account: check your e-mail'),
  page('/account', 'traveller', 'Account: overview, trips and check-ins'),
  page('/account/subscriptions', 'traveller', 'Account: subscriptions'),
  page('/account/channels', 'traveller', 'Account: channels'),
  page('/account/profile', 'traveller', 'Account: profile'),
  page('/account/privacy', 'traveller', 'Account: privacy'),
  page('/account/delete', 'traveller', 'Account: delete the account'),
  page('/account/trips/:id/edit', 'traveller', 'Account: change a trip', (ids) => `/account/trips/${ids.trip}/edit`),
  page('/account/organisations', 'manager', 'Account: organisations'),
  page('/account/organisations/:id', 'manager', 'Account: an organisation and its people', (ids) => `/account/organisations/${ids.organisation}`),
  page('/account/organisations/:id/message', 'manager', 'Account: message my people (verified organisations)', (ids) => `/account/organisations/${ids.organisation}/message`),
  page('/console/sign-in', 'public', 'Console: sign in'),
  page('/console', 'admin', 'Console: dashboard'),
  page('/console/calendar', 'admin', 'Console: review calendar'),
  page('/console/destinations', 'admin', 'Console: destinations'),
  page('/console/destinations/:code', 'admin', 'Console: a destination', '/console/destinations/RU'),
  page('/console/destinations/:code/compare', 'admin', 'Console: a destination compared with other governments', '/console/destinations/RU/compare?from=1&to=1'),
  page('/console/drafts/:id', 'admin', 'Console: a draft', (ids) => `/console/drafts/${ids.draft}`),
  page('/console/drafts/:id/edit', 'admin', 'Console: the editor', (ids) => `/console/drafts/${ids.draft}/edit`),
  page('/console/drafts/:id/diff', 'admin', 'Console: a draft\'s changes', (ids) => `/console/drafts/${ids.draft}/diff`),
  page('/console/drafts/:id/publish', 'admin', 'Console: publishing an approved draft', (ids) => `/console/drafts/${ids.approved}/publish`),
  page('/console/alerts', 'admin', 'Console: alerts'),
  page('/console/alerts/new', 'admin', 'Console: new alert form'),
  page('/console/alerts/:id', 'admin', 'Console: an alert', (ids) => `/console/alerts/${ids.alert}`),
  page('/console/alerts/:id/update', 'admin', 'Console: updating an alert', (ids) => `/console/alerts/${ids.alert}/update`),
  page('/console/crises', 'admin', 'Console: crises'),
  page('/console/crises/:id', 'admin', 'Console: a crisis dashboard', (ids) => `/console/crises/${ids.crisis}`),
  page('/console/cases', 'consul', 'Console: consular cases'),
  page('/console/cases/:id', 'consul', 'Console: a case', (ids) => `/console/cases/${ids.case}`),
  page('/console/notifications', 'admin', 'Console: notifications'),
  page('/console/notifications/events/:id', 'admin', 'Console: a notification event', (ids) => `/console/notifications/events/${ids.event}`),
  page('/console/notifications/outbox', 'admin', 'Console: outbox'),
  page('/console/notifications/outbox/:id', 'admin', 'Console: an outbox message', (ids) => `/console/notifications/outbox/${ids.outbox}`),
  page('/console/organisations', 'admin', 'Console: organisations'),
  page('/console/users', 'admin', 'Console: users'),
  page('/console/tokens', 'admin', 'Console: API tokens'),
  page('/console/sources', 'admin', 'Console: sources'),
  page('/console/settings', 'admin', 'Console: settings'),
  page('/console/settings/identity', 'admin', 'Console: identity settings'),
  page('/console/audit', 'admin', 'Console: audit log'),
];

/** GET routes that are not pages to look at, each with why. */
export const NOT_PAGES: readonly [RegExp, string][] = [
  [/^\/api\//, 'the API and its documentation (Swagger UI is a third party\'s page)'],
  [/^\/(feeds|exports)\/|\.(csv|json|atom|rss|cap|geojson)$/, 'feeds and downloads'],
  [/\/assets\/|^\/identity\/logo-/, 'style sheets, scripts and images'],
  [/^\/(healthz|metrics)$/, 'machine checks'],
  [/^\/account\/(export|link\/:token)$/, 'a JSON download; a sign-in link that redirects'],
  [/^\/(preferences|unsubscribe|account\/invitation)$|^\/(check-in|contact-check)\/:token|^\/account\/departures\/:id$/,
    'reached only through a signed link in a message: looked at by test/e2e/enrolment.test.ts, crises.test.ts and departures.test.ts'],
];

/** Routes the app has that are neither a page of the tour nor in NOT_PAGES; and pages whose route the app does not have. */
export function unlisted(routes: readonly string[]): { missing: string[]; stale: string[] } {
  const listed = new Set(PAGES.map((p) => p.route));
  return {
    missing: routes.filter((route) => !listed.has(route) && !NOT_PAGES.some(([pattern]) => pattern.test(route))),
    stale: [...listed].filter((route): route is string => route !== null && !routes.includes(route)),
  };
}

export const CONSUL = { email: 'tour.consul@example.org', password: PASSWORD };

/** The data the tour's pages of one thing need beyond the tour's own: a draft, a crisis, a case; the ids of the rest. */
export async function tourIds(tour: Tour): Promise<TourIds> {
  const { db } = tour.store;
  const call = apiCall(tour.app);
  const admin = await db.selectFrom('users').select(['id', 'email']).where('email', '=', TOUR_ADMIN.email).executeTakeFirstOrThrow();
  const { token } = await createToken(db, admin, 'tour', COMMAND_LINE);
  const consul = await addStaff(tour.store, CONSUL.email, 'consular');
  const created = async (url: string, bearer: string, body: Record<string, unknown>) => {
    const response = await call('POST', url, bearer, body);
    if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return (response.json() as { id: number }).id;
  };
  // Another government's advice, so that /compare/ has its table to show.
  const entry = (code: string) => ({ code, title: code, nativeLabel: 'Advise against all travel', level: 4 as const, regions: [], sections: [], changeNote: '', updatedAt: '2026-09-01T00:00:00.000Z', url: `https://example.org/${code}`, uncoded: [] });
  await importPeerFeed(db, { format: 't', items: 2, merges: [], unmapped: [], entries: [entry('FR'), entry('RU')] }, { source: 'uk-fcdo' });
  const team = { editor: await addStaff(tour.store, 'tour.editor@example.org', 'editor'), reviewer: await addStaff(tour.store, 'tour.reviewer@example.org', 'reviewer') };
  const approved = await approvedDraft(call, team, 'FR', { changeType: 'minor', changeNote: 'Wording.', summary: 'An approved draft the tour looks at.' });
  const draft = await created('/api/v1/advisories/RU/drafts', token, { summary: 'A draft the tour looks at.' });
  const crisis = await created('/api/v1/crises', token, { title: 'Unrest in Moscow', destinations: ['RU'], regions: ['RU-MOW'] });
  const kase = await created('/api/v1/cases', consul.token, { title: 'Zelda Quarrington detained', country: 'RU', note: 'Held at Lefortovo' });
  const first = async (table: 'trips' | 'events' | 'outbox_messages') => {
    const row = await db.selectFrom(table).select('id').orderBy('id').executeTakeFirst();
    if (!row) throw new Error(`the tour has no ${table} to show`);
    return row.id;
  };
  return {
    alert: tour.alertId, organisation: tour.organisationId, trip: await first('trips'), draft, approved, crisis, case: kase,
    event: await first('events'), outbox: await first('outbox_messages'),
  };
}
