import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A publisher's site on loopback with many paths (an index and one document per country): each
 * path answers its body with an ETag (304 on If-None-Match), or the status set for it.
 */
export interface SiteServer {
  origin: string;
  pages: Map<string, { body: string; etag: string } | { status: number }>;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startSiteServer(): Promise<SiteServer> {
  const site: SiteServer = { origin: '', pages: new Map(), requests: [], close: async () => {} };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    site.requests.push(path);
    const page = site.pages.get(path);
    if (!page) return response.writeHead(404).end('not found');
    if ('status' in page) return response.writeHead(page.status).end(`error ${page.status}`);
    if (request.headers['if-none-match'] === page.etag) return response.writeHead(304, { etag: page.etag }).end();
    return response.writeHead(200, { 'content-type': 'application/json', etag: page.etag }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () => new Promise((resolve) => server.close(() => resolve()));
  return site;
}
