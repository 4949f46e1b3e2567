import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.ts';
import { createMailTransport, smtpRateFromEnv } from '../mail/transport.ts';
import { startWorker } from '../notify/worker.ts';
import { notifySettings } from '../notify/settings.ts';
import { connect } from '../store/connect.ts';
import { migrate } from '../store/migrate.ts';

/** `waypost worker [--concurrency N]`: the delivery worker alone; any number may run against one PostgreSQL. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('deliver notifications (fan-out, e-mail, webhooks); many may run against one PostgreSQL')
    .option('--concurrency <n>', 'sends in flight at once (default 5)', parseCount)
    .action(async (options: { concurrency?: number }) => {
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
    });
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('a whole number from 1 to 1000');
  return n;
}
