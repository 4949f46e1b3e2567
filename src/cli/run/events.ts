import { loadConfig } from '../../config.ts';
import { eventSummary } from '../../notify/stats.ts';
import { connect } from '../../store/connect.ts';

/** `waypost events show ID [--json]` */
export async function showEvent(id: number, options: { json?: boolean }): Promise<void> {
  const store = connect(loadConfig().databaseUrl);
  try {
    const summary = await eventSummary(store.db, id);
    if (!summary) throw new Error(`no event ${id}`);
    if (options.json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    console.log(`event ${summary.id}: ${summary.kind}${summary.destinationCode ? ` ${summary.destinationCode}` : ''}${summary.urgent ? ' (urgent)' : ''}, created ${summary.createdAt}`);
    console.log(summary.fannedOutAt ? `audience: ${summary.audienceSize ?? 0} deliveries (fanned out ${summary.fannedOutAt})` : 'audience: not computed yet (waiting for a worker)');
    console.log(Object.entries(summary.deliveries).map(([status, n]) => `${status} ${n}`).join(' · '));
    const channels = Object.entries(summary.channels);
    if (channels.length) console.log(`by channel: ${channels.map(([kind, n]) => `${kind} ${n}`).join(' · ')}`);
  } finally {
    await store.close();
  }
}
