// The names of the sources Waypost imports and syncs, as on the command line and in the sync log.
// Kept apart from registry.ts (which loads every source's parser) so that `waypost --help` can
// list them without loading any parser; registry.ts defines a source for each name.
export const SOURCE_NAMES = ['us-state-dept', 'uk-fcdo', 'canada'] as const;

export type SourceName = (typeof SOURCE_NAMES)[number];
