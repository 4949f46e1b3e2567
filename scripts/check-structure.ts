// `npm run check:structure` (part of `npm test`): fails on any import cycle in src/ and on any
// source file in src/ over MAX_LINES lines, so that every change has a small room to go to
// (issue 13; docs/architecture.md). Generated-looking files that are long by nature (the
// migrations and the schema) are exempt; files waiting for a split in flight are listed, with
// the reason, in scripts/structure-allowlist.txt, which should only ever shrink.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const MAX_LINES = 300;
const root = join(import.meta.dirname, '..');
const exempt = (path: string) => path.startsWith('src/store/migrations/') || path === 'src/store/schema.ts';

interface MadgeResult {
  circular(): string[][];
  warnings(): { skipped: string[] };
}
// madge ships no types; this is the part of its API used here.
const madge = createRequire(import.meta.url)('madge') as (path: string, config: object) => Promise<MadgeResult>;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Lines as `wc -l` counts them. */
function lineCount(path: string): number {
  return readFileSync(join(root, path), 'utf8').split('\n').length - 1;
}

function readAllowList(): Set<string> {
  const text = readFileSync(join(import.meta.dirname, 'structure-allowlist.txt'), 'utf8');
  return new Set(text.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean));
}

const problems: string[] = [];
const notes: string[] = [];

const allowed = readAllowList();
for (const path of sourceFiles('src')) {
  if (exempt(path)) continue;
  const lines = lineCount(path);
  if (lines > MAX_LINES && !allowed.has(path)) {
    problems.push(`${path} has ${lines} lines (at most ${MAX_LINES}): split it by job`);
  } else if (lines <= MAX_LINES && allowed.has(path)) {
    // A note, not a failure: a split in flight may pass through the limit on its way.
    notes.push(`${path} has ${lines} lines now: take it off scripts/structure-allowlist.txt`);
  }
  allowed.delete(path);
}
for (const path of allowed) problems.push(`scripts/structure-allowlist.txt names ${path}, which does not exist`);

const graph = await madge(join(root, 'src'), { fileExtensions: ['ts', 'tsx'] });
for (const cycle of graph.circular()) {
  problems.push(`import cycle: ${[...cycle, cycle[0]].map((file) => `src/${file}`).join(' -> ')}`);
}
// An import madge could not resolve would silently drop its edges from the cycle search.
const unresolved = graph.warnings().skipped.filter((file) => !file.startsWith('../test/'));
for (const file of unresolved) problems.push(`could not resolve the import of ${file}: the cycle check cannot see past it`);

for (const note of notes) console.warn(`check:structure: note: ${note}`);
if (problems.length > 0) {
  console.error(`check:structure: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check:structure: no import cycles in ${relative(process.cwd(), join(root, 'src')) || 'src'}, no file over ${MAX_LINES} lines`);
