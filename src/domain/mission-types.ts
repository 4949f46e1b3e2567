/**
 * The shapes of missions (embassies, consulates) and quick facts, with no imports: advisory.ts
 * carries them as content, and the rules (missions.ts, quick-facts.ts) import advisory.ts.
 */

export const MISSION_TYPES = ['embassy', 'consulate-general', 'consulate', 'honorary-consul', 'interests-section'] as const;
export type MissionType = (typeof MISSION_TYPES)[number];

export const MISSION_STATUSES = ['operating', 'reduced', 'suspended', 'closed'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export interface MissionPhone {
  label: string;
  number: string;
  /** A line answered at any hour for emergencies. */
  emergency: boolean;
}

export interface Mission {
  /** Stable within the destination ("embassy-moscow"): what a status change is tracked by. */
  id: string;
  type: MissionType;
  name: string;
  city: string;
  address: string;
  phones: MissionPhone[];
  email: string;
  hours: string;
  services: string[];
  status: MissionStatus;
  /** YYYY-MM-DD, or null when not known. */
  statusSince: string | null;
  statusNote: string;
  /** An interests section's protecting power (ISO 3166-1 alpha-2); null for every other type. */
  hostCountry: string | null;
}

/**
 * A destination's quick facts: entry and money rules a traveller checks before going.
 */
export interface QuickFacts {
  passportValidity: string;
  blankPages: string;
  visa: string;
  vaccinations: string;
  currencyImport: string;
  currencyExport: string;
  /** Whether the deployment's citizens' bank cards work there; null = not said. */
  bankCardsWork: boolean | null;
  bankCardsNote: string;
  emergencyNumbers: string;
  entryExitNotes: string;
}

