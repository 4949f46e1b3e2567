import { describe, expect, it } from 'vitest';
import { draftEtag, ifMatchVersion } from './draft-etag.ts';

describe('draft ETags', () => {
  it('round-trip through If-Match', () => {
    expect(ifMatchVersion(draftEtag(12, 3), 12)).toBe(3);
    expect(ifMatchVersion(`W/${draftEtag(12, 3)}`, 12)).toBe(3);
    expect(ifMatchVersion(`"other", ${draftEtag(12, 4)}`, 12)).toBe(4);
    expect(ifMatchVersion(draftEtag(11, 3), 12)).toBeNull();
    expect(ifMatchVersion('*', 12)).toBe('*');
    expect(ifMatchVersion('"nonsense"', 12)).toBeNull();
  });
});
