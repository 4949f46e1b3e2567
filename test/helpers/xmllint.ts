import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The OASIS CAP 1.2 schema, copied with its copyright line (test/fixtures/cap/README.md). */
export const CAP_SCHEMA = new URL('../fixtures/cap/cap-1.2.xsd', import.meta.url).pathname;

/** Whether xmllint (Debian's libxml2-utils) is here. Under CI=true its absence is a failure, not a skip. */
export function xmllintAvailable(): boolean {
  const found = spawnSync('xmllint', ['--version']).status === 0;
  if (!found && process.env.CI === 'true') throw new Error('xmllint is required under CI=true (apt-get install libxml2-utils)');
  if (!found) console.warn('xmllint not found: skipping the CAP schema validation suite (apt-get install libxml2-utils)');
  return found;
}

/** Validates files against the CAP 1.2 schema with xmllint; returns its verdict and output. */
export async function validateCap(files: readonly string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('xmllint', ['--noout', '--schema', CAP_SCHEMA, ...files]);
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? e.message}` };
  }
}
