import { urgentReasons } from '../domain/silenced-urgent.ts';
import { today, type EnrolmentContext } from './context.ts';
import { listTrips, type TripView } from './trips.ts';

export interface UrgentTrip {
  id: number;
  /** "Russia, Belarus" */
  places: string;
  start: string;
  end: string | null;
  reasons: string[];
}

/** Those of these trips that urgent messages are about now (src/domain/silenced-urgent.ts). */
export function urgentTrips(trips: readonly TripView[], day: string): UrgentTrip[] {
  return trips
    .map((t) => ({
      id: t.id, places: t.destinations.map((d) => d.name).join(', '), start: t.start, end: t.end,
      reasons: urgentReasons({ ...t, cancelled: t.cancelledAt !== null }, day),
    }))
    .filter((t) => t.reasons.length > 0);
}

export async function tripsWithUrgentNews(ctx: EnrolmentContext, travellerId: number): Promise<UrgentTrip[]> {
  return urgentTrips(await listTrips(ctx, travellerId), today(ctx));
}
