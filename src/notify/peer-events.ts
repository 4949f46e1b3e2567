import type { Kysely } from 'kysely';
import { PEER_ADVICE_CHANGED } from '../domain/event-kinds.ts';
import { findByCode } from '../domain/destinations.ts';
import { PEER_SOURCE_NAMES, peerChangesWorthTelling, type PeerSnapshot } from '../domain/peer-changes.ts';
import type { PeerRegion, PeerSource } from '../domain/peer-levels.ts';
import type { Database } from '../store/schema.ts';
import { writeEvent, type NotifyEvent, type PeerChangeEvent } from './events.ts';
import type { PeerChangePayload } from './peer-payload.ts';
export type { PeerChangePayload };

/**
 * `peer.changed`: another government changed its advice for a destination in a way worth telling
 * (src/domain/peer-changes.ts). Written by the peer import in the transaction that stores the new
 * version; fanned out only to travellers who opted in (src/notify/peer-audience.ts). Never urgent:
 * it is not our advice.
 */

export function isPeerChangeEvent(event: Pick<NotifyEvent, 'kind'>): event is PeerChangeEvent {
  return event.kind === PEER_ADVICE_CHANGED;
}

type Advice = PeerSnapshot & { regions: readonly PeerRegion[]; url: string; updatedAt: string };

/**
 * Writes a `peer.changed` event when the change from `before` to `after` is worth telling; call it
 * in the transaction that stores `after`. Returns the event's id, or null when nothing is said.
 */
export async function writePeerChangeEvent(trx: Kysely<Database>, source: string, code: string, before: Advice | undefined, after: Advice, at: Date): Promise<number | null> {
  if (!before) return null;
  const changes = peerChangesWorthTelling(source as PeerSource, before, after);
  if (!changes.length) return null;
  const destination = findByCode(code);
  const payload: PeerChangePayload = {
    source, sourceName: PEER_SOURCE_NAMES[source] ?? source, code, name: destination?.name ?? code, slug: destination?.slug ?? code.toLowerCase(),
    nativeLabel: after.nativeLabel, level: after.level, previousNativeLabel: before.nativeLabel, previousLevel: before.level,
    regions: [...after.regions], changes, url: after.url, updatedAt: after.updatedAt, urgent: false,
  };
  return writeEvent(trx, { kind: PEER_ADVICE_CHANGED, destinationCode: code, at, payload });
}
