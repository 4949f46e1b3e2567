/**
 * Throughput of the public site's home page and Russia's page served by Waypost, against nginx
 * serving the static export of the same pages (waypost export-site), in the same run, with the
 * same connections and duration. Prints the median requests/s of each over several alternating
 * rounds and their ratio, plus the export time and the home page's total transfer size.
 *
 *   node bench/site.ts [--rounds 5] [--seconds 10] [--connections 50] [--database sqlite|postgres]
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startNginx, startWaypost } from './servers.ts';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const work = mkdtempSync(join(tmpdir(), 'waypost-bench-site-'));
// mkdtemp makes a private folder; nginx's workers run as another user and must read the export.
chmodSync(work, 0o755);
const WAYPOST_PORT = 3793;
const NGINX_PORT = 3794;
const BIN = new URL('../bin/waypost.js', import.meta.url).pathname;
const PAGES = ['/', '/destinations/russia/'];

const databaseUrl = options.database === 'postgres' ? (process.env.BENCH_DATABASE_URL ?? 'postgres://localhost/test') : `sqlite:${join(work, 'bench.db')}`;
const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', PUBLIC_URL: `http://127.0.0.1:${WAYPOST_PORT}` };

/** `waypost export-site` as users run it; returns the wall-clock seconds, process start included. */
function exportSite(out: string): number {
  const started = performance.now();
  const output = execFileSync(process.execPath, [BIN, 'export-site', '--out', out], { env, encoding: 'utf8' });
  const elapsed = (performance.now() - started) / 1000;
  console.log(`export: ${output.trim()} (${elapsed.toFixed(1)} s wall clock, including process start)`);
  return elapsed;
}

async function requestsPerSecond(url: string): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const bytes = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer()).length;

/** Everything a first visit to the home page downloads, uncompressed: the HTML and what it references. */
async function homeTransfer(base: string): Promise<{ html: number; total: number }> {
  const html = await (await fetch(`${base}/`)).text();
  const referenced = [...html.matchAll(/<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="([^"]+)"/g)].map(([, href]) => href!);
  let total = Buffer.byteLength(html);
  for (const href of referenced) total += await bytes(new URL(href, base).href);
  return { html: Buffer.byteLength(html), total };
}

const waypost = await startWaypost(BIN, WAYPOST_PORT, env);
const out = join(work, 'static');
const exportSeconds = exportSite(out);
const nginx = await startNginx(work, NGINX_PORT, out, {
  http: '  types { text/html html; text/css css; text/javascript js; application/json json; }\n  charset utf-8;',
  server: 'error_page 404 /404.html;',
});

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, database ${options.database}`);
const transfer = await homeTransfer(waypost);
console.log(`home page transfer, uncompressed: ${(transfer.total / 1024).toFixed(1)} kB (HTML ${(transfer.html / 1024).toFixed(1)} kB + assets)`);
console.log(`${connections} connections, ${seconds} s a round, ${rounds} rounds, alternating`);

for (const path of PAGES) {
  console.log(`\nGET ${path}: Waypost ${await bytes(waypost + path)} bytes, nginx ${await bytes(nginx + path)} bytes`);
  await requestsPerSecond(waypost + path); // warm-up: JIT, the page cache
  const results = { waypost: [] as number[], nginx: [] as number[] };
  for (let round = 1; round <= rounds; round++) {
    results.waypost.push(await requestsPerSecond(waypost + path));
    results.nginx.push(await requestsPerSecond(nginx + path));
    console.log(`round ${round}: waypost ${results.waypost.at(-1)!.toFixed(0)} req/s, nginx ${results.nginx.at(-1)!.toFixed(0)} req/s`);
  }
  const ratio = median(results.waypost) / median(results.nginx);
  console.log(`median ${path}: waypost ${median(results.waypost).toFixed(0)} req/s, nginx ${median(results.nginx).toFixed(0)} req/s, ratio ${ratio.toFixed(2)} (target >= 0.5)`);
}
console.log(`\nexport of every destination: ${exportSeconds.toFixed(1)} s (target < 10 s)`);
process.exit(0);
