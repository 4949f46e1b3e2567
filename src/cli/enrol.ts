import { Command } from 'commander';

/** `waypost enrol import <file.csv> --organisation NAME` */
export function enrolCommand(): Command {
  const command = new Command('enrol').description('enrol travellers in bulk for an organisation');
  command
    .command('import')
    .description('enrol a group from CSV (columns: email, name, destination, region, start, end, channels); re-running the same file changes nothing')
    .argument('<file.csv>', 'the CSV file')
    .requiredOption('--organisation <name>', 'the organisation enrolling them; it must exist and be verified (waypost organisations)')
    .option('--date-format <format>', 'how the start and end columns write dates: YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY', 'YYYY-MM-DD')
    .option('--no-welcome', 'do not e-mail people who had no account a welcome (people who had one are always invited by e-mail)')
    .action(async (file: string, options: { organisation: string; welcome: boolean; dateFormat: string }) => {
      await (await import('./run/enrol.ts')).enrolImport(file, options);
    });
  return command;
}

/** `waypost travellers purge` */
export function travellersCommand(): Command {
  const command = new Command('travellers').description('traveller data housekeeping');
  command
    .command('purge')
    .description('delete trips that ended more than TRIP_RETENTION_DAYS (default 30) ago, expired sessions and sign-in links, and closed cases past CASE_RETENTION_DAYS (default 730)')
    .action(async () => {
      await (await import('./run/enrol.ts')).purgeTravellers();
    });
  return command;
}
