import type { FastifyInstance } from 'fastify';

/**
 * Every GET route the app has registered, as its pattern ("/console/drafts/:id/edit"), read from
 * Fastify's own route tree (printRoutes) so that a test can check a list of pages against the
 * routes that exist rather than against someone's memory of them (test/e2e/overflow.test.ts).
 */
export function getRoutes(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ method: 'GET', commonPrefix: false });
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    // "│   ├── /sign-in (GET)": four characters of tree drawing per level, then the segment.
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    if (match[3]?.split(', ').includes('GET')) routes.push(path);
  }
  return routes;
}
