import type { FastifyInstance } from 'fastify';
import { recentSyncs, type SyncEntry } from '../../sources/sync/log.ts';
import { SOURCES, urlVariable, type SourceDefinition } from '../../sources/sync/registry.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { message } from '../html-messages.ts';
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

const outcome = (tr: Translator, entry: SyncEntry) => tr.t('consoleAdmin.sources.outcome', { outcome: entry.outcome.replace('-', '_') });

const COLUMNS = ['created', 'updated', 'unchanged', 'skipped', 'merged', 'unmapped', 'notified'] as const;

function syncRow(tr: Translator, entry: SyncEntry): SafeHtml {
  const counted = entry.outcome === 'imported';
  const count = (n: number) => (counted ? String(n) : html`<span class="muted">—</span>`);
  return html`<tr class="sync-${entry.outcome}">
<td class="nowrap">${timeTag(entry.startedAt)}</td><td>${tr.t('consoleAdmin.sources.trigger', { trigger: entry.trigger })}</td><td class="mono">${entry.location}</td><td>${entry.httpStatus ?? html`<span class="muted">—</span>`}</td>
<td><span class="badge status outcome-${entry.outcome}">${outcome(tr, entry)}</span></td>
${[entry.created, entry.updated, entry.unchanged, entry.skipped, entry.merged, entry.unmapped, entry.events].map((n) => html`<td class="num">${count(n)}</td>`)}
<td>${entry.error ?? ''}</td></tr>`;
}

function sourceCard(tr: Translator, source: SourceDefinition, syncs: readonly SyncEntry[]): SafeHtml {
  const col = (name: string) => tr.t('consoleAdmin.sources.col', { col: name });
  const last = syncs[0];
  return html`<section class="card" id="source-${source.name}"><div class="card-head"><h2>${source.authority} <span class="code">${source.name}</span></h2></div>
<p class="meta">${tr.t('consoleAdmin.sources.feed')} <span class="mono">${source.defaultUrl}</span>${last ? html` · ${message(tr, 'consoleAdmin.sources.lastRun', { when: timeTag(last.startedAt), outcome: outcome(tr, last) })}` : ''}</p>
${syncs.length === 0
    ? html`<p class="empty">${message(tr, 'consoleAdmin.sources.never', { command: html`<code>waypost sync ${source.name}</code>`, variable: html`<code>${urlVariable(source)}</code>` })}</p>`
    : html`<div class="table-wrap"><table><thead><tr>${['started', 'how', 'from', 'http', 'outcome'].map((name) => html`<th>${col(name)}</th>`)}${COLUMNS.map((name) => html`<th class="num">${col(name)}</th>`)}<th>${col('error')}</th></tr></thead>
<tbody>${syncs.map((entry) => syncRow(tr, entry))}</tbody></table></div>`}
</section>`;
}

function sourcesPage(viewer: Viewer, logs: readonly { source: SourceDefinition; syncs: readonly SyncEntry[] }[]): string {
  const { tr } = viewer;
  return consolePage({
    title: tr.t('console.nav.sources'),
    ...frameOf(viewer),
    nav: 'sources',
    main: html`<div class="page-head"><div><h1>${tr.t('console.nav.sources')}</h1><p class="meta">${tr.t('consoleAdmin.sources.intro', { shown: SHOWN })}</p></div></div>
${logs.map(({ source, syncs }) => sourceCard(tr, source, syncs))}`,
  });
}
