import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's nginx; under CI=true its absence is a failure, as for Chromium and PostgreSQL. */
export function nginxAvailable(): boolean {
  const found = spawnSync('nginx', ['-v']).status === 0;
  if (!found && process.env.CI === 'true') throw new Error('nginx is required under CI=true (apt-get install nginx)');
  return found;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * One nginx worker, unprivileged, in a folder of its own, running `server` (the directives inside
 * a `server { }` block, without `listen`) on a free loopback port. Types by extension as Debian's.
 */
export async function startNginx(server: string): Promise<{ url: string; stop: () => void }> {
  const work = mkdtempSync(join(tmpdir(), 'waypost-nginx-'));
  const port = await freePort();
  mkdirSync(join(work, 'tmp'));
  writeFileSync(join(work, 'nginx.conf'), `
worker_processes 1;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${work}/tmp/body;
  proxy_temp_path ${work}/tmp/proxy;
  fastcgi_temp_path ${work}/tmp/fastcgi;
  uwsgi_temp_path ${work}/tmp/uwsgi;
  scgi_temp_path ${work}/tmp/scgi;
  types {
    text/html html; text/css css; text/javascript js; application/json json; text/csv csv;
    application/atom+xml atom; application/rss+xml rss; application/geo+json geojson;
  }
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css text/javascript text/csv application/json application/atom+xml application/rss+xml application/geo+json;
  server {
    listen 127.0.0.1:${port};
${server}
  }
}
`);
  const child: ChildProcess = spawn('nginx', ['-c', join(work, 'nginx.conf'), '-p', work], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return { url, stop: () => { child.kill('SIGTERM'); rmSync(work, { recursive: true, force: true }); } };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGTERM');
  throw new Error(`nginx did not start: ${readFileSync(join(work, 'error.log'), 'utf8')}`);
}
