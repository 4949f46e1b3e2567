import { loadConfig } from '../../config.ts';
import { createMailTransport, smtpRateFromEnv } from '../../mail/transport.ts';
import { startWorker } from '../../notify/worker.ts';
import { notifySettings } from '../../notify/settings.ts';
import { listenForSms } from '../../sms/inbound.ts';
import { createSmsProvider } from '../../sms/provider.ts';
import { connect } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

export async function runWorker(options: { concurrency?: number }): Promise<void> {
  const config = loadConfig(process.env);
  const store = connect(config.databaseUrl);
  await migrate(store);
  const mail = createMailTransport(config.smtpUrl, store.db, { maxConnections: options.concurrency ?? 5, ...smtpRateFromEnv() });
  const sms = createSmsProvider(config.smpp, { log: (message) => console.warn(message) });
  listenForSms(sms, store.db);
  const running = startWorker({
    store, config, mail, sms, settings: notifySettings(), concurrency: options.concurrency ?? 5,
    error: (message, error) => console.error(`${message}: ${(error as Error).message}`),
  });
  console.log(`Waypost worker ${running.worker.id} delivering through ${mail.description}, ${sms.configured ? sms.describe().split('. ')[0] : 'no SMS'} (database: ${store.engine})`);
  const shutdown = async () => {
    await running.stop();
    await mail.close();
    await sms.close?.();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
