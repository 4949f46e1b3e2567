import { Command, CommanderError } from 'commander';
import { enrolCommand, travellersCommand } from './enrol.ts';
import { crisisCommand } from './crisis.ts';
import { eventsCommand } from './events.ts';
import { exportSiteCommand } from './export-site.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { organisationsCommand } from './organisations.ts';
import { serveCommand } from './serve.ts';
import { syncCommand } from './sync.ts';
import { tokensCommand } from './tokens.ts';
import { usersCommand } from './users.ts';
import { workerCommand } from './worker.ts';

// Each command file below only declares its command (arguments, options, help); the work is in
// src/cli/run/, which the action imports when the command runs. So `waypost --help`, a mistyped
// option or a one-off command loads only what it needs, not the web app, every parser and the
// worker (startup measured in docs/benchmarks.md).

const program = new Command('waypost')
  .description('Travel advisories, alerts and traveller safety')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(importCommand());
program.addCommand(syncCommand());
program.addCommand(exportSiteCommand());
program.addCommand(enrolCommand());
program.addCommand(travellersCommand());
program.addCommand(organisationsCommand());
program.addCommand(usersCommand());
program.addCommand(tokensCommand());
program.addCommand(workerCommand());
program.addCommand(eventsCommand());
program.addCommand(crisisCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // One line for the operator; the stack only when asked for.
  console.error(`waypost: ${(error as Error).message}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
}
