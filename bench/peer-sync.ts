/**
 * A full sync of the three sources, ~220 countries each, from a local HTTP server: the State
 * Department's bundled feed (211 items), a GOV.UK index with 220 country documents and a Canada
 * index with 220 cta-cap documents, synthesised from the samples in test/fixtures (each country's
 * name, slug or ISO code put in; every fifth one at a different level). Each round uses a fresh
 * database. The reference, measured in the same run against the same server: fetching the same
 * 443 documents with plain fetch() and JSON.parse, the floor any sync pays before writing anything.
 *
 *   node bench/peer-sync.ts [--rounds 3] [--database sqlite|postgres]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DESTINATIONS } from '../src/domain/destinations.ts';
import { BUNDLED_FEED } from '../src/sources/bundled.ts';
import { sourceNamed } from '../src/sources/sync/registry.ts';
import { syncSource } from '../src/sources/sync/sync.ts';
import { startSiteServer } from '../test/helpers/site-server.ts';
import { median, openBenchStore } from './notify-fixtures.ts';

const { values: options } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, database: { type: 'string', default: 'sqlite' } } });
const fixture = (path: string) => readFileSync(new URL(`../test/fixtures/${path}`, import.meta.url), 'utf8');
const COUNTRIES = DESTINATIONS.filter((d) => d.code !== 'XK').slice(0, 220);
const UK_ALERTS = [[], ['avoid_all_but_essential_travel_to_parts'], ['avoid_all_but_essential_travel_to_whole_country'], [], ['avoid_all_travel_to_whole_country']];

const site = await startSiteServer();
const ukTemplate = fixture('uk-fcdo/example-alt-country.json');
const caTemplate = fixture('canada/cta-cap-tt-2026-09-24.json');
site.pages.set('/feed.xml', { body: readFileSync(BUNDLED_FEED, 'utf8'), etag: '"us"' });
site.pages.set('/api/content/foreign-travel-advice', { etag: '"uk"', body: JSON.stringify({ document_type: 'finder', links: { children: COUNTRIES.map((d) => ({ api_path: `/api/content/foreign-travel-advice/${d.slug}` })) } }) });
site.pages.set('/travel-voyage/index-alpha-eng.json', { etag: '"ca"', body: JSON.stringify({ data: Object.fromEntries(COUNTRIES.map((d) => [d.code, { 'advisory-state': 1 }])) }) });
COUNTRIES.forEach((d, i) => {
  const uk = JSON.parse(ukTemplate) as { base_path: string; details: { country: { name: string; slug: string }; alert_status: string[] } };
  uk.base_path = `/foreign-travel-advice/${d.slug}`;
  uk.details.country = { name: d.name, slug: d.slug };
  uk.details.alert_status = UK_ALERTS[i % UK_ALERTS.length]!;
  site.pages.set(`/api/content/foreign-travel-advice/${d.slug}`, { body: JSON.stringify(uk), etag: `"uk-${d.code}"` });
  const ca = JSON.parse(caTemplate) as { data: { 'country-iso': string; 'advisory-state': number } };
  ca.data['country-iso'] = d.code;
  ca.data['advisory-state'] = i % 4;
  site.pages.set(`/travel-voyage/cta-cap-${d.code.toLowerCase()}.json`, { body: JSON.stringify(ca), etag: `"ca-${d.code}"` });
});
const paths = [...site.pages.keys()];

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

const FETCH = { timeoutMs: 30_000, retries: 2, backoffMs: 10, maxBytes: 50 * 1024 * 1024 };
const totals: number[] = [];
const bySource: Record<string, number[]> = { 'us-state-dept': [], 'uk-fcdo': [], canada: [] };
const references: number[] = [];
let counts = '';
for (let round = 0; round < Number(options.rounds); round++) {
  references.push(await seconds(async () => {
    for (let i = 0; i < paths.length; i += 8) {
      await Promise.all(paths.slice(i, i + 8).map(async (path) => {
        const body = await (await fetch(`${site.origin}${path}`)).text();
        if (path.endsWith('.xml')) return body.length;
        return JSON.parse(body) as unknown;
      }));
    }
  }));
  const bench = await openBenchStore(options.database, 'peers');
  try {
    const reports: string[] = [];
    totals.push(await seconds(async () => {
      for (const [name, path] of [['us-state-dept', '/feed.xml'], ['uk-fcdo', '/api/content/foreign-travel-advice'], ['canada', '/travel-voyage/index-alpha-eng.json']] as const) {
        let result;
        bySource[name]!.push(await seconds(async () => {
          result = await syncSource(bench.store.db, sourceNamed(name), { url: `${site.origin}${path}`, fetch: FETCH });
        }));
        const r = result!.report;
        if (result!.outcome !== 'imported' || !r) throw new Error(`${name}: ${result!.outcome} ${result!.error ?? ''}`);
        reports.push(`${name}: ${r.items} read, ${r.created} created, ${r.unmapped.length} not mapped`);
      }
    }));
    counts = reports.join('; ');
  } finally {
    await bench.dispose();
  }
}
await site.close();

const total = median(totals);
const reference = median(references);
console.log(`database: ${options.database}, rounds: ${options.rounds}, documents served: ${paths.length}`);
console.log(counts);
for (const [name, times] of Object.entries(bySource)) console.log(`${name.padEnd(14)} ${median(times).toFixed(2)} s`);
console.log(`full sync (all three) ${total.toFixed(2)} s (target ≤ 60 s)`);
console.log(`reference: fetch + JSON.parse of the same ${paths.length} documents ${reference.toFixed(2)} s; ratio ${(total / reference).toFixed(1)}×`);
