/**
 * What the gazetteer costs: the time to load and index data/places/ and the memory it keeps, each
 * measured in a fresh Node process (so nothing is cached), median of several runs; then the time
 * of typical look-ups once loaded. The reference is a bare process of the same Node.
 *
 *   node bench/gazetteer.ts [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { median } from './notify-fixtures.ts';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '5' }, child: { type: 'boolean', default: false } } });

if (options.child) {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = process.memoryUsage();
  const { loadGazetteer, searchPlaces } = await import('../src/places/gazetteer.ts');
  const started = performance.now();
  loadGazetteer();
  const load = performance.now() - started;
  gc();
  const after = process.memoryUsage();
  const queries = ['st petersburg', 'Cancun', 'Moskow', 'Crimea', 'san', 'Qwzrtplk'];
  const lookups = queries.map((q) => {
    const t = performance.now();
    for (let i = 0; i < 5; i++) searchPlaces(q, 10);
    return (performance.now() - t) / 5;
  });
  console.log(JSON.stringify({ load, heap: (after.heapUsed - before.heapUsed) / 1e6, rss: (after.rss - before.rss) / 1e6, lookups }));
} else {
  const runs = Number(options.runs);
  const results: { load: number; heap: number; rss: number; lookups: number[] }[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(JSON.parse(execFileSync(process.execPath, ['--expose-gc', import.meta.filename, '--child'], { encoding: 'utf8' })));
  }
  const m = (pick: (r: (typeof results)[number]) => number) => median(results.map(pick));
  console.log(`gazetteer load and index: median ${Math.round(m((r) => r.load))} ms over ${runs} fresh processes`);
  console.log(`heap kept: median ${Math.round(m((r) => r.heap))} MB; resident set grew by a median ${Math.round(m((r) => r.rss))} MB`);
  const names = ['st petersburg', 'Cancun', 'Moskow (typo scan)', 'Crimea', 'san (prefix)', 'Qwzrtplk (no match, full typo scan)'];
  names.forEach((name, i) => console.log(`  searchPlaces("${name}"): median ${m((r) => r.lookups[i]!).toFixed(1)} ms`));
}
