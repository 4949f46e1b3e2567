import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_FEED } from '../../src/sources/bundled.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';

const run = promisify(execFile);
const CLI = new URL('../../bin/waypost.js', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'waypost-cli-'));

interface Result { code: number; stdout: string; stderr: string; ms: number }

async function waypost(args: string[], databaseUrl: string): Promise<Result> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, ms: Date.now() - started };
  }
}

function file(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;

const BAD_INPUTS: [string, () => string][] = [
  ['malformed XML', () => file('broken.xml', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Oops</channel></rss>')],
  ['malformed JSON', () => file('broken.json', '[{"Title": "Russia - Level 4: Do Not Travel",')],
  ['an empty file', () => file('empty.xml', '')],
  ['a bot-challenge HTML page', () => file('challenge.html', '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>')],
  ['an entity-expansion bomb', () => file('bomb.xml', billionLaughs)],
  ['a 50 MB file', () => file('huge.xml', Buffer.alloc(51 * 1024 * 1024, ' '))],
  ['a missing file', () => join(work, 'does-not-exist.xml')],
];

describe.each(ENGINES)('waypost import us-state-dept on %s', (engine) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore(engine, { file: join(work, `cli-${Date.now()}.db`) });
  });
  afterAll(async () => store?.close());

  const revisions = async () =>
    Number((await store.db.selectFrom('advisory_revisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it.each(BAD_INPUTS)('refuses %s within seconds, in one line, changing nothing', async (_name, makePath) => {
    const result = await waypost(['import', 'us-state-dept', makePath()], store.url);
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^waypost: .{10,}/);
    expect(result.ms).toBeLessThan(10_000);
    expect(await revisions()).toBe(0);
  });

  it('imports the real feed, prints counts per level, and is idempotent', async () => {
    const first = await waypost(['import', 'us-state-dept', BUNDLED_FEED], store.url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\d+ created, 0 updated, 0 unchanged/);
    expect(first.stdout).toContain('Level 4 Do Not Travel: 20');
    expect(first.stdout).toMatch(/211 items: 212 created/);
    expect(first.stdout).toContain('French West Indies - Level 1: Exercise Normal Precautions: group item — French West Indies covers GP, MQ, BL, MF: applied to GP, MQ, BL, MF');
    expect(first.stdout).not.toContain('not imported');
    const count = await revisions();
    expect(count).toBeGreaterThan(200);
    const second = await waypost(['import', 'us-state-dept', BUNDLED_FEED], store.url);
    expect(second.stdout).toMatch(/0 created, 0 updated, \d+ unchanged/);
    expect(await revisions()).toBe(count);
  });

  it('migrate is idempotent', async () => {
    const result = await waypost(['migrate'], store.url);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('database is up to date');
  });
});

describe('npm start on an empty database', () => {
  it('loads the bundled advisories and serves them', async () => {
    const databaseUrl = `sqlite:${join(work, 'start.db')}`;
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          const match = /Waypost is serving (\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/api/v1/advisories/RU`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ level: 4, departureUrged: true });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
