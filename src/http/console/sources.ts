import type { FastifyInstance } from 'fastify';
import { recentSyncs, type SyncEntry } from '../../sources/sync/log.ts';
import { SOURCES, urlVariable, type SourceDefinition } from '../../sources/sync/registry.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../replies.ts';
import { consolePage, timeTag, type Viewer, frameOf } from './layout.ts';
import { viewerOf, type ConsoleScope } from './scope.ts';

/**
 * Sources: the import and sync log of every government feed Waypost reads (src/sources/sync),
 * newest first — when, how it was started, the HTTP status, what it created, updated, skipped and
 * merged, and why a run failed. The same entries and the same rule (every staff role may read) as
 * `GET /api/v1/sources`.
 */

/** Log entries shown per source; `GET /api/v1/sources?limit=` reads further back. */
const SHOWN = 20;

export async function sourceRoutes(app: FastifyInstance, { store, guards: { read } }: ConsoleScope): Promise<void> {
  app.get('/console/sources', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const logs = await Promise.all(SOURCES.map(async (source) => ({ source, syncs: await recentSyncs(store.db, { source: source.name, limit: SHOWN }) })));
    return page(reply, sourcesPage(viewerOf(request), logs));
  });
}

const OUTCOMES: Record<SyncEntry['outcome'], string> = { imported: 'imported', 'not-modified': 'not modified (304)', failed: 'failed' };

function syncRow(entry: SyncEntry): SafeHtml {
  const counted = entry.outcome === 'imported';
  const count = (n: number) => (counted ? String(n) : html`<span class="muted">—</span>`);
  return html`<tr class="sync-${entry.outcome}">
<td class="nowrap">${timeTag(entry.startedAt)}</td><td>${entry.trigger}</td><td class="mono">${entry.location}</td><td>${entry.httpStatus ?? html`<span class="muted">—</span>`}</td>
<td><span class="badge status outcome-${entry.outcome}">${OUTCOMES[entry.outcome]}</span></td>
${[entry.created, entry.updated, entry.unchanged, entry.skipped, entry.merged, entry.unmapped, entry.events].map((n) => html`<td class="num">${count(n)}</td>`)}
<td>${entry.error ?? ''}</td></tr>`;
}

function sourceCard(source: SourceDefinition, syncs: readonly SyncEntry[]): SafeHtml {
  const last = syncs[0];
  return html`<section class="card" id="source-${source.name}"><div class="card-head"><h2>${source.authority} <span class="code">${source.name}</span></h2></div>
<p class="meta">Feed: <span class="mono">${source.defaultUrl}</span>${last ? html` · last run ${timeTag(last.startedAt)}: ${OUTCOMES[last.outcome]}` : ''}</p>
${syncs.length === 0
    ? html`<p class="empty">No sync has run yet. Run <code>waypost sync ${source.name}</code> or set <code>${urlVariable(source)}</code>.</p>`
    : html`<div class="table-wrap"><table><thead><tr><th>Started</th><th>How</th><th>From</th><th>HTTP</th><th>Outcome</th>${['Created', 'Updated', 'Unchanged', 'Skipped', 'Merged', 'Unmapped', 'Notified'].map((label) => html`<th class="num">${label}</th>`)}<th>Error</th></tr></thead>
<tbody>${syncs.map(syncRow)}</tbody></table></div>`}
</section>`;
}

function sourcesPage(viewer: Viewer, logs: readonly { source: SourceDefinition; syncs: readonly SyncEntry[] }[]): string {
  return consolePage({
    title: 'Sources',
    ...frameOf(viewer),
    nav: 'sources',
    main: html`<div class="page-head"><div><h1>Sources</h1><p class="meta">Other governments' feeds imported or kept in sync: the last ${SHOWN} runs of each, newest first. Skipped: not newer than the current revision; merged: folded into another item for the same destination; notified: major changes that notify travellers.</p></div></div>
${logs.map(({ source, syncs }) => sourceCard(source, syncs))}`,
  });
}
