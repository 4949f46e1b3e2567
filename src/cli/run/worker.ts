import { loadConfig } from '../../config.ts';
import { createMailTransport, smtpRateFromEnv } from '../../mail/transport.ts';
import { startWorker } from '../../notify/worker.ts';
import { notifySettings } from '../../notify/settings.ts';
import { connect } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

export async function runWorker(options: { concurrency?: number }): Promise<void> {
  const config = loadConfig(process.env);
  const store = connect(config.databaseUrl);
  await migrate(store);
  const mail = createMailTransport(config.smtpUrl, store.db, { maxConnections: options.concurrency ?? 5, ...smtpRateFromEnv() });
  const running = startWorker({
    store, config, mail, settings: notifySettings(), concurrency: options.concurrency ?? 5,
    error: (message, error) => console.error(`${message}: ${(error as Error).message}`),
  });
  console.log(`Waypost worker ${running.worker.id} delivering through ${mail.description} (database: ${store.engine})`);
  const shutdown = async () => {
    await running.stop();
    await mail.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
