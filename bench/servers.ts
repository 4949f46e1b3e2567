/** The two servers the read benchmarks compare: `waypost serve` and Debian's nginx, as child processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGTERM')));

/** Ends with this process (SIGTERM on exit). */
export function adopt(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

/** `waypost serve` as users run it; on an empty database it loads the bundled advisories. */
export async function startWaypost(bin: string, port: number, env: NodeJS.ProcessEnv): Promise<string> {
  const child = adopt(spawn(process.execPath, [bin, 'serve', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'inherit'] }));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Waypost is serving') && resolve());
    child.once('exit', (code) => reject(new Error(`waypost exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

/**
 * nginx from Debian with one worker (Waypost is one process too), in `work`, serving `root`;
 * `http` adds directives to its http block (types, gzip_static), `server` to its server block.
 */
export async function startNginx(work: string, port: number, root: string, directives: { http: string; server?: string }): Promise<string> {
  const conf = join(work, 'nginx.conf');
  mkdirSync(join(work, 'nginx-tmp'), { recursive: true });
  writeFileSync(conf, `
worker_processes 1;
daemon off;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${work}/nginx-tmp/body;
  proxy_temp_path ${work}/nginx-tmp/proxy;
  fastcgi_temp_path ${work}/nginx-tmp/fastcgi;
  uwsgi_temp_path ${work}/nginx-tmp/uwsgi;
  scgi_temp_path ${work}/nginx-tmp/scgi;
  etag on;
  sendfile on;
${directives.http}
  server { listen 127.0.0.1:${port}; root ${root}; ${directives.server ?? ''} }
}
`);
  adopt(spawn('/usr/sbin/nginx', ['-c', conf, '-p', work], { stdio: 'inherit' }));
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return `http://127.0.0.1:${port}`;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('nginx did not start (is the Debian package installed? apt-get install nginx)');
}
