import { normaliseName } from '../../domain/destinations.ts';

/** A feed item that speaks for several ISO destinations at once. */
export interface TerritoryGroup {
  /** The name the feed gives the group ("French West Indies"). */
  name: string;
  /** ISO 3166-1 alpha-2 of every destination the item's advice covers, in the order the report prints them. */
  codes: readonly string[];
}

/**
 * Items that name a group of territories, by Country-Tag. The advice in such an item is the advice
 * for each territory of the group, so it is applied to every one of them; picking one would publish
 * it under one flag and leave the others without advice. Each entry quotes what the item itself
 * says it covers, so the table can be checked against the feed:
 *
 * - A3, "French West Indies": "Exercise normal precautions in the French West Indies, which includes
 *   the islands of Guadeloupe, Martinique, French Saint Martin, and Saint Barthélemy" (2025-10-08
 *   feed). Saint Martin is the French part (MF), not Sint Maarten (SX), which has its own item.
 */
export const TERRITORY_GROUPS: Readonly<Record<string, TerritoryGroup>> = {
  A3: { name: 'French West Indies', codes: ['GP', 'MQ', 'BL', 'MF'] },
};

/** The group an item stands for, by its Country-Tag or, without one, by the name in its title. */
export function territoryGroup(name: string, tag: string | undefined): TerritoryGroup | undefined {
  const byTag = tag ? TERRITORY_GROUPS[tag.trim().toUpperCase()] : undefined;
  if (byTag) return byTag;
  const wanted = normaliseName(name);
  return Object.values(TERRITORY_GROUPS).find((group) => normaliseName(group.name) === wanted);
}
