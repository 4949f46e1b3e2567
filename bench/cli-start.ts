/**
 * How long the command line takes to start: `waypost --help` (which loads every command's
 * declaration and nothing else) against a bare `node -e 0` start on the same machine, in the same
 * run, alternating. Prints the medians and their ratio. src/cli/main.ts keeps each command's work
 * behind a dynamic import (src/cli/run/) so that this stays close to a bare start.
 *
 *   node bench/cli-start.ts [--runs 15]
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './notify-fixtures.ts';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(options.runs);
const BIN = join(import.meta.dirname, '..', 'bin', 'waypost.js');

function milliseconds(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - started;
}

const bare: number[] = [];
const help: number[] = [];
milliseconds([BIN, '--help']); // warm the file cache
for (let i = 0; i < runs; i++) {
  bare.push(milliseconds(['-e', '0']));
  help.push(milliseconds([BIN, '--help']));
}
console.log(`node -e 0:       median ${Math.round(median(bare))} ms over ${runs} runs`);
console.log(`waypost --help:  median ${Math.round(median(help))} ms over ${runs} runs`);
console.log(`ratio: ${(median(help) / median(bare)).toFixed(1)} × a bare Node start`);
