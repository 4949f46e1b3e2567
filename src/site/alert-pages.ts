import { capDocument } from '../alerts/cap.ts';
import { missionContacts } from '../domain/missions.ts';
import { findAlert, isActive, listAlerts } from '../alerts/records.ts';
import { alertsAtom } from '../feeds/alerts.ts';
import { alertPage, alertsIndexPage } from '../http/pages/alerts.ts';
import { HTML, TYPES, rendered, type Rendered, type SiteContext } from './rendered.ts';

/** Alerts (docs/alerts.md): Actual alerts only; Exercise and Test never reach these. */
export function alertPages({ db, links, current, cached }: SiteContext) {
  return {
    alertsIndex: async () => cached(await current(), 'alerts', async () =>
      rendered(200, HTML, alertsIndexPage(await listAlerts(db, { active: true, publicOnly: true, limit: 500 }), links))),

    /** One alert's page; null when there is no public alert with that id. */
    alert: async (id: number): Promise<Rendered | null> => {
      const snapshot = await current();
      const alert = await findAlert(db, id);
      if (!alert || alert.status !== 'Actual') return null;
      return cached(snapshot, `alert:${id}`, async () => {
        const replacedBy = alert.supersededBy ? await findAlert(db, alert.supersededBy) : undefined;
        return rendered(200, HTML, alertPage(alert, { active: isActive(alert, new Date()), replacedBy }, links));
      });
    },

    /** The Atom index: current messages (not replaced, not expired), Cancels included so consumers learn of them. */
    alertsAtom: async () => cached(await current(), 'alerts-atom', async () =>
      rendered(200, TYPES.atom, alertsAtom(await listAlerts(db, { publicOnly: true, current: true, limit: 500 }), {
        selfUrl: links.absolute(links.alertsAtom),
        pageUrl: links.absolute(links.alerts),
        capUrl: (id) => links.absolute(links.alertCap(id)),
        alertUrl: (id) => links.absolute(links.alert(id)),
      }))),

    /** One CAP 1.2 document; null when there is no public alert with that id. */
    alertCap: async (id: number): Promise<Rendered | null> => {
      const snapshot = await current();
      const alert = await findAlert(db, id);
      if (!alert || alert.status !== 'Actual') return null;
      // Missions as published now: the CAP document is rebuilt with each publication (the cache keys on it).
      const contacts = alert.destinations.flatMap((code) => missionContacts(snapshot.byCode.get(code)?.advisory?.missions ?? []));
      return cached(snapshot, `cap:${id}`, () => rendered(200, TYPES.cap, capDocument(alert, { pageUrl: links.absolute(links.alert(id)), contacts })));
    },
  };
}
