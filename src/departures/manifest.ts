import { stringify } from 'csv-stringify/sync';
import { cell } from '../crises/dashboard.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import { mayArrangeDepartures, type DepartureContext } from './arrange.ts';
import { findDeparture, listRequests, type DepartureRecord } from './records.ts';

/**
 * A departure's manifest as CSV (docs/crises.md "Departure assistance"): who is on it, with their
 * party, citizenships, passports, special needs and whether they boarded — largest party first.
 * Personal data: every export is in the audit log. Cells a spreadsheet would run as a formula get a
 * leading apostrophe.
 */

export const MANIFEST_COLUMNS = ['name', 'party_size', 'dependants', 'citizenships', 'passports', 'special_needs', 'boarded'] as const;

export async function departureManifest(ctx: DepartureContext, actor: Actor, id: number): Promise<{ departure: DepartureRecord; csv: string }> {
  mayArrangeDepartures(actor);
  const departure = await findDeparture(ctx.db, id);
  if (!departure) throw new EditorialError(404, `There is no departure ${id}.`);
  const requests = (await listRequests(ctx.db, { departureId: id })).sort((a, b) => b.partySize - a.partySize || a.id - b.id);
  const csv = stringify(
    requests.map((r) => [r.name || r.email, r.partySize, r.dependants, r.citizenships.join(' '), r.passports.join(' '), r.specialNeeds, r.boardedAt ? 'yes' : 'no'].map(cell)),
    { header: true, columns: [...MANIFEST_COLUMNS], record_delimiter: 'windows' },
  );
  await recordAudit(ctx.db, { actor, action: 'departure-manifest-exported', subject: `departure ${id}`, at: ctx.now(), detail: { crisis: departure.crisisId, departure: id, requests: requests.length } });
  return { departure, csv };
}
