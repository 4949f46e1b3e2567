import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { formFields, organisationSuite, type OrganisationSuite } from '../helpers/organisation-suite.ts';

const HEADER = 'email,name,destination,region,start,end,channels';

describe.each(ENGINES)('an organisation\'s CSV template, date formats and corrections on the page, on %s', (engine) => {
  let suite: OrganisationSuite;
  beforeAll(async () => {
    suite = await organisationSuite(engine, `Travel Uni ${engine}`);
  });
  afterAll(async () => suite?.close());

  const people = async () => suite.store.db.selectFrom('trips').innerJoin('travellers', 'travellers.id', 'trips.traveller_id')
    .select(['travellers.email', 'trips.start_date', 'trips.end_date']).where('trips.organisation_id', '=', suite.organisationId).orderBy('travellers.email').execute();

  it('offers a template whose header is exactly what the importer takes, and whose example row imports as it is', async () => {
    const page = await suite.app.inject({ url: `/account/organisations/${suite.organisationId}`, headers: { cookie: suite.admin.cookie } });
    expect(page.body).toContain('href="/account/organisations/template.csv"');
    const template = await suite.app.inject({ url: '/account/organisations/template.csv?dateFormat=DD%2FMM%2FYYYY' });
    expect([template.statusCode, template.headers['content-type'], template.headers['content-disposition']])
      .toEqual([200, 'text/csv; charset=utf-8', 'attachment; filename="enrolment-template.csv"']);
    const [header, example, rest] = template.body.split('\r\n');
    expect([header, example, rest]).toEqual([HEADER, 'alex.martin@example.org,Alex Martin,Russia,St Petersburg,31/03/2027,29/06/2027,email', '']);
    const imported = await suite.upload(template.body, { dateFormat: 'DD/MM/YYYY' }, true);
    expect(imported.json()).toMatchObject({ rows: 1, enrolledOrInvited: 1, rejected: [] });
    expect(await people()).toEqual([{ email: 'alex.martin@example.org', start_date: '2027-03-31', end_date: '2027-06-29' }]);
  });

  it('reads dates in the format chosen, and refuses in words, naming row and column, a date that is not one in that format', async () => {
    const csv = [HEADER,
      'dd1@example.org,Dee,France,,03/04/2027,10/04/2027,email',
      'dd2@example.org,Dom,Japan,,2027-04-03,,email',
      'dd3@example.org,Dan,Kenya,,31/02/2027,,email',
      'dd4@example.org,Dot,Kenya,,01/05/2027,31/04/2027,email'].join('\n');
    const answer = await suite.upload(csv, { dateFormat: 'DD/MM/YYYY' }, true);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().rejected.map((r: { line: number; column: string; reason: string }) => [r.line, r.column, r.reason])).toEqual([
      [3, 'start', 'start date: 2027-04-03 is not a date in DD/MM/YYYY'],
      [4, 'start', 'start date: 31/02/2027 is not a date in DD/MM/YYYY'],
      [5, 'end', 'end date: 31/04/2027 is not a date in DD/MM/YYYY (leave it empty for people residing abroad)'],
    ]);
    expect((await people()).find((p) => p.email === 'dd1@example.org')).toEqual({ email: 'dd1@example.org', start_date: '2027-04-03', end_date: '2027-04-10' });
    const page = await suite.upload('email,name,destination,region,start,end,channels\nus1@example.org,Ula,Kenya,,04/03/2027,,email', { dateFormat: 'MM/DD/YYYY' });
    expect(page.statusCode).toBe(200);
    expect((await people()).find((p) => p.email === 'us1@example.org')?.start_date).toBe('2027-04-03');
    const bad = await suite.upload(csv, { dateFormat: 'DD.MM.YY' }, true);
    expect([bad.statusCode, bad.json().detail]).toEqual([400, 'Choose how the dates are written: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY.']);
  });

  it('lists refused rows as a form, as typed with the reason beside the value; the corrected rows import, the still-wrong one comes back', async () => {
    const csv = [HEADER,
      'fix1@example.org,Fi,Atlantis,,01/06/2027,30/06/2027,email',
      'fix2@example.org,Fo,Russia,,31/06/2027,,email',
      'fix3@example.org,Fu,France,,01/06/2027,30/06/2027,pigeon'].join('\n');
    const shown = await suite.upload(csv, { dateFormat: 'DD/MM/YYYY' });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Rows not imported: correct them here');
    expect(shown.body).toMatch(/<input id="fix-1-start" name="start" value="31\/06\/2027" aria-label="Row 3, start date" aria-invalid="true" aria-describedby="fix-1-error"><p class="problem small" id="fix-1-error">start date: 31\/06\/2027 is not a date in DD\/MM\/YYYY<\/p>/);
    expect(shown.body).toContain('value="Atlantis"');
    const fields = formFields(shown.body, `/account/organisations/${suite.organisationId}/fix`);
    expect(fields.filter(([k]) => k === 'dateFormat')).toEqual([['dateFormat', 'DD/MM/YYYY']]);
    // The manager corrects two rows by hand (a city by its name, a real date) and leaves the channel as it was.
    const fixes: Record<string, string> = { Atlantis: 'St Petersburg', '31/06/2027': '30/06/2027' };
    const corrected = fields.map(([k, v]): [string, string] => [k, fixes[v] ?? v]);
    const before = (await people()).length;
    const again = await suite.post(`/account/organisations/${suite.organisationId}/fix`, corrected);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Import done: 2 enrolled or invited, 0 unchanged, 1 rejected.');
    expect((await people()).length).toBe(before + 2);
    const trips = await suite.store.db.selectFrom('trips').innerJoin('travellers', 'travellers.id', 'trips.traveller_id').innerJoin('trip_destinations', 'trip_destinations.trip_id', 'trips.id')
      .select(['travellers.email', 'trip_destinations.destination_code', 'trip_destinations.region', 'trips.start_date']).where('travellers.email', 'in', ['fix1@example.org', 'fix2@example.org']).orderBy('travellers.email').execute();
    expect(trips).toEqual([
      { email: 'fix1@example.org', destination_code: 'RU', region: 'RU-SPE', start_date: '2027-06-01' },
      { email: 'fix2@example.org', destination_code: 'RU', region: null, start_date: '2027-06-30' },
    ]);
    // Row 4 is still wrong: it comes back under its own row number, with the file's reason.
    expect(again.body).toMatch(/Row 4<input type="hidden" name="line" value="4">/);
    expect(again.body).toContain('unknown channel &quot;pigeon&quot;');
    // Sending the same corrections twice changes nothing (same rule as a file).
    const twice = await suite.post(`/account/organisations/${suite.organisationId}/fix`, corrected, suite.admin);
    expect(twice.body).toContain('Import done: 0 enrolled or invited, 2 unchanged, 1 rejected.');
  });

  it('refuses a tampered correction form with a 400 and writes nothing; only the organisation\'s admin may send it', async () => {
    const before = (await people()).length;
    const uneven = await suite.post(`/account/organisations/${suite.organisationId}/fix`, [['line', '2'], ['email', 'a@example.org'], ['dateFormat', 'YYYY-MM-DD']]);
    expect([uneven.statusCode, uneven.body.includes('The corrected rows could not be read')]).toEqual([400, true]);
    const other = await (await import('../helpers/traveller.ts')).travellerSignIn(suite.app, suite.store, `stranger@${engine}.example`);
    const row: [string, string][] = [['line', '2'], ['email', 'x@example.org'], ['name', 'X'], ['destination', 'France'], ['region', ''], ['start', '2027-06-01'], ['end', ''], ['channels', '']];
    expect((await suite.post(`/account/organisations/${suite.organisationId}/fix`, row, other)).statusCode).toBe(404);
    expect((await people()).length).toBe(before);
  });
});
