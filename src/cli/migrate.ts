import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { connect } from '../store/connect.ts';
import { migrate } from '../store/migrate.ts';

export function migrateCommand(): Command {
  return new Command('migrate').description('apply database migrations (idempotent)').action(async () => {
    const store = connect(loadConfig().databaseUrl);
    try {
      const applied = await migrate(store);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    } finally {
      await store.close();
    }
  });
}
