import type { Kysely } from 'kysely';
import { requestChange, validateDepartureRequest } from '../domain/departures.ts';
import { EditorialError, isUniqueViolation } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { findDeparture, findRequest, loadOf, type RequestRecord } from './records.ts';

/**
 * A person asking for help to leave (docs/crises.md "Departure assistance"), from a check-in
 * message's signed link or from /account: someone of an active crisis's population, one request
 * per person and crisis — a second submission updates the first, as long as they have not boarded
 * and a larger party still fits the departure they are on.
 */

export interface RequestAsker {
  crisisId: number;
  travellerId: number;
  via: 'link' | 'account';
}

/** 404 unless the crisis exists and the person is of its population; 410 once it is closed. */
export async function assertMayAsk(db: Kysely<Database>, crisisId: number, travellerId: number): Promise<{ title: string; exercise: boolean }> {
  const crisis = await db.selectFrom('crises').select(['title', 'exercise', 'status']).where('id', '=', crisisId).executeTakeFirst();
  const member = crisis && await db.selectFrom('crisis_people').select('crisis_id').where('crisis_id', '=', crisisId).where('traveller_id', '=', travellerId).limit(1).executeTakeFirst();
  if (!crisis || !member) throw new EditorialError(404, 'There is no crisis you can ask about here: our records do not place you in it.');
  if (crisis.status !== 'active') throw new EditorialError(410, 'This crisis is closed: requests for help to leave are no longer taken here. Contact the embassy or consulate directly.');
  return { title: crisis.title, exercise: Number(crisis.exercise) === 1 };
}

export async function submitRequest(db: Kysely<Database>, asker: RequestAsker, input: unknown, now: Date): Promise<{ request: RequestRecord; created: boolean }> {
  const checked = validateDepartureRequest(input);
  if (!checked.ok) throw new EditorialError(400, `Nothing was saved: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const value = checked.value;
  const at = now.toISOString();
  const row = {
    party_size: value.partySize, dependants: value.dependants, citizenships: JSON.stringify(value.citizenships), passports: JSON.stringify(value.passports),
    special_needs: value.specialNeeds, location: value.location, phone: value.phone, via: asker.via, updated_at: at,
  };
  try {
    return await db.transaction().execute(async (trx) => {
      await assertMayAsk(trx, asker.crisisId, asker.travellerId);
      const current = await findRequest(trx, asker.crisisId, asker.travellerId);
      if (current?.departureId) {
        // Touching the departure first takes its row lock (PostgreSQL): staff assigning at the same moment wait for this check.
        await trx.updateTable('departures').set({ updated_at: at }).where('id', '=', current.departureId).execute();
      }
      const departure = current?.departureId ? await findDeparture(trx, current.departureId) : null;
      const place = current && { id: current.id, partySize: current.partySize, departureId: current.departureId, boarded: current.boardedAt !== null };
      const verdict = requestChange(place, departure && loadOf(departure), value.partySize);
      if (!verdict.ok) throw new EditorialError(409, verdict.message);
      if (current) await trx.updateTable('departure_requests').set(row).where('id', '=', current.id).execute();
      else await trx.insertInto('departure_requests').values({ ...row, crisis_id: asker.crisisId, traveller_id: asker.travellerId, departure_id: null, boarded_at: null, created_at: at }).execute();
      return { request: (await findRequest(trx, asker.crisisId, asker.travellerId))!, created: !current };
    });
  } catch (error) {
    // The same person submitting twice at the same moment: the (crisis, traveller) key lets one through.
    if (isUniqueViolation(error)) throw new EditorialError(409, 'Your request was sent twice at the same moment; it is saved once. Reload to see it.');
    throw error;
  }
}
