import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { enrolmentSuite } from '../helpers/enrolment-suite.ts';

// Every id a traveller's pages take in the URL (trips, subscriptions, channels, organisations),
// written any way but plainly: the rest of enrolment is in enrolment*.test.ts.
describe.each(ENGINES)('traveller enrolment on %s', (engine) => {
  const t = enrolmentSuite(engine);
  const { signIn, post } = t;

  describe('ids in URLs', () => {
    it('answers a 404 page for any id that is not a positive integer written plainly, acting on nothing', async () => {
      const s = await signIn('ids@example.org');
      const trip = await t.app.inject({ method: 'POST', url: '/account/trips', headers: { cookie: s.cookie }, payload: { destinations: [{ destination: 'FR' }], start: '2026-05-01', end: '2026-05-10' } });
      await post(s, '/account/subscriptions', { kind: 'level4' });
      await post(s, '/account/channels/sms', { phone: '+44 7700 900123' });
      const organisation = await post(s, '/account/organisations', { name: `Ids ${engine}` });
      const ids = {
        trip: trip.json<{ id: number }>().id,
        subscription: (await t.store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).executeTakeFirstOrThrow()).id,
        channel: (await t.store.db.selectFrom('channels').select('id').where('traveller_id', '=', s.id).where('kind', '=', 'sms').executeTakeFirstOrThrow()).id,
        organisation: Number(/\d+$/.exec(String(organisation.headers.location))![0]),
      };
      const odd = (id: number) => [`0${id}`, `${id}.0`, `${id}e0`, `+${id}`, `%20${id}`, '0', '-1', 'abc', '9007199254740993', '99999999999999999999'];
      const requests: [string, string][] = [
        ...odd(ids.trip).flatMap((id): [string, string][] => [['GET', `/account/trips/${id}/edit`], ['POST', `/account/trips/${id}`], ['POST', `/account/trips/${id}/cancel`]]),
        ...odd(ids.subscription).map((id): [string, string] => ['POST', `/account/subscriptions/${id}/delete`]),
        ...odd(ids.channel).flatMap((id): [string, string][] => [['POST', `/account/channels/${id}/confirm`], ['POST', `/account/channels/${id}/delete`]]),
        ...odd(ids.organisation).flatMap((id): [string, string][] => [['GET', `/account/organisations/${id}`], ['POST', `/account/organisations/${id}/import`]]),
      ];
      for (const [method, url] of requests) {
        const response = method === 'GET' ? await t.app.inject({ url, headers: { cookie: s.cookie } }) : await post(s, url, { destination: 'Spain', start: '2026-05-02', end: '2026-05-12' });
        expect([method, url, response.statusCode, response.headers['content-type']]).toEqual([method, url, 404, 'text/html; charset=utf-8']);
      }
      expect(await t.store.db.selectFrom('trips').select(['cancelled_at']).where('id', '=', ids.trip).executeTakeFirst()).toEqual({ cancelled_at: null });
      expect(await t.store.db.selectFrom('trip_destinations').select('destination_code').where('trip_id', '=', ids.trip).execute()).toEqual([{ destination_code: 'FR' }]);
      expect(await t.store.db.selectFrom('subscriptions').select('id').where('id', '=', ids.subscription).executeTakeFirst()).toBeDefined();
      expect(await t.store.db.selectFrom('channels').select('id').where('id', '=', ids.channel).executeTakeFirst()).toBeDefined();
    });
  });
});
