import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { connect } from '../../src/store/connect.ts';
import { ENGINES } from '../helpers/databases.ts';
import { leakIn, requestArb, send, shapeSweep } from './requests.ts';
import { routesOf } from './routes.ts';
import type { Dictionary } from './harvest.ts';
import { closeWorld, createWorld, heal, type World } from './world.ts';

/**
 * Every route the app registers, public, account, staff API and console, gets generated path
 * parameters, query strings, bodies (JSON, forms, multipart, raw), headers and cookies, as nobody,
 * the signed-in traveller and staff of each role. No answer may be a 5xx or show a stack frame or
 * a server path. The seed is fixed, so a run is repeatable; FUZZ_RUNS (default 12) sets the requests
 * per route and engine, FUZZ_SEED another seed (docs/security.md#fuzzing).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20260611);
if (!Number.isSafeInteger(RUNS) || RUNS < 0 || !Number.isSafeInteger(SEED)) throw new Error('FUZZ_RUNS and FUZZ_SEED are whole numbers');

/** Each route its own seed, derived from the run's: the same requests every run, different ones per route. */
function seedOf(name: string): number {
  let hash = SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

// The route table does not depend on the engine: read it once, from an app on an empty database.
const listing = connect('sqlite::memory:');
const ROUTES = routesOf(await buildApp({ store: listing, config: { publicUrl: 'http://waypost.test', metricsToken: 'x'.repeat(16) } }));
await listing.close();

describe('the route table the fuzzer reads', () => {
  it('holds every part of the site', () => {
    const names = ROUTES.map((r) => `${r.method} ${r.path}`);
    for (const expected of ['GET /api/v1/advisories/:code/revisions/:n', 'PATCH /api/v1/drafts/:id', 'POST /account/link/:token', 'POST /account/trips', 'POST /console/sign-in', 'GET /feeds/advisories/:code.atom', 'GET /healthz']) {
      expect(names).toContain(expected);
    }
    expect(ROUTES.length).toBeGreaterThan(100);
  });

  it('and the leak check sees a stack frame or a server path, not an ordinary page', () => {
    expect(leakIn(`TypeError: x is null\n    at tripInput (${process.cwd()}/src/http/account/trips.ts:31:7)`)).toMatch(/stack frame/);
    expect(leakIn(`{"detail":"ENOENT: ${process.cwd()}/data/waypost.db"}`)).toMatch(/internal path/);
    expect(leakIn('<p>Leave now. Stay at least 10 km away.</p>')).toBeNull();
  });
});

// What routes read is the same on every engine: learnt on the first (SQLite), reused on the next.
let dictionary: Dictionary | undefined;

describe.each(ENGINES)('fuzzing every route on %s', (engine) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(engine, dictionary);
    dictionary ??= world;
  }, 120_000);
  afterAll(() => closeWorld(world));

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: no 5xx, nothing leaks', async (_name, route) => {
    await heal(world);
    // Examples count towards numRuns in fast-check: the sweep comes on top of the random requests.
    const examples = shapeSweep(world, route).map((spec) => [spec] as [typeof spec]);
    await fc.assert(fc.asyncProperty(requestArb(world, route), async (spec) => {
      const { request, response } = await send(world, route, spec);
      const shown = `${request.method} ${String(request.url).slice(0, 300)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
      expect(response.statusCode, shown).toBeLessThan(500);
      expect(leakIn(response.body), shown).toBeNull();
    }), { seed: seedOf(route.method + route.path), numRuns: RUNS + examples.length, examples, endOnFailure: true });
  }, 120_000);
});
