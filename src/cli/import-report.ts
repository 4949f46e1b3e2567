import { LEVEL_LABELS, LEVELS } from '../domain/levels.ts';
import type { ImportReport } from '../sources/import.ts';
import type { ItemDecision } from '../sources/plan.ts';

/** What each decision is called in the report. */
const LABELS: Record<ItemDecision['decision'], string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  'skipped-older': 'skipped (older than current)',
  merged: 'merged as region',
  superseded: 'superseded',
  unmapped: 'not imported',
  'applied-to-group': 'group item',
};

/**
 * The import report: counts, then every decision (a real run leaves out the plain "created" and
 * "unchanged" ones, which the counts say: a first import would list 200 lines), every merge among
 * them, and every region the advisory names that matched no ISO 3166-2 code.
 */
export function printReport(report: ImportReport, out: (line: string) => void = console.log): void {
  const verb = report.dryRun ? 'would be' : '';
  out(`read ${report.format}, ${report.items} items${report.dryRun ? ' (dry run: nothing written)' : ''}: ${report.created} ${verb} created, ${report.updated} ${verb} updated, ${report.unchanged} unchanged, ${report.skipped} skipped as older, ${report.merged} merged`.replace(/ {2,}/g, ' '));
  for (const level of LEVELS) out(`  Level ${level} ${LEVEL_LABELS[level]}: ${report.byLevel[level]}`);
  if (!report.dryRun && report.events) out(`notifications: ${report.events} major change(s) queued for travellers`);
  const shown = report.decisions.filter((d) => report.dryRun || !['created', 'unchanged'].includes(d.decision));
  if (shown.length) {
    out('decisions:');
    for (const d of shown) {
      const what = [LABELS[d.decision], d.changeType, d.code].filter(Boolean).join(', ');
      const detail = d.detail ?? (d.fromGroup ? 'its copy of the group item' : undefined);
      out(`  ${d.title}: ${what}${detail ? ` — ${detail}` : ''}`);
    }
  }
  if (report.uncoded.length) {
    out(`regions without an ISO 3166-2 code (${report.uncoded.reduce((n, u) => n + u.areas.length, 0)}):`);
    for (const u of report.uncoded) out(`  ${u.code} ${u.title}: ${u.areas.join('; ')}`);
  }
}
