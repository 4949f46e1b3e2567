import { Command, InvalidArgumentError } from 'commander';
import { MIN_INTERVAL_MS, parseDuration } from '../sources/sync/duration.ts';
import { SOURCE_NAMES } from '../sources/sync/names.ts';

function parseEvery(value: string): number {
  const ms = parseDuration(value);
  if (!ms || ms < MIN_INTERVAL_MS) throw new InvalidArgumentError('a duration of at least 1m, such as 1h, 30m or 2h30m');
  return ms;
}

/** Checked while parsing, so commander prints the refusal (an error thrown in the action would exit silently). */
function parseHttpUrl(value: string): string {
  if (!/^https?:\/\//i.test(value)) throw new InvalidArgumentError('--url must be an http(s) URL');
  return value;
}

export function syncCommand(): Command {
  return new Command('sync')
    .description(`fetch a source's feed and import what changed (${SOURCE_NAMES.join(', ')})`)
    .argument('<source>', 'which source')
    .option('--url <url>', 'the feed to fetch (default: the publisher\'s own)', parseHttpUrl)
    .option('--every <duration>', 'keep syncing at this interval (e.g. 1h) until stopped', parseEvery)
    .action(async (name: string, options: { url?: string; every?: number }) => {
      await (await import('./run/sync.ts')).sync(name, options);
    });
}
