import { loadConfig } from '../../config.ts';
import { connect } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

/** `waypost migrate` */
export async function runMigrate(): Promise<void> {
  const store = connect(loadConfig().databaseUrl);
  try {
    const applied = await migrate(store);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await store.close();
  }
}
