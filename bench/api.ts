/**
 * Throughput of GET /api/v1/advisories/RU served by Waypost, against nginx serving the very same
 * JSON bytes as a static file, in the same run, with the same connections and duration.
 * Prints the median requests/s of each over several alternating rounds, and their ratio.
 *
 *   node bench/api.ts [--rounds 5] [--seconds 10] [--connections 50] [--database sqlite|postgres]
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    database: { type: 'string', default: 'sqlite' },
    path: { type: 'string', default: '/api/v1/advisories/RU' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const work = mkdtempSync(join(tmpdir(), 'waypost-bench-api-'));
// mkdtemp makes a private folder; nginx's workers run as another user and must read the file.
chmodSync(work, 0o755);
const WAYPOST_PORT = 3791;
const NGINX_PORT = 3792;

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGTERM')));

async function startWaypost(): Promise<string> {
  const databaseUrl = options.database === 'postgres' ? (process.env.BENCH_DATABASE_URL ?? 'postgres://localhost/test') : `sqlite:${join(work, 'bench.db')}`;
  const child = spawn(process.execPath, [new URL('../bin/waypost.js', import.meta.url).pathname, 'serve', '--port', String(WAYPOST_PORT)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Waypost is serving') && resolve());
    child.once('exit', (code) => reject(new Error(`waypost exited with ${code}`)));
  });
  return `http://127.0.0.1:${WAYPOST_PORT}`;
}

/** nginx from Debian with one worker (Waypost is one process too), serving one static JSON file. */
async function startNginx(body: Buffer): Promise<string> {
  const root = join(work, 'static');
  const file = join(root, options.path!.replace(/^\//, ''));
  await import('node:fs/promises').then((fs) => fs.mkdir(join(file, '..'), { recursive: true }));
  writeFileSync(file, body);
  const conf = join(work, 'nginx.conf');
  writeFileSync(conf, `
worker_processes 1;
daemon off;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  types { application/json json; }
  default_type application/json;
  etag on;
  server { listen 127.0.0.1:${NGINX_PORT}; root ${root}; }
}
`);
  const child = spawn('nginx', ['-c', conf, '-p', work], { stdio: 'inherit' });
  children.push(child);
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${NGINX_PORT}${options.path}`)).ok) return `http://127.0.0.1:${NGINX_PORT}`;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('nginx did not start (is the Debian package installed? apt-get install nginx)');
}

async function requestsPerSecond(base: string): Promise<number> {
  const result = await autocannon({ url: `${base}${options.path}`, connections, duration: seconds });
  // A connection cut at the very end of a round is noise; anything more means a broken server.
  if (result.non2xx || result.errors > result.requests.total / 1000) {
    throw new Error(`${base}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return result.requests.average;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const waypost = await startWaypost();
const body = Buffer.from(await (await fetch(`${waypost}${options.path}`)).arrayBuffer());
const nginx = await startNginx(body);
const check = Buffer.from(await (await fetch(`${nginx}${options.path}`)).arrayBuffer());
if (!check.equals(body)) throw new Error('nginx does not serve the same bytes');

console.log(`GET ${options.path} (${body.length} bytes), ${connections} connections, ${seconds} s a round, ${rounds} rounds, database ${options.database}`);
await requestsPerSecond(waypost); // warm-up: JIT, caches
const results = { waypost: [] as number[], nginx: [] as number[] };
for (let round = 1; round <= rounds; round++) {
  results.waypost.push(await requestsPerSecond(waypost));
  results.nginx.push(await requestsPerSecond(nginx));
  console.log(`round ${round}: waypost ${results.waypost.at(-1)!.toFixed(0)} req/s, nginx ${results.nginx.at(-1)!.toFixed(0)} req/s`);
}
const ratio = median(results.waypost) / median(results.nginx);
console.log(`median: waypost ${median(results.waypost).toFixed(0)} req/s, nginx ${median(results.nginx).toFixed(0)} req/s, ratio ${ratio.toFixed(2)} (target >= 0.5)`);
process.exit(0);
