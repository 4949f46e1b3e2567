import { describe, expect, it } from 'vitest';
import { checkOrganisationMessage, mayMessage, parseDailyMessageLimit, withinMessageLimit } from './organisation-messages.ts';

describe('message my people: the rules', () => {
  it('lets only a verified organisation message anyone', () => {
    expect(mayMessage('verified')).toEqual({ ok: true });
    expect(mayMessage('unverified')).toMatchObject({ ok: false, reason: expect.stringMatching(/awaiting verification.*cannot send messages yet/) });
    expect(mayMessage('withdrawn')).toMatchObject({ ok: false, reason: expect.stringMatching(/withdrew this organisation's verification: it cannot send messages/) });
  });

  it('takes a subject, a text, all members or those travelling now, narrowed by destinations by name or code', () => {
    expect(checkOrganisationMessage({ subject: '  Flights  resumed ', text: 'Line one\r\nLine two', audience: 'travelling', destinations: 'Russia; fr' }))
      .toEqual({ ok: true, value: { subject: 'Flights resumed', text: 'Line one\nLine two', audience: 'travelling', destinations: ['RU', 'FR'] } });
    expect(checkOrganisationMessage({ subject: 'S', text: 'T' })).toEqual({ ok: true, value: { subject: 'S', text: 'T', audience: 'all', destinations: [] } });
  });

  it('says in words what is wrong with each field', () => {
    const check = checkOrganisationMessage({ subject: 'x'.repeat(121), text: 'a\u202Eb', audience: 'everyone', destinations: ['Atlantis'] });
    expect(check).toEqual({ ok: false, errors: [
      { field: 'subject', message: 'Subject must be at most 120 characters (got 121).' },
      { field: 'text', message: 'Message must not contain control or invisible formatting characters.' },
      { field: 'audience', message: 'Choose who receives it: all members, or only those travelling now.' },
      { field: 'destinations', message: 'Destinations has an unknown destination "Atlantis".' },
    ] });
    expect(checkOrganisationMessage({ subject: 'S', text: 'T', audience: 'all', destinations: 'Japan' })).toMatchObject({ ok: false, errors: [{ field: 'destinations' }] });
  });

  it('allows N messages a day', () => {
    expect(withinMessageLimit(2, 3, '2027-03-02 00:00 UTC')).toEqual({ ok: true });
    expect(withinMessageLimit(3, 3, '2027-03-02 00:00 UTC')).toEqual({ ok: false, reason: 'This organisation has sent its 3 messages for today (ORG_DAILY_MESSAGE_LIMIT); nothing was sent. Try again after 2027-03-02 00:00 UTC.' });
    expect([parseDailyMessageLimit(undefined), parseDailyMessageLimit('0')]).toEqual([3, 0]);
    expect(() => parseDailyMessageLimit('lots')).toThrow(/ORG_DAILY_MESSAGE_LIMIT/);
  });
});
