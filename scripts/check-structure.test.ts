import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStructure, MAX_LINES } from './check-structure.ts';

describe('check:structure', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const lines = (n: number) => 'export const x = 1;\n'.repeat(n);
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes a tree without cycles or long files', async () => {
    root = mkdtempSync(join(tmpdir(), 'waypost-structure-'));
    write('src/a.ts', "import { b } from './b.ts';\nexport const a = b;\n");
    write('src/b.ts', 'export const b = 1;\n');
    expect(await checkStructure(root)).toEqual({ problems: [], notes: [] });
  });

  it('names an import cycle, type-only imports included, as a path that closes on itself', async () => {
    root = mkdtempSync(join(tmpdir(), 'waypost-structure-'));
    write('src/mail/mime.ts', "import type { Mail } from './transport.ts';\nexport const render = (m: Mail) => m;\n");
    write('src/mail/transport.ts', "import { render } from './mime.ts';\nexport interface Mail { to: string }\nexport const send = render;\n");
    expect((await checkStructure(root)).problems).toEqual(['import cycle: src/mail/mime.ts -> src/mail/transport.ts -> src/mail/mime.ts']);
  });

  it(`refuses a file over ${MAX_LINES} lines in src/, test/ or bench/, tests too, but not the migrations, the schema or an allow-listed file`, async () => {
    root = mkdtempSync(join(tmpdir(), 'waypost-structure-'));
    write('src/long.ts', lines(MAX_LINES + 1));
    write('src/long.test.ts', lines(MAX_LINES + 1));
    write('src/exactly.ts', lines(MAX_LINES));
    write('test/integration/long.test.ts', lines(MAX_LINES + 1));
    write('test/helpers/exactly.ts', lines(MAX_LINES));
    write('bench/long.ts', lines(MAX_LINES + 1));
    write('docs/long.md', lines(MAX_LINES + 1));
    write('src/store/migrations/001-start.ts', lines(900));
    write('src/store/schema.ts', lines(900));
    write('src/splitting.ts', lines(400));
    write('allow.txt', '# being split elsewhere\nsrc/splitting.ts\n');
    const report = await checkStructure(root, join(root, 'allow.txt'));
    expect([...report.problems].sort()).toEqual([
      `bench/long.ts has ${MAX_LINES + 1} lines (at most ${MAX_LINES}): split it by job`,
      `src/long.test.ts has ${MAX_LINES + 1} lines (at most ${MAX_LINES}): split it by job`,
      `src/long.ts has ${MAX_LINES + 1} lines (at most ${MAX_LINES}): split it by job`,
      `test/integration/long.test.ts has ${MAX_LINES + 1} lines (at most ${MAX_LINES}): split it by job`,
    ]);
    expect(report.notes).toEqual([]);
  });

  it('notes an allow-listed file that is short enough now, and refuses one that does not exist', async () => {
    root = mkdtempSync(join(tmpdir(), 'waypost-structure-'));
    write('src/done.ts', lines(10));
    write('allow.txt', 'src/done.ts\nsrc/gone.ts  # renamed\n');
    expect(await checkStructure(root, join(root, 'allow.txt'))).toEqual({
      problems: ['the allow-list names src/gone.ts, which does not exist'],
      notes: ['src/done.ts has 10 lines now: take it off the allow-list'],
    });
  });
});
