import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capDocument } from '../../src/alerts/cap.ts';
import { findAlert } from '../../src/alerts/records.ts';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { validateCap, xmllintAvailable } from '../helpers/xmllint.ts';
import { demonstration, inHours } from '../helpers/alerts-setup.ts';
import { addStaff, apiCall } from '../helpers/editorial-setup.ts';

const PUBLIC_URL = 'https://advice.example.org';
const CAP_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/** Alerts of every CAP category, updates, cancels, polygons, circles, several destinations. */
const VARIED: Record<string, unknown>[] = [
  demonstration(),
  demonstration({ destinations: ['JP'], regions: [], category: 'Geo', event: 'Earthquake', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', headline: 'Magnitude 7.1 earthquake near Sendai', area: { circle: '38.2682,140.8694 150' }, senderName: 'U.S. Embassy Tokyo', effective: inHours(-2, '+09:00'), expires: inHours(48, '+09:00') }),
  demonstration({ destinations: ['PH', 'JP', 'TW'], regions: [], category: 'Met', event: 'Typhoon', urgency: 'Expected', severity: 'Extreme', certainty: 'Likely', headline: 'Super typhoon approaching Luzon, Okinawa and Taiwan', area: { polygon: '14.5,120.9 26.2,127.7 25.0,121.5 18.0,122.0 14.5,120.9' }, senderName: 'U.S. Embassy Manila', onset: inHours(20, '+08:00'), effective: inHours(0, '+08:00'), expires: inHours(96, '+08:00') }),
  demonstration({ destinations: ['FR'], regions: ['FR-75'], category: 'Safety', event: 'Bridge closure', severity: 'Minor', certainty: 'Observed', headline: 'Pont Neuf closed to pedestrians', area: {}, senderName: 'U.S. Embassy Paris', instruction: null, effective: inHours(-1, '+01:00'), expires: inHours(12, '+01:00') }),
  demonstration({ destinations: ['NP'], regions: [], category: 'Rescue', event: 'Search and rescue', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', headline: 'Trekkers missing after avalanche on the Annapurna circuit', area: { circle: '28.5965,83.8203 25' }, senderName: 'U.S. Embassy Kathmandu', effective: inHours(-3, '+05:45'), expires: inHours(72, '+05:45') }),
  demonstration({ destinations: ['GR'], regions: [], category: 'Fire', event: 'Wildfire', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', headline: 'Wildfire on Rhodes: evacuation of the south coast', area: { polygon: '36.05,27.75 36.25,27.95 36.10,28.10 35.90,27.85 36.05,27.75' }, senderName: 'U.S. Embassy Athens', effective: inHours(-1, '+02:00'), expires: inHours(24, '+02:00') }),
  demonstration({ destinations: ['HT'], regions: [], category: 'Health', event: 'Cholera outbreak', urgency: 'Expected', severity: 'Moderate', certainty: 'Observed', headline: 'Cholera cases rising in Port-au-Prince', area: {}, senderName: 'U.S. Embassy Port-au-Prince', effective: inHours(0, '-05:00'), expires: inHours(24 * 30, '-05:00') }),
  demonstration({ destinations: ['IN'], regions: ['IN-DL'], category: 'Env', event: 'Air pollution', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely', headline: 'Severe air quality in Delhi', area: {}, senderName: 'U.S. Embassy New Delhi', effective: inHours(0, '+05:30'), expires: inHours(96, '+05:30') }),
  demonstration({ destinations: ['RU'], regions: [], category: 'Transport', event: 'Airport closure', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', headline: 'Sheremetyevo and Vnukovo airports closed', area: { circle: '55.9726,37.4146 40' }, effective: inHours(0), expires: inHours(8) }),
  demonstration({ destinations: ['ZA'], regions: [], category: 'Infra', event: 'Power outage', urgency: 'Expected', severity: 'Minor', certainty: 'Likely', headline: 'Rolling blackouts (load shedding stage 6)', area: {}, senderName: 'U.S. Embassy Pretoria', effective: inHours(0, '+02:00'), expires: inHours(48, '+02:00') }),
  demonstration({ destinations: ['UA'], regions: [], category: 'CBRNE', event: 'Chemical leak', urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed', headline: 'Ammonia leak at a plant near Sumy: stay indoors', area: { circle: '50.9077,34.7981 10' }, senderName: 'U.S. Embassy Kyiv', effective: inHours(0, '+02:00'), expires: inHours(6, '+02:00') }),
  demonstration({ destinations: ['KE'], regions: [], category: 'Other', event: 'Election', urgency: 'Future', severity: 'Minor', certainty: 'Possible', headline: 'General election: expect rallies and road closures', area: {}, senderName: 'U.S. Embassy Nairobi', effective: inHours(24 * 7, '+03:00'), expires: inHours(24 * 10, '+03:00') }),
  demonstration({ headline: 'Protest at "Café & Bar" <Tverskaya> – don\'t go', description: 'Text with <b>tags</b>, an ampersand & "quotes" and \'apostrophes\'.\nSecond line\twith a tab.', event: 'Demonstration & march' }),
  demonstration({ destinations: ['RU', 'BY', 'KZ'], regions: ['RU-MOW', 'Minsk'], category: 'Security', event: 'Mobilisation', severity: 'Severe', headline: 'Partial mobilisation: borders may close', area: { polygon: '55.0,37.0 56.5,37.0 56.5,38.5 55.0,38.5 55.0,37.0', circle: '53.9045,27.5615 30' } }),
  demonstration({ language: 'fr-FR', destinations: ['SN'], regions: [], category: 'Met', event: 'Inondations', headline: 'Inondations à Dakar', senderName: 'Ambassade à Dakar', web: 'https://sn.usembassy.gov/alerts/', area: {}, effective: inHours(0, '+00:00'), expires: inHours(24, '+00:00') }),
  demonstration({ destinations: ['MX'], regions: [], category: 'Security', event: 'Road blockades', onset: inHours(2, '-06:00'), instruction: null, contact: null, headline: 'Blockades on highway 15D', area: {}, effective: inHours(0, '-06:00'), expires: inHours(20, '-06:00') }),
];

describe.skipIf(!xmllintAvailable()).each(ENGINES)('CAP 1.2 documents validate against the OASIS schema on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'waypost-cap-'));
  const parser = new XMLParser({ ignoreAttributes: false, processEntities: true, parseTagValue: false });

  beforeAll(async () => {
    store = await createTestStore(engine);
    app = await buildApp({ store, config: { publicUrl: PUBLIC_URL } });
    token = (await addStaff(store, 'crisis@example.org', 'crisis')).token;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const call = () => apiCall(app);
  async function issue(body: Record<string, unknown>, url = '/api/v1/alerts'): Promise<{ id: number; identifier: string; sent: string }> {
    const response = await call()('POST', url, token, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }
  async function cap(id: number): Promise<string> {
    const response = await app.inject({ method: 'GET', url: `/feeds/alerts/${id}.cap` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/cap+xml; charset=utf-8');
    return response.body;
  }

  it('every category, updates, cancels, polygons, circles and several destinations: xmllint --schema accepts all of them', async () => {
    const issued = [];
    for (const body of VARIED) issued.push(await issue(body));
    // Updates and cancels, through each of the three ways to issue one.
    const first = issued[0]!;
    issued.push(await issue({ expires: inHours(40), headline: 'Demonstration in Moscow moved to Sunday' }, `/api/v1/alerts/${first.id}/update`));
    issued.push(await issue({ note: 'The search was called off: all trekkers found.' }, `/api/v1/alerts/${issued[4]!.id}/cancel`));
    issued.push(await issue({ ...VARIED[1], msgType: 'Update', references: [issued[1]!.identifier], severity: 'Moderate', headline: 'Aftershocks expected near Sendai' }));
    issued.push(await issue({ ...VARIED[9], msgType: 'Cancel', references: [issued[9]!.id], note: 'Power restored.' }));
    // Exercise and Test messages are not public, so their documents come from the same writer directly.
    const exercise = await issue({ ...demonstration(), status: 'Exercise', headline: 'EXERCISE: evacuation drill' });
    const test = await issue({ ...demonstration(), status: 'Test', headline: 'TEST message, please ignore' });
    expect((await app.inject(`/feeds/alerts/${exercise.id}.cap`)).statusCode).toBe(404);

    const files: string[] = [];
    for (const { id } of issued) {
      const file = join(dir, `${engine}-${id}.cap`);
      writeFileSync(file, await cap(id));
      files.push(file);
    }
    for (const { id } of [exercise, test]) {
      const file = join(dir, `${engine}-${id}.cap`);
      writeFileSync(file, capDocument((await findAlert(store.db, id))!));
      files.push(file);
    }
    expect(files.length).toBeGreaterThanOrEqual(20);
    const verdict = await validateCap(files);
    expect(verdict.ok, verdict.output).toBe(true);
    // xmllint names each file it validated: none was skipped.
    expect(verdict.output.match(/ validates$/gm)?.length).toBe(files.length);

    const categories = new Set<string>();
    for (const { id } of issued) categories.add((parser.parse(await cap(id)) as { alert: { info: { category: string } } }).alert.info.category);
    expect([...categories].sort()).toEqual(['CBRNE', 'Env', 'Fire', 'Geo', 'Health', 'Infra', 'Met', 'Other', 'Rescue', 'Safety', 'Security', 'Transport']);
  });

  it('writes the CAP fields: namespace, times with an offset and no fraction, references, area, geocodes, escaped text', async () => {
    const original = await issue(demonstration({ headline: 'Rally at "Café & Bar" <Tverskaya>', description: 'Tags <script>x</script> & "quotes"\nline two' }));
    const update = await issue({ headline: 'Rally moved', area: { polygon: '55.70,37.50 55.80,37.50 55.80,37.70 55.70,37.50' } }, `/api/v1/alerts/${original.id}/update`);
    const xml = await cap(update.id);
    const doc = parser.parse(xml) as { alert: Record<string, unknown> & { info: Record<string, unknown> & { area: Record<string, unknown> } } };
    const alert = doc.alert;
    expect(alert['@_xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(alert.identifier).toBe(update.identifier);
    expect(alert.identifier).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(alert.sender).toBe('alerts@advice.example.org');
    expect(alert.sent).toMatch(CAP_TIME);
    expect(alert.sent).toMatch(/\+00:00$/);
    expect(alert.status).toBe('Actual');
    expect(alert.msgType).toBe('Update');
    expect(alert.scope).toBe('Public');
    expect(alert.references).toBe(`alerts@advice.example.org,${original.identifier},${original.sent.slice(0, 19)}+00:00`);
    const info = alert.info;
    expect(info).toMatchObject({ language: 'en', category: 'Security', event: 'Demonstration', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely', senderName: 'U.S. Embassy Moscow', headline: 'Rally moved' });
    expect(info.description).toBe('Tags <script>x</script> & "quotes"\nline two');
    expect(info.effective).toMatch(CAP_TIME);
    expect(info.expires).toMatch(CAP_TIME);
    expect(info.web).toBe(`${PUBLIC_URL}/alerts/${update.id}/`);
    expect(info.area).toMatchObject({ areaDesc: 'Moskva (RU-MOW), Russia', polygon: '55.70,37.50 55.80,37.50 55.80,37.70 55.70,37.50', circle: '55.7558,37.6173 5' });
    expect(info.area.geocode).toEqual([{ valueName: 'ISO 3166-1 alpha-2', value: 'RU' }, { valueName: 'ISO 3166-2', value: 'RU-MOW' }]);
    // The raw text is escaped, never raw markup.
    const originalXml = await cap(original.id);
    expect(originalXml).toContain('<headline>Rally at &quot;Café &amp; Bar&quot; &lt;Tverskaya&gt;</headline>');
    expect(originalXml).not.toContain('<script>');
    // The effective time given as +03:00 is the same instant in UTC.
    const effective = demonstration().effective as string;
    expect(Date.parse(String(parser.parse(originalXml).alert.info.effective))).toBe(Math.floor(Date.parse(effective) / 1000) * 1000);
    const verdict = await validateCap([join(dir, 'x.cap')].map((file) => (writeFileSync(file, xml), file)));
    expect(verdict.ok, verdict.output).toBe(true);
  });

  it('refuses control characters instead of writing a document XML cannot carry', async () => {
    const response = await call()('POST', '/api/v1/alerts', token, demonstration({ headline: 'Bell\u0007 here', description: 'escape \u001b byte' }));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual(expect.arrayContaining([
      { field: 'headline', message: 'must be one line without control characters' },
      { field: 'description', message: 'contains control characters' },
    ]));
    // NUL is refused before any route runs (src/http/text-guard.ts), with the same status.
    const nul = await call()('POST', '/api/v1/alerts', token, demonstration({ description: 'null \u0000 byte' }));
    expect([nul.statusCode, nul.json().errors]).toEqual([400, [expect.objectContaining({ field: 'body.description' })]]);
  });
});
