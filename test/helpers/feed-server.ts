import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A publisher's web server on loopback whose answer each test sets: a feed with an ETag (answering
 * If-None-Match with 304), an error status, silence, an HTML page or a body cut short.
 */
export type Answer =
  | { kind: 'feed'; body: string; etag: string }
  | { kind: 'status'; status: number }
  | { kind: 'silence' }
  | { kind: 'html'; body: string }
  | { kind: 'truncated'; body: string }
  | { kind: 'endless' };

export interface FeedServer {
  url: string;
  answer: Answer;
  /** Requests received, with the conditional headers they carried. */
  requests: { ifNoneMatch: string | undefined; ifModifiedSince: string | undefined }[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const state: FeedServer = { url: '', answer: { kind: 'status', status: 404 }, requests: [], close: async () => {} };
  const hanging = new Set<ServerResponse>();
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    state.requests.push({ ifNoneMatch: request.headers['if-none-match'], ifModifiedSince: request.headers['if-modified-since'] });
    const answer = state.answer;
    switch (answer.kind) {
      case 'feed':
        if (request.headers['if-none-match'] === answer.etag) return response.writeHead(304, { etag: answer.etag }).end();
        return response.writeHead(200, { 'content-type': 'application/rss+xml', etag: answer.etag, 'last-modified': 'Wed, 19 Nov 2025 10:00:00 GMT' }).end(answer.body);
      case 'status':
        return response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(`error ${answer.status}`);
      case 'silence':
        hanging.add(response);
        return undefined;
      case 'html':
        return response.writeHead(200, { 'content-type': 'text/html' }).end(answer.body);
      case 'truncated':
        response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(Buffer.byteLength(answer.body) * 2) });
        response.write(answer.body);
        // The connection drops mid-body.
        return setTimeout(() => response.socket?.destroy(), 20);
      case 'endless': {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = `<!-- ${'x'.repeat(16 * 1024)} -->`;
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        return pump();
      }
    }
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  state.close = async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
