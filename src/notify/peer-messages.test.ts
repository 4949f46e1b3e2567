import { describe, expect, it } from 'vitest';
import type { PeerChangeEvent } from './events.ts';
import { peerSubject } from './peer-messages.ts';
import type { PeerChangePayload } from './peer-payload.ts';

const event = (patch: Partial<PeerChangePayload>): PeerChangeEvent => ({
  id: 1, kind: 'peer.changed', urgent: false,
  payload: {
    source: 'uk-fcdo', sourceName: 'United Kingdom (FCDO)', code: 'RU', name: 'Russia', slug: 'russia', nativeLabel: 'Advise against all travel', level: 4,
    previousNativeLabel: 'No travel warning', previousLevel: 1, regions: [], changes: [{ field: 'level', message: 'level raised from 1 to 4' }],
    url: 'https://www.gov.uk/foreign-travel-advice/russia', updatedAt: '2026-09-03T10:00:00Z', urgent: false, ...patch,
  },
});

describe('the subject of another government\'s change', () => {
  it.each([
    ['UK, whole country', {}, 'United Kingdom (FCDO) now advises against all travel to Russia (level 4 on our comparison scale)'],
    ['UK, parts', { nativeLabel: 'Advise against all but essential travel to parts', level: 1 }, 'United Kingdom (FCDO) now advises against all but essential travel to parts of Russia (level 1 on our comparison scale)'],
    ['Canada, in its own words', { sourceName: 'Canada (Global Affairs)', nativeLabel: 'Avoid non-essential travel', level: 3 }, 'Canada (Global Affairs) now says "Avoid non-essential travel" for Russia (level 3 on our comparison scale)'],
    ['regions only', { changes: [{ field: 'regions', message: 'Kherson raised from level 3 to 4' }] }, 'United Kingdom (FCDO) changed its advice for Russia: Kherson raised from level 3 to 4'],
  ] as [string, Partial<PeerChangePayload>, string][])('%s', (_name, patch, subject) => {
    expect(peerSubject(event(patch))).toBe(subject);
  });
});
