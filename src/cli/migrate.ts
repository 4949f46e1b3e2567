import { Command } from 'commander';

export function migrateCommand(): Command {
  return new Command('migrate').description('apply database migrations (idempotent)').action(async () => {
    await (await import('./run/migrate.ts')).runMigrate();
  });
}
