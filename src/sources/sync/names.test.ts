import { describe, expect, it } from 'vitest';
import { SOURCE_NAMES } from './names.ts';
import { SOURCES } from './registry.ts';

describe('source names', () => {
  it('lists exactly the sources the registry defines, so `waypost --help` names each one', () => {
    expect(SOURCES.map((source) => source.name)).toEqual([...SOURCE_NAMES]);
  });
});
