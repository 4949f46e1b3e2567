// `npm run check:structure` (part of `npm test`): fails on any import cycle in src/ and on any
// TypeScript file in src/, test/ or bench/ over MAX_LINES lines (a long suite is as hard to
// change as a long module), so that every change has a small room to go to
// (issue 13; docs/architecture.md). The migrations and the schema are long by nature and exempt;
// files waiting for a split in flight are listed, with the reason, in
// scripts/structure-allowlist.txt, which should only ever shrink.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const MAX_LINES = 300;
/** The trees whose files are held to MAX_LINES; only src/ is searched for import cycles. */
export const CHECKED_DIRS = ['src', 'test', 'bench'];

interface MadgeResult {
  circular(): string[][];
  warnings(): { skipped: string[] };
}
// madge ships no types; this is the part of its API used here.
const madge = createRequire(import.meta.url)('madge') as (path: string, config: object) => Promise<MadgeResult>;

export interface StructureReport {
  /** What fails the check. */
  problems: string[];
  /** What the lead should know but does not fail it (an allow-listed file now short enough). */
  notes: string[];
}

const exempt = (path: string) => path.startsWith('src/store/migrations/') || path === 'src/store/schema.ts';

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(root, path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Lines as `wc -l` counts them. */
function lineCount(file: string): number {
  return readFileSync(file, 'utf8').split('\n').length - 1;
}

/** Paths relative to the repository root, one a line; `#` starts a comment. */
function readAllowList(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  return new Set(readFileSync(file, 'utf8').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean));
}

/** Checks file lengths in `root`/src, test and bench against MAX_LINES (less the allow-list), and import cycles in src. */
export async function checkStructure(root: string, allowListFile = join(root, 'scripts', 'structure-allowlist.txt')): Promise<StructureReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  const allowed = readAllowList(allowListFile);
  const files = CHECKED_DIRS.filter((dir) => existsSync(join(root, dir))).flatMap((dir) => sourceFiles(root, dir));
  for (const path of files) {
    if (exempt(path)) continue;
    const lines = lineCount(join(root, path));
    if (lines > MAX_LINES && !allowed.has(path)) problems.push(`${path} has ${lines} lines (at most ${MAX_LINES}): split it by job`);
    // A note, not a failure: a split in flight may pass through the limit on its way.
    else if (lines <= MAX_LINES && allowed.has(path)) notes.push(`${path} has ${lines} lines now: take it off the allow-list`);
    allowed.delete(path);
  }
  for (const path of allowed) problems.push(`the allow-list names ${path}, which does not exist`);

  const graph = await madge(join(root, 'src'), { fileExtensions: ['ts', 'tsx'] });
  for (const cycle of graph.circular()) {
    problems.push(`import cycle: ${[...cycle, cycle[0]].map((file) => `src/${file}`).join(' -> ')}`);
  }
  // An import madge could not resolve would silently drop its edges from the cycle search.
  // (Tests in src/ may import fixtures from test/, which is outside the graph.)
  for (const file of graph.warnings().skipped.filter((skipped) => !skipped.startsWith('../test/'))) {
    problems.push(`could not resolve the import of ${file}: the cycle check cannot see past it`);
  }
  return { problems, notes };
}

if (import.meta.main) {
  const { problems, notes } = await checkStructure(join(import.meta.dirname, '..'));
  for (const note of notes) console.warn(`check:structure: note: ${note}`);
  if (problems.length > 0) {
    console.error(`check:structure: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check:structure: no import cycles in src/, no file in ${CHECKED_DIRS.join('/, ')}/ over ${MAX_LINES} lines`);
}
