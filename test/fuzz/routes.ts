import type { FastifyInstance } from 'fastify';

/** One route the app registers: a method and its path template (`/api/v1/drafts/:id`). */
export interface Route {
  method: string;
  path: string;
}

/** Methods worth sending; HEAD is GET without the body, OPTIONS is not served. */
const FUZZED = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Every route the app registers, read from fastify's own route tree (`printRoutes` with
 * `commonPrefix: false`: one node per path segment, its methods in brackets). Reading the app
 * rather than a list kept here means a route added later is fuzzed without anyone remembering to.
 *
 * A line is `<indent><connector><segment> (<METHODS>)`, the indent four characters per level
 * ("│   " or four spaces); a node's path is its parent's path followed by its segment.
 */
export function routesOf(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ')) if (FUZZED.has(method)) routes.push({ method, path });
  }
  return routes;
}

/** The names of a path template's parameters, in order; `*` (a wildcard) is named `*`. */
export function paramsOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? '*');
}

/** The path with each parameter replaced by the (already encoded) text `fill` gives for it. */
export function fillPath(path: string, fill: (name: string, index: number) => string): string {
  let index = 0;
  return path.replace(/:([A-Za-z0-9_]+)|\*/g, (_all, name: string | undefined) => fill(name ?? '*', index++));
}

/** Who a request comes from, by the part of the site it is for. */
export type Area = 'staff-api' | 'console' | 'account' | 'public';

export function areaOf(path: string): Area {
  if (path.startsWith('/console')) return 'console';
  if (path.startsWith('/account') || path === '/preferences' || path === '/unsubscribe') return 'account';
  if (path.startsWith('/api/v1/')) return 'staff-api';
  return 'public';
}
