/**
 * Public reads, compressed: `waypost serve` (SQLite, the bundled advisories) against nginx
 * (Debian, one worker, `gzip_static on`, `sendfile on`) serving the very same gzip bytes, in the
 * same run, same connections and duration, rounds alternating after a warm-up; medians and ratio
 * for the advisory list, the home page and one advisory, every request with `Accept-Encoding: gzip`.
 * Then /healthz latency while the list is under load (the load from a child process, so the
 * probe's own event loop is idle).
 *
 *   node bench/public-read.ts [--rounds 5] [--seconds 10] [--connections 50] [--bin path/to/waypost.js]
 *
 * `--bin` benchmarks another checkout (e.g. an older commit); if it sends no gzip, nginx gets
 * this process's gzip of its identity body and the run says so.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { adopt, startNginx, startWaypost } from './servers.ts';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    bin: { type: 'string', default: new URL('../bin/waypost.js', import.meta.url).pathname },
    load: { type: 'string' },
  },
});
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const GZIP = { 'accept-encoding': 'gzip' };

// Child mode: only generate load on one URL, then exit (see healthzUnderLoad).
if (options.load) {
  await autocannon({ url: options.load, connections, duration: seconds, headers: GZIP });
  process.exit(0);
}

const rounds = Number(options.rounds);
const work = mkdtempSync(join(tmpdir(), 'waypost-bench-read-'));
// mkdtemp makes a private folder; nginx's workers run as another user and must read the files.
chmodSync(work, 0o755);
const WAYPOST_PORT = 3795;
const NGINX_PORT = 3796;
/** Live path → the file nginx serves for it (the layout of `waypost export-site`). */
const TARGETS: [string, string][] = [
  ['/api/v1/advisories', '/api/v1/advisories.json'],
  ['/', '/index.html'],
  ['/api/v1/advisories/RU', '/api/v1/advisories/RU.json'],
];

/** A GET that keeps the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** Writes each target's identity and gzip bytes, as Waypost sends them, where nginx serves them. */
async function copyForNginx(waypost: string, root: string): Promise<void> {
  for (const [path, file] of TARGETS) {
    const identity = await rawGet(waypost + path);
    const zipped = await rawGet(waypost + path, GZIP);
    if (identity.status !== 200 || zipped.status !== 200) throw new Error(`${path}: ${identity.status}/${zipped.status}`);
    let gz = zipped.body;
    if (zipped.encoding !== 'gzip') {
      console.log(`note: ${path} came back without gzip from ${options.bin}; nginx serves this process's gzip of it`);
      gz = gzipSync(identity.body, { level: 9 });
    } else if (!gunzipSync(gz).equals(identity.body)) {
      throw new Error(`${path}: the gzip body does not decompress to the identity body`);
    }
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), identity.body);
    writeFileSync(join(root, `${file}.gz`), gz);
  }
}

async function requestsPerSecond(url: string): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, headers: GZIP });
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  // A connection cut at the very end of a round is noise; more are requests that timed out (10 s): say so.
  if (result.errors > result.requests.total / 1000) console.log(`  ${url}: ${result.errors} errors or timeouts`);
  return result.requests.average;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** /healthz answered one request at a time, every 50 ms, while a child process loads `url`. */
async function healthzUnderLoad(base: string, url: string): Promise<number[]> {
  const load = adopt(spawn(process.execPath, [new URL(import.meta.url).pathname, '--load', url, '--seconds', String(seconds), '--connections', String(connections)], { stdio: 'inherit' }));
  const done = new Promise((resolve) => load.once('exit', resolve));
  let running = true;
  void done.then(() => { running = false; });
  await new Promise((r) => setTimeout(r, 1000)); // let the load build up
  const latencies: number[] = [];
  while (running) {
    const started = performance.now();
    const response = await rawGet(`${base}/healthz`);
    if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 50));
  }
  return latencies;
}

const waypost = await startWaypost(options.bin!, WAYPOST_PORT, {
  ...process.env, DATABASE_URL: `sqlite:${join(work, 'bench.db')}`, LOG_LEVEL: 'warn', PUBLIC_URL: `http://127.0.0.1:${WAYPOST_PORT}`,
});
const root = join(work, 'static');
await copyForNginx(waypost, root);
const nginx = await startNginx(work, NGINX_PORT, root, {
  http: '  types { text/html html; application/json json; }\n  charset utf-8;\n  charset_types application/json;\n  gzip_static on;\n  gzip_vary on;',
});

console.log(`date: ${new Date().toISOString()}; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}; waypost ${options.bin}`);
console.log(`${connections} connections, ${seconds} s a round, ${rounds} rounds alternating, Accept-Encoding: gzip`);
const summary: string[] = [];
for (const [path, file] of TARGETS) {
  const [fromWaypost, fromNginx] = [await rawGet(waypost + path, GZIP), await rawGet(nginx + file, GZIP)];
  if (fromNginx.encoding !== 'gzip') throw new Error(`nginx did not send gzip for ${file}`);
  const same = fromWaypost.encoding === 'gzip' && fromWaypost.body.equals(fromNginx.body);
  console.log(`\nGET ${path}: ${fromNginx.body.length} gzip bytes (${gunzipSync(fromNginx.body).length} identity); same bytes from both: ${same ? 'yes' : 'NO'}`);
  await requestsPerSecond(waypost + path); // warm-up: JIT, caches, the compressed copies
  await requestsPerSecond(nginx + file);
  const results = { waypost: [] as number[], nginx: [] as number[] };
  for (let round = 1; round <= rounds; round++) {
    results.waypost.push(await requestsPerSecond(waypost + path));
    results.nginx.push(await requestsPerSecond(nginx + file));
    console.log(`round ${round}: waypost ${results.waypost.at(-1)!.toFixed(0)} req/s, nginx ${results.nginx.at(-1)!.toFixed(0)} req/s`);
  }
  const ratio = median(results.waypost) / median(results.nginx);
  const line = `${path}: waypost ${median(results.waypost).toFixed(0)} req/s, nginx ${median(results.nginx).toFixed(0)} req/s, ratio ${ratio.toFixed(2)} (target >= 0.5)`;
  console.log(`median ${line}`);
  summary.push(line);
}

const latencies = await healthzUnderLoad(waypost, `${waypost}/api/v1/advisories`);
const health = `/healthz while the list is loaded (${latencies.length} probes): median ${median(latencies).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`;
console.log(`\n${summary.join('\n')}\n${health}`);
process.exit(0);
