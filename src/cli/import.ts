import { Command } from 'commander';
import type { ImportFlags } from './run/import.ts';

export function importCommand(): Command {
  const command = new Command('import').description('import another government\'s advisories');
  command
    .command('us-state-dept')
    .description('the U.S. State Department travel-advisory RSS feed or Consular Affairs API JSON (auto-detected)')
    .argument('<file-or-url>', 'path or http(s) URL')
    .option('--dry-run', 'print what would happen to every item, write nothing')
    .option('--json', 'with --dry-run: the decisions as JSON')
    .option('--force', 'also import items that are not newer than the current revision (a deliberate restore; audited)')
    .action(async (location: string, flags: ImportFlags) => {
      await (await import('./run/import.ts')).importUsStateDept(location, flags);
    });
  for (const [name, what] of [['uk-fcdo', 'the FCDO\'s travel advice from the GOV.UK Content API'], ['canada', 'Global Affairs Canada\'s travel advice (cta-cap-{iso}.json, or the all-countries index)']] as const) {
    command
      .command(name)
      .description(`${what}, for comparison only: never changes our own advisories`)
      .argument('<file-or-dir-or-url>', 'a country document, a directory of them (one JSON per country), or an http(s) URL (an index URL is followed to every country)')
      .option('--dry-run', 'print what would happen to every document, write nothing')
      .option('--json', 'with --dry-run: the decisions as JSON')
      .action(async (location: string, flags: ImportFlags) => {
        await (await import('./run/import.ts')).importPeer(name, location, flags);
      });
  }
  return command;
}
