import type { FastifyInstance } from 'fastify';
import { areaOf, fillPath } from './routes.ts';
import { heal, ROLES, type World } from './world.ts';

/**
 * The fuzzer's dictionary, read from the running app rather than written down here: path
 * parameter values that name seeded records (per engine); field names and values from the OpenAPI document and
 * from every form on every page; and, for the routes neither describes (account routes take JSON
 * too), the names each route's own code reads from its body and query, watched through a Proxy
 * while it answers a few learning requests. A route that starts reading a new field is fuzzed on
 * it without anyone editing this suite.
 */
export async function harvestParams(world: World): Promise<void> {
  const { app, store } = world;
  const mails = await store.db.selectFrom('outbox_messages').select('text_body').execute();
  const tokens = mails.flatMap((m) => [...m.text_body.matchAll(/\/account\/link\/([A-Za-z0-9_.-]+)/g)].map((t) => t[1]!));
  const home = await app.inject({ url: '/' });
  const assets = [...home.body.matchAll(/\/assets\/([^"?#]+)/g)].map((m) => m[1]!);
  world.params = {
    id: await recentIds(world), code: ['RU', 'ru', 'RUS', 'FR', 'GB'], slug: ['russia', 'france'], n: ['1', '2'], level: ['1', '4'],
    file: assets.length ? assets : ['site.css'], token: tokens.length ? tokens : ['x'], '*': ['index.html', 'json'],
  };
}

/** What the fuzzer knows of the app's words; the same on both engines, so learnt once (on the first). */
export interface Dictionary {
  /** Field and query names seen anywhere: forms, the OpenAPI document, what routes read. */
  names: string[];
  /** The names each route's own forms, OpenAPI operation and code use, by `METHOD path`. */
  routeNames: Map<string, string[]>;
  /** The values each route's own forms offer or fill in (select options, a record's current values). */
  routeValues: Map<string, string[]>;
  /** Values seen anywhere (select options, enumerations). */
  values: string[];
}

export async function learnDictionary(world: World): Promise<Dictionary> {
  const { app } = world;
  const dictionary: Dictionary = { names: [], routeNames: new Map(), routeValues: new Map(), values: [] };
  const names = new Set<string>();
  const values = new Set([...world.params.id!, 'RU', 'RU-MOW', 'on', 'major', 'minor', '2030-01-01']);
  const byRoute = new Map<string, Set<string>>();
  const namesOf = (key: string) => byRoute.get(key) ?? byRoute.set(key, new Set()).get(key)!;
  const byRouteValues = new Map<string, Set<string>>();
  const valuesOf = (key: string) => byRouteValues.get(key) ?? byRouteValues.set(key, new Set()).get(key)!;
  /** The route template a concrete URL (or an OpenAPI path) belongs to, or '' for none. */
  const keyOf = (method: string, url: string) => {
    const path = url.split('?')[0]!.replace(/\{([^}]+)\}/g, ':$1');
    return world.routes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[A-Za-z0-9_]+/g, '[^/]+').replace(/\*/g, '.*')}$`).test(path))?.path ?? '';
  };
  const routeOf = (method: string, url: string) => namesOf(`${method} ${keyOf(method, url)}`);

  const spec = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  walkSpec(spec, names, values);
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) walkSpec(operation, routeOf(method.toUpperCase(), path), values);
  }

  // Every page a signed-in person can open (GET routes with good parameters), as each kind of person.
  const cookies = [world.traveller.cookie, ...ROLES.map((role) => world.staff[role].session.cookie)];
  for (const route of world.routes.filter((r) => r.method === 'GET' && (r.path.startsWith('/console') || r.path.startsWith('/account')))) {
    const url = fillPath(route.path, (name) => world.params[name]?.[0] ?? '1');
    for (const cookie of route.path.startsWith('/console') ? cookies.slice(1) : cookies.slice(0, 1)) {
      const page = await app.inject({ url, headers: { cookie } });
      for (const form of page.body.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
        const action = form[1]!.replace(/&amp;/g, '&');
        const own = routeOf('POST', action);
        for (const m of form[2]!.matchAll(/\bname="([^"]{1,60})"/g)) own.add(m[1]!);
        const ownValues = valuesOf(`POST ${keyOf('POST', action)}`);
        for (const m of form[2]!.matchAll(/\bvalue="([^"]{1,60})"/g)) ownValues.add(m[1]!);
      }
      for (const m of page.body.matchAll(/<option[^>]*\bvalue="([^"]{1,60})"/g)) values.add(m[1]!);
    }
  }

  await learnByWatching(world, namesOf);
  for (const [key, own] of byRoute) {
    own.delete('_csrf'); // sent deliberately, with or without the right token
    dictionary.routeNames.set(key, [...own]);
    for (const name of own) names.add(name);
  }
  for (const [key, own] of byRouteValues) dictionary.routeValues.set(key, [...own]);
  dictionary.names = [...names];
  dictionary.values = [...values];
  return dictionary;
}

/** Small ids and the newest records' ids, so `:id` parameters often name something that exists. */
export async function recentIds(world: World): Promise<string[]> {
  const ids = new Set(['1', '2', '3']);
  for (const table of ['drafts', 'alerts', 'trips', 'organisations', 'channels', 'subscriptions', 'users', 'api_tokens', 'events', 'outbox_messages', 'organisation_invitations'] as const) {
    for (const row of await world.store.db.selectFrom(table).select('id').orderBy('id', 'desc').limit(2).execute()) ids.add(String(row.id));
  }
  return [...ids];
}

/** Property names, parameter names and enumerations anywhere in (a part of) the OpenAPI document. */
function walkSpec(node: unknown, names: Set<string>, values: Set<string>): void {
  const stack = [node];
  while (stack.length) {
    const item = stack.pop();
    if (Array.isArray(item)) stack.push(...item);
    else if (item && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      if (record.properties && typeof record.properties === 'object') for (const key of Object.keys(record.properties)) names.add(key);
      if (record.in === 'query' && typeof record.name === 'string') names.add(record.name);
      for (const v of [record.enum, record.const].flat()) if (typeof v === 'string' || typeof v === 'number') values.add(String(v));
      stack.push(...Object.values(record));
    }
  }
}

/** Wraps a parsed body or query so every property the route reads (at any depth) is noted. */
function watched(value: unknown, seen: Set<string>): unknown {
  if (!value || typeof value !== 'object') return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !/^\d+$/.test(key) && key !== 'length') seen.add(key);
      return watched(Reflect.get(target, key, receiver), seen);
    },
  });
}

/**
 * Sends each route a few requests as the person it is for (the traveller for account routes, an
 * admin elsewhere), with a hook on the app noting what the route reads: first an empty body, then
 * one naming everything read so far, so fields read only once earlier ones are present show up too.
 */
async function learnByWatching(world: World, namesOf: (key: string) => Set<string>): Promise<void> {
  for (const route of world.routes) {
    const key = `${route.method} ${route.path}`;
    const own = namesOf(key);
    const url = fillPath(route.path, (name) => world.params[name]?.[0] ?? '1');
    const traveller = areaOf(route.path) === 'account';
    // The previous route may have signed the identity out (sign-out, account deletion).
    await heal(world);
    for (const filler of ['', 'RU', '2030-01-01']) {
      const identity = traveller ? world.traveller : { cookie: world.staff.admin.session.cookie, csrf: world.staff.admin.session.csrf };
      const fields = Object.fromEntries([...own].map((name) => [name, filler]));
      for (const form of route.method === 'GET' ? [false] : [false, true]) {
        world.watching.names = own;
        const query = route.method === 'GET' ? `?${new URLSearchParams(fields).toString()}` : '';
        const body = { ...fields, _csrf: identity.csrf };
        await world.app.inject({
          method: route.method as 'GET',
          url: `${url}${query}`,
          headers: { cookie: identity.cookie, 'x-csrf-token': identity.csrf, 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...(traveller ? {} : { authorization: `Bearer ${world.staff.admin.token}` }) },
          ...(route.method === 'GET' ? {} : { payload: form ? new URLSearchParams(body).toString() : JSON.stringify(body) }),
        });
        world.watching.names = null;
      }
    }
  }
}

/** Where the watch hook notes names: a set while learning, null (the hook does nothing) otherwise. */
export interface Watching {
  names: Set<string> | null;
}

/**
 * Must be added after buildApp and before the first request (fastify refuses hooks once ready); it
 * then applies to every route. It runs after the text guard (added first), so only what the
 * validator and the route itself read is noted.
 */
export function addWatchHook(app: FastifyInstance): Watching {
  const watching: Watching = { names: null };
  app.addHook('preValidation', async (request) => {
    const seen = watching.names;
    if (!seen) return;
    request.body = watched(request.body, seen);
    request.query = watched(request.query, seen);
  });
  return watching;
}
