import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAlert } from '../../src/alerts/issue.ts';
import { changeVerification, organisationByName } from '../../src/enrolment/verification.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { demonstration, inHours } from '../helpers/alerts-setup.ts';
import { ENGINES } from '../helpers/databases.ts';
import { organisationSuite, PUBLIC_URL, type OrganisationSuite } from '../helpers/organisation-suite.ts';
import { travellerSignIn } from '../helpers/traveller.ts';

const HEADER = 'email,name,destination,region,start,end,channels';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('"who is where": alerts per person and a CSV export, on %s', (engine) => {
  let suite: OrganisationSuite;
  const path = () => `/account/organisations/${suite.organisationId}`;
  beforeAll(async () => {
    suite = await organisationSuite(engine, `Where Uni ${engine}`, { now: new Date() });
    const csv = [HEADER,
      `ana-${engine}@example.org,Ana,Russia,Moscow,${day(-1)},${day(30)},email`,
      `bo-${engine}@example.org,Bo,Russia,St Petersburg,${day(-1)},${day(30)},email`,
      `cy-${engine}@example.org,"=HYPERLINK(""http://evil.example"",""x"")",France,,${day(5)},${day(9)},email`].join('\n');
    expect((await suite.upload(csv, {}, true)).json()).toMatchObject({ enrolledOrInvited: 3, rejected: [] });
    // Someone else's organisation, with its own person: never in this one's table or export.
    const other = await travellerSignIn(suite.app, suite.store, `other-admin-${engine}@example.org`);
    await suite.post('/account/organisations', [['name', `Other Org ${engine}`]], other);
    const otherId = (await organisationByName(suite.store.db, `Other Org ${engine}`))!.id;
    await changeVerification({ db: suite.store.db, now: () => new Date() }, otherId, 'verify', COMMAND_LINE);
    const body = ['--b', 'Content-Disposition: form-data; name="_csrf"', '', other.csrf, '--b', 'Content-Disposition: form-data; name="file"; filename="o.csv"', '', `${HEADER}\nzed-${engine}@example.org,Zed,Russia,Moscow,${day(-1)},${day(9)},email`, '--b--', ''].join('\r\n');
    await suite.app.inject({ method: 'POST', url: `/account/organisations/${otherId}/import`, headers: { cookie: other.cookie, 'content-type': 'multipart/form-data; boundary=b' }, payload: body });
    await issueAlert({ db: suite.store.db, now: () => new Date(), publicUrl: PUBLIC_URL }, { id: null, label: 'crisis@ministry.example', role: 'crisis' }, demonstration({ effective: inHours(-1), expires: inHours(30) }));
  });
  afterAll(async () => suite?.close());

  it('shows, per person, the active alerts covering their destination and region', async () => {
    const page = await suite.app.inject({ url: path(), headers: { cookie: suite.admin.cookie } });
    expect(page.body).toContain('<th scope="col">Alerts</th>');
    const rowOf = (who: string) => new RegExp(`<tr><th scope="row">${who}<br>[\\s\\S]*?</tr>`).exec(page.body)?.[0] ?? '';
    expect(rowOf('Ana')).toMatch(/<td data-label="Alerts"><ul class="alerts-cell"><li><a href="\/alerts\/\d+\/"><strong>Moderate<\/strong>: Demonstration in Moscow<\/a><\/li><\/ul><\/td>/);
    expect(rowOf('Bo')).toContain('<td data-label="Alerts"><span class="small">None</span></td>');
    expect(page.body).not.toContain('Zed');
    const json = await suite.app.inject({ url: path(), headers: { cookie: suite.admin.cookie, accept: 'application/json' } });
    expect(json.json().exposure.find((e: { name: string }) => e.name === 'Ana').alerts).toEqual([{ id: expect.any(Number), headline: 'Demonstration in Moscow', severity: 'Moderate' }]);
  });

  it('exports the organisation\'s own people as CSV, formula cells defused, audited; admins only', async () => {
    const csv = await suite.app.inject({ url: `${path()}/who-is-where.csv`, headers: { cookie: suite.admin.cookie } });
    expect([csv.statusCode, csv.headers['content-type'], csv.headers['content-disposition'], csv.headers['cache-control']])
      .toEqual([200, 'text/csv; charset=utf-8', 'attachment; filename="who-is-where.csv"', 'no-store']);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.email).sort()).toEqual([`ana-${engine}@example.org`, `bo-${engine}@example.org`, `cy-${engine}@example.org`]);
    expect(rows.find((r) => r.email?.startsWith('ana'))).toMatchObject({ destination: 'Russia', destination_code: 'RU', under_way: 'yes', level: '', alerts: 'Moderate: Demonstration in Moscow' });
    expect(rows.find((r) => r.email?.startsWith('cy'))!.name).toBe('\'=HYPERLINK("http://evil.example","x")');
    const audit = await suite.store.db.selectFrom('audit_log').select(['actor_label', 'subject']).where('action', '=', 'organisation-exported').execute();
    expect(audit).toEqual([{ actor_label: `organisation admin manager@${engine}.uni.example`, subject: `organisation ${suite.organisationId}` }]);
    const member = await travellerSignIn(suite.app, suite.store, `ana-${engine}@example.org`);
    const refused = await suite.app.inject({ url: `${path()}/who-is-where.csv`, headers: { cookie: member.cookie } });
    expect([refused.statusCode, refused.body.includes('ana-')]).toEqual([404, false]);
    expect((await suite.app.inject({ url: `${path()}/who-is-where.csv` })).statusCode).toBe(303);
  });
});
