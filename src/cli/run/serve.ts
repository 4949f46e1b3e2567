import { loadConfig } from '../../config.ts';
import { scheduleDailyPurge } from '../../enrolment/purge.ts';
import { buildApp } from '../../http/app.ts';
import { loadGazetteer } from '../../places/gazetteer.ts';
import { createMailTransport, smtpRateFromEnv } from '../../mail/transport.ts';
import { notifySettings } from '../../notify/settings.ts';
import { listenForSms } from '../../sms/inbound.ts';
import { createSmsProvider } from '../../sms/provider.ts';
import { startWorker } from '../../notify/worker.ts';
import { editorialContext } from '../../publishing/context.ts';
import { startScheduler } from '../../publishing/scheduler.ts';
import { seedIfEmpty } from '../../sources/bundled.ts';
import { startSyncLoop, syncScheduleFromEnv } from '../../sources/sync/scheduler.ts';
import { describeSync } from './sync.ts';
import { signInHint } from '../../staff/users.ts';
import { connect } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

export async function serve(options: { port?: number; worker: boolean }): Promise<void> {
  const config = loadConfig(process.env, options.port === undefined ? {} : { port: options.port });
  const syncSchedule = syncScheduleFromEnv();
  const store = connect(config.databaseUrl);
  await migrate(store);
  const seeded = await seedIfEmpty(store.db);
  if (seeded) console.log(`empty database: loaded ${seeded.created} bundled U.S. State Department advisories (2025-10-08)`);
  // One SMPP bind for the whole process: verification codes (web) and deliveries (worker), receipts and replies.
  const sms = createSmsProvider(config.smpp, { log: (message) => console.warn(message) });
  listenForSms(sms, store.db);
  const app = await buildApp({ store, config, sms, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  // Trips are deleted TRIP_RETENTION_DAYS after they end: checked daily.
  const stopPurge = scheduleDailyPurge(store.db, (message) => app.log.info(message));
  // Scheduled publications go out on time; any missed while the server was down go out now (and are logged).
  const scheduler = startScheduler(editorialContext(store.db), { log: (message) => app.log.info(message), error: (message, err) => app.log.error({ err }, message) });
  // Feeds named by SYNC_<SOURCE>_URL are fetched every SYNC_EVERY (off unless configured).
  const syncs = startSyncLoop(store.db, syncSchedule, {
    done: ({ source }, result) => (result.outcome === 'failed' ? app.log.warn : app.log.info).call(app.log, describeSync(source.name, result)),
    error: (message, err) => app.log.error({ err }, message),
  });
  // Notifications: the in-process delivery worker, unless --no-worker.
  const workerMail = options.worker ? createMailTransport(config.smtpUrl, store.db, smtpRateFromEnv()) : undefined;
  const worker = workerMail
    ? startWorker({ store, config, mail: workerMail, sms, settings: notifySettings(), error: (message, err) => app.log.error({ err }, message) })
    : undefined;
  const shutdown = async () => {
    stopPurge();
    await worker?.stop();
    await workerMail?.close();
    await sms.close?.();
    await scheduler.stop();
    await syncs.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const address = await app.listen({ host: config.host, port: config.port });
  // With --port 0 the system picks the port: show the address actually bound.
  const url = process.env.PUBLIC_URL ? config.publicUrl : address;
  console.log(`Waypost is serving ${url} (API docs: ${url}/api/docs, database: ${store.engine})`);
  console.log(await signInHint(store.db, url));
  // The gazetteer (~2 s, ~100 MB) loads once, right after the server answers, so that the first
  // trip or place search does not pay for it.
  setImmediate(() => loadGazetteer());
}
