import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Debian 12 ships Node.js 20; a newcomer running `npm start` with it must get one line saying what
// to install, not ERR_UNKNOWN_FILE_EXTENSION and a stack trace.
const SYSTEM_NODE = '/usr/bin/node';
const systemMajor = existsSync(SYSTEM_NODE)
  ? Number(spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim())
  : 0;

describe.runIf(systemMajor > 0 && systemMajor < 24)(`waypost on the system's Node.js ${systemMajor}`, () => {
  it.each([['bin/waypost.js', 'serve'], ['bin/require-node24.js']])('%s stops with one line naming what to install', (...args) => {
    const run = spawnSync(SYSTEM_NODE, args, { encoding: 'utf8', timeout: 10_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Waypost needs Node\.js 24 or newer, and this is Node\.js v\d+/);
    expect(lines[0]).toContain('node@24');
    expect(run.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });
});
