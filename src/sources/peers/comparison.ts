import type { Kysely } from 'kysely';
import { DESTINATIONS } from '../../domain/destinations.ts';
import { isLevel, levelLabel, type Level } from '../../domain/levels.ts';
import { highestLevel, PEER_SOURCES, spread, type PeerRegion, type PeerSource } from '../../domain/peer-levels.ts';
import type { RegionalAdvice } from '../../domain/advisory.ts';
import { departureDirective } from '../../domain/peer-departure.ts';
import { currentAdvisories } from '../../publishing/revisions.ts';
import type { Database } from '../../store/schema.ts';
import { US_STATE_DEPT } from '../authorities.ts';
import { currentPeerAdvice } from './store.ts';

/** One government's advice for a destination, as the comparison shows it: native words beside the mapped level. */
export interface SourceAdvice {
  source: PeerSource;
  nativeLabel: string;
  level: Level;
  regions: PeerRegion[];
  updatedAt: string;
  url: string;
  /** The source's sentence telling its citizens to leave (src/domain/peer-departure.ts), or null. */
  departure: string | null;
}

export interface Comparison {
  code: string;
  name: string;
  ours: { level: Level; levelLabel: string; publishedAt: string; departureUrged: boolean } | null;
  sources: SourceAdvice[];
  /** Highest minus lowest whole-country level, ours included. */
  spread: number;
  /** The highest level anyone gives anywhere in the destination (regions included); null with no advice. */
  highest: number | null;
}

const US_PAGE = 'https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories.html';

/**
 * The State Department's advice is what it published last, read from our own revisions credited to
 * it: on a default install our current advisory is that same revision, and stays the State
 * Department's entry here even after our editors publish their own.
 */
async function stateDepartment(db: Kysely<Database>, code?: string): Promise<Map<string, SourceAdvice>> {
  let query = db.selectFrom('advisory_revisions as r')
    .select(['r.destination_code', 'r.level', 'r.regions', 'r.published_at', 'r.source_url', 'r.departure_urged', 'r.summary'])
    .where('r.source_authority', '=', US_STATE_DEPT)
    .where(({ eb, selectFrom }) => eb('r.revision', '=', selectFrom('advisory_revisions as q').select((q) => q.fn.max('q.revision').as('n'))
      .whereRef('q.destination_code', '=', 'r.destination_code').where('q.source_authority', '=', US_STATE_DEPT)));
  if (code) query = query.where('r.destination_code', '=', code);
  const rows = await query.execute();
  const found = new Map<string, SourceAdvice>();
  for (const row of rows) {
    const level = Number(row.level);
    if (!isLevel(level)) continue;
    const regions = (JSON.parse(row.regions) as RegionalAdvice[]).map((r) => ({ name: r.name, ...(r.code ? { code: r.code } : {}), level: r.level, nativeLabel: `Level ${r.level}: ${levelLabel(r.level)}` }));
    found.set(row.destination_code, { source: 'us-state-dept', nativeLabel: `Level ${level}: ${levelLabel(level)}`, level, regions, updatedAt: row.published_at, url: row.source_url ?? US_PAGE,
      // The State Department's own call to leave, as imported; its summary's wording when the flag is not set.
      departure: Number(row.departure_urged) === 1 ? 'Departure urged (as imported from the State Department)' : departureDirective('us-state-dept', [row.summary]) });
  }
  return found;
}

/**
 * Every destination that we or any source advise on, or one destination; sources in a fixed order.
 * One destination's reads only its own rows: each destination page asks (twice in an export, once
 * per language), and reading every advisory each time made the export five times slower.
 */
export async function comparisons(db: Kysely<Database>, code?: string): Promise<Comparison[]> {
  const ours = new Map((await currentAdvisories(db, code ? { codes: [code] } : {})).map((a) => [a.code, a]));
  const us = await stateDepartment(db, code);
  const peers = await currentPeerAdvice(db, code ? { code } : {});
  const bySource = new Map<string, SourceAdvice[]>();
  for (const p of peers) {
    const list = bySource.get(p.code) ?? [];
    list.push({ source: p.source as PeerSource, nativeLabel: p.nativeLabel, level: p.level, regions: p.regions, updatedAt: p.updatedAt, url: p.url, departure: departureDirective(p.source as PeerSource, [p.changeNote, ...p.sections.map((x) => x.body)]) });
    bySource.set(p.code, list);
  }
  const order = (s: SourceAdvice) => PEER_SOURCES.indexOf(s.source);
  return DESTINATIONS.filter((d) => !code || d.code === code).flatMap((d) => {
    const advisory = ours.get(d.code);
    const sources = [...(us.has(d.code) ? [us.get(d.code)!] : []), ...(bySource.get(d.code) ?? [])].sort((a, b) => order(a) - order(b));
    if (!advisory && !sources.length && !code) return [];
    const levels = [advisory?.level, ...sources.map((s) => s.level)];
    const highs = [...(advisory ? [highestLevel(advisory)] : []), ...sources.map(highestLevel)];
    return [{
      code: d.code,
      name: d.name,
      ours: advisory ? { level: advisory.level, levelLabel: levelLabel(advisory.level), publishedAt: advisory.publishedAt, departureUrged: advisory.departureUrged } : null,
      sources,
      spread: spread(levels),
      highest: highs.length ? Math.max(...highs) : null,
    }];
  });
}

/** The destinations whose levels differ by at least `n`, largest spread first (then by name). */
export function disagreeing(all: readonly Comparison[], n: number): Comparison[] {
  return all.filter((c) => c.spread >= n).sort((a, b) => b.spread - a.spread || a.name.localeCompare(b.name, 'en'));
}

/** The comparison table as CSV rows: one per destination × source, ours first. */
export function comparisonRows(all: readonly Comparison[]): string[][] {
  const rows = [['code', 'destination', 'source', 'native_label', 'level', 'regions', 'updated_at', 'url', 'spread']];
  for (const c of all) {
    if (c.ours) rows.push([c.code, c.name, 'ours', c.ours.levelLabel, String(c.ours.level), '', c.ours.publishedAt, '', String(c.spread)]);
    for (const s of c.sources) {
      rows.push([c.code, c.name, s.source, s.nativeLabel, String(s.level), s.regions.map((r) => `${r.name} (${r.level})`).join('; '), s.updatedAt, s.url, String(c.spread)]);
    }
  }
  return rows;
}
