import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FeedError } from './imported.ts';
import { checkJsonShape, checkXmlShape, isHtmlPage } from './input-limits.ts';
import { parseUsStateDept } from './us-state-dept/parse.ts';

const run = promisify(execFile);
const BUNDLED = readFileSync(new URL('../../data/us-state-dept/travel-advisories-rss-2025-10-08.xml', import.meta.url), 'utf8');
const PARSE = new URL('./us-state-dept/parse.ts', import.meta.url).pathname;

/** Parses a generated input in a child process and reports its peak memory, so one test's heap does not blur another's. */
async function measure(makeInput: string): Promise<{ ms: number; maxRssMb: number; outcome: string }> {
  const script = `
    import { parseUsStateDept } from ${JSON.stringify(PARSE)};
    const input = (() => { ${makeInput} })();
    const started = performance.now();
    let outcome;
    try { outcome = parseUsStateDept(input).entries.length + ' entries'; } catch (error) { outcome = error.message; }
    console.log(JSON.stringify({ ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000, maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as { ms: number; maxRssMb: number; outcome: string };
}

describe('pathological inputs', () => {
  it('reads a valid feed behind "<!---->" repeated 40 times as fast as without them (the HTML sniff was exponential: past 60 s)', () => {
    const feed = '<!---->'.repeat(40) + BUNDLED.replace(/^<\?xml[^>]*>\s*/, '');
    const started = performance.now();
    expect(parseUsStateDept(feed).entries).toHaveLength(212);
    // Bounds far above a linear run (well under a second) and far below the exponential one (past
    // 60 s), so a loaded CI machine cannot fail them and a regression still does.
    expect(performance.now() - started).toBeLessThan(20_000);
    const sniff = performance.now();
    expect(isHtmlPage('<!---->'.repeat(100_000) + '<html>')).toBe(true);
    expect(performance.now() - sniff).toBeLessThan(10_000);
  });

  it('still recognises HTML pages behind comments, and XML that is not one', () => {
    expect(isHtmlPage('<?xml version="1.0"?><!-- a --> <!DOCTYPE html><html></html>')).toBe(true);
    expect(isHtmlPage('<html lang="en"><body>Forbidden</body></html>')).toBe(true);
    expect(isHtmlPage('<?xml version="1.0"?><!-- html --><rss version="2.0"></rss>')).toBe(false);
    expect(isHtmlPage('<!-- unterminated <html>')).toBe(false);
  });

  it.each([
    ['JSON nested 25 million levels deep', `const n = 49 * 1024 * 1024 / 2; return '['.repeat(n) + ']'.repeat(n);`],
    ['JSON of two million small objects', `return '[' + '{"Title":"x","a":[1]},'.repeat(49 * 1024 * 1024 / 22) + '{"Title":"y"}]';`],
    ['XML of seven million elements', `return '<rss version="2.0"><channel>' + '<item/>'.repeat(49 * 1024 * 1024 / 7) + '</channel></rss>';`],
  ])('refuses 49 MB of %s quickly and within a bounded amount of memory', async (_name, input) => {
    const result = await measure(input);
    expect(result.outcome).toMatch(/nested more than 32 levels|more than 100,000/);
    expect(result.ms).toBeLessThan(20_000);
    // Before the bound: 2.6 GB for the nested JSON. Node itself and the 49 MB input take about 150 MB.
    expect(result.maxRssMb).toBeLessThan(400);
  }, 60_000);

  it('lets real feeds through', () => {
    expect(() => checkXmlShape(BUNDLED)).not.toThrow();
    expect(() => checkJsonShape(JSON.stringify([{ Title: 'x', Category: ['RS', 'advisory'], Summary: '<p>[{"not": "json"}]</p>' }]))).not.toThrow();
    expect(() => checkJsonShape('"' + '['.repeat(100) + '"')).not.toThrow();
    expect(() => checkJsonShape('['.repeat(33))).toThrow(FeedError);
  });
});
