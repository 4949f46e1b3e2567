import { levelLabel } from '../domain/levels.ts';
import type { StoredRevision } from '../publishing/revisions.ts';

/** An advisory revision as the public API shows it (AdvisorySchema in schemas.ts; README, HTTP API). */
export function toAdvisoryJson(advisory: StoredRevision) {
  return {
    code: advisory.code,
    name: advisory.name,
    level: advisory.level,
    levelLabel: levelLabel(advisory.level),
    indicators: advisory.indicators,
    risks: advisory.risks,
    regions: advisory.regions,
    departureUrged: advisory.departureUrged,
    summary: advisory.summary,
    sections: advisory.sections,
    revision: advisory.revision,
    changeType: advisory.changeType,
    changeNote: advisory.changeNote,
    publishedAt: advisory.publishedAt,
    reviewedAt: advisory.reviewedAt,
    nextReviewDue: advisory.nextReviewDue,
    source: advisory.source,
    missions: advisory.missions,
    quickFacts: advisory.quickFacts,
  };
}

export type AdvisoryJson = ReturnType<typeof toAdvisoryJson>;
