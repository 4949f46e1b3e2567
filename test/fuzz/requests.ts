import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { StaffRole } from '../../src/domain/roles.ts';
import { bodyArb, headerValueArb, textArb, wire, type BodySpec } from './arbitraries.ts';
import { areaOf, fillPath, paramsOf, type Route } from './routes.ts';
import { ROLES, type World } from './world.ts';

/** One generated request for a route, before it is put on the wire. */
export interface RequestSpec {
  params: { value: string; keepPercent: boolean }[];
  query: [string, string][];
  queryKeepPercent: boolean;
  body: BodySpec;
  headers: [string, string][];
  cookies: [string, string][];
  who: 'anonymous' | 'traveller' | StaffRole;
  /** Staff API only: the console session cookie (with X-CSRF-Token) instead of the bearer token. */
  viaSession: boolean;
  /** Send the identity's CSRF token (most of the time: without it little gets past the check). */
  csrf: boolean;
  /** POST only: first GET the same URL, and send the hidden fields and cookies its form carries. */
  followForm: boolean;
  remoteAddress: string;
}

const HEADER_NAMES = [
  'accept', 'if-match', 'if-none-match', 'x-csrf-token', 'origin', 'sec-fetch-site', 'referer', 'x-forwarded-for', 'authorization',
  'accept-encoding', 'accept-language', 'range', 'user-agent', 'content-type', 'x-requested-with', 'forwarded', 'host',
];
const COOKIE_NAMES = ['waypost_session', 'waypost_traveller', 'waypost_sign_in', 'waypost_link', '_ga', 'a'];

/** Who sends requests to each part of the site, mostly: the people it is for, sometimes anyone. */
function whoArb(route: Route): fc.Arbitrary<RequestSpec['who']> {
  const anyone = fc.constantFrom<RequestSpec['who']>('anonymous', 'traveller', ...ROLES);
  const area = areaOf(route.path);
  if (area === 'public') return anyone;
  const own = area === 'account' ? fc.constant<RequestSpec['who']>('traveller') : fc.constantFrom<RequestSpec['who']>(...ROLES);
  return fc.oneof({ weight: 3, arbitrary: own }, { weight: 1, arbitrary: anyone });
}

export function requestArb(world: World, route: Route): fc.Arbitrary<RequestSpec> {
  const own = world.routeNames.get(`${route.method} ${route.path}`) ?? [];
  const words = [...world.names, ...world.values];
  const text = textArb(world.routeValues.get(`${route.method} ${route.path}`) ?? [], words);
  const params = paramsOf(route.path).map((name) => fc.record({
    value: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(world.params[name]?.length ? world.params[name] : ['1'])) }, { weight: 2, arbitrary: text }),
    keepPercent: fc.boolean(),
  }));
  // The route's own field names most of the time, any other name the app uses sometimes, and junk.
  const name = fc.oneof(
    { weight: own.length ? 6 : 0, arbitrary: fc.constantFrom(...(own.length ? own : ['x'])) },
    { weight: 2, arbitrary: fc.constantFrom(...world.names) },
    { weight: 1, arbitrary: text },
  );
  return fc.record({
    params: fc.tuple(...params),
    query: fc.array(fc.tuple(name, text), { maxLength: 5 }),
    queryKeepPercent: fc.boolean(),
    body: route.method === 'GET' ? fc.constant<BodySpec>({ kind: 'none' }) : bodyArb(name, text),
    headers: fc.array(fc.tuple(fc.constantFrom(...HEADER_NAMES), headerValueArb(words)), { maxLength: 3 }),
    cookies: fc.array(fc.tuple(fc.constantFrom(...COOKIE_NAMES), text), { maxLength: 2 }),
    who: whoArb(route),
    viaSession: fc.boolean(),
    csrf: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    followForm: route.method === 'POST' ? fc.boolean() : fc.constant(false),
    remoteAddress: fc.constantFrom('198.51.100.7', '203.0.113.9', '2001:db8::5', '192.0.2.1'),
  });
}

/**
 * Besides the random requests, each route gets a sweep: every field name it reads, alone in a JSON
 * body, holding each shape that code written for a string or a list of objects trips over most
 * (`{"destinations":[null]}` was a 500). Sent as the person the route is for, with the CSRF token.
 */
export function shapeSweep(world: World, route: Route): RequestSpec[] {
  if (route.method === 'GET') return [];
  const own = world.routeNames.get(`${route.method} ${route.path}`) ?? [];
  const area = areaOf(route.path);
  const who: RequestSpec['who'] = area === 'account' ? 'traveller' : 'admin';
  const params = paramsOf(route.path).map((name) => ({ value: world.params[name]?.at(-1) ?? '1', keepPercent: false }));
  return own.flatMap((name) => SWEEP_SHAPES.map((shape): RequestSpec => ({
    params, query: [], queryKeepPercent: false, body: { kind: 'json', value: { [name]: shape } }, headers: [], cookies: [],
    who, viaSession: false, csrf: true, followForm: false, remoteAddress: '198.51.100.7',
  })));
}

const SWEEP_SHAPES: unknown[] = [[null], {}, [[]]];

/** Cookie values as a browser would send them: our own percent-encoded, sometimes with a bare `%`. */
function cookieHeader(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${name}=${wire(value, true).replace(/%3B/gi, '')}`).join('; ');
}

function hiddenFields(page: string): [string, string][] {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/.exec(page)?.[1] ?? '';
  return [...form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)].flatMap((input) => {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    return name ? [[name, /value="([^"]*)"/.exec(input[0])?.[1]?.replace(/&amp;/g, '&') ?? ''] as [string, string]] : [];
  });
}

/** Puts a generated request on the wire (light-my-request: the app's real HTTP handling, no socket). */
export async function send(world: World, route: Route, spec: RequestSpec): Promise<{ request: InjectOptions; response: LightMyRequestResponse }> {
  const path = fillPath(route.path, (_name, i) => wire(spec.params[i]!.value, spec.params[i]!.keepPercent) || '-');
  const query = spec.query.map(([k, v]) => `${wire(k, spec.queryKeepPercent)}=${wire(v, spec.queryKeepPercent)}`).join('&');
  const url = `${path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = {};
  const cookies: [string, string][] = [];
  const extraFields: [string, string][] = [];
  const area = areaOf(route.path);
  let csrf: string | undefined;
  if (spec.who === 'traveller') {
    cookies.push(['waypost_traveller', world.traveller.cookie.split('=')[1]!]);
    csrf = world.traveller.csrf;
  } else if (spec.who !== 'anonymous') {
    const staff = world.staff[spec.who];
    if (area === 'staff-api' && !spec.viaSession) headers.authorization = `Bearer ${staff.token}`;
    else {
      cookies.push(['waypost_session', staff.session.cookie.split('=')[1]!]);
      csrf = staff.session.csrf;
      if (spec.csrf) headers['x-csrf-token'] = csrf;
    }
  }
  if (spec.followForm) {
    const form = await world.app.inject({ url, headers: { cookie: cookieHeader(cookies) }, remoteAddress: spec.remoteAddress });
    extraFields.push(...hiddenFields(form.body));
    for (const c of form.cookies as { name: string; value: string }[]) cookies.push([c.name, c.value]);
  }
  if (spec.csrf && csrf) extraFields.push(['_csrf', csrf]);
  for (const [name, value] of spec.headers) headers[name] = value;
  const cookie = [cookieHeader(cookies), cookieHeader(spec.cookies)].filter(Boolean).join('; ');
  if (cookie) headers.cookie = cookie;

  let payload: string | undefined;
  const body = spec.body;
  const fields = (list: [string, string][]) => [...extraFields, ...list];
  if (body.kind === 'json') {
    const value = body.value && typeof body.value === 'object' && !Array.isArray(body.value) ? { ...Object.fromEntries(extraFields), ...body.value } : body.value;
    payload = JSON.stringify(value) ?? 'null';
    headers['content-type'] ??= 'application/json';
  } else if (body.kind === 'form') {
    payload = fields(body.fields).map(([k, v]) => `${wire(k)}=${wire(v, spec.queryKeepPercent)}`).join('&');
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (body.kind === 'multipart') {
    const boundary = 'fuzz-boundary-7MA4YWxkTrZu0gW';
    const part = (name: string, value: string, file = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '')}"${file}\r\n\r\n${value}\r\n`;
    payload = `${fields(body.fields).map(([k, v]) => part(k, v)).join('')}${part('file', body.file, '; filename="people.csv"')}--${boundary}--\r\n`;
    headers['content-type'] ??= `multipart/form-data; boundary=${boundary}`;
  } else if (body.kind === 'raw') {
    payload = body.text;
    if (body.contentType) headers['content-type'] ??= body.contentType;
  }
  const request: InjectOptions = { method: route.method as InjectOptions['method'], url, headers, remoteAddress: spec.remoteAddress, ...(payload === undefined ? {} : { payload }) };
  return { request, response: await world.app.inject(request) };
}

/** What no answer may show: a stack frame, or where the code lives on the server. */
export function leakIn(body: string): string | null {
  const frame = /\n\s+at [^\n]+:\d+:\d+\)?/.exec(body);
  if (frame) return `a stack frame (${frame[0].trim().slice(0, 120)})`;
  for (const marker of [process.cwd(), 'node_modules/', '/src/http/', '/src/store/', 'file:///']) if (body.includes(marker)) return `an internal path (${marker})`;
  return null;
}
