import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EventSummary } from '../../notify/stats.ts';
import { DELIVERY_STATUSES, eventErrors, eventSummary, recentEventSummaries } from '../../notify/stats.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { say } from './crisis-text.ts';
import { idParam, page as htmlPage } from '../replies.ts';
import { consolePage, timeTag, type Viewer, frameOf } from './layout.ts';
import { notFound as notFoundPage, viewerOf, type ConsoleScope } from './scope.ts';

/**
 * /console/notifications (docs/notifications.md): events with their live audience and delivery
 * counts, one event in detail (every staff member), and the built-in outbox that holds what would
 * have been e-mailed when no SMTP_URL is set (admins only: it holds travellers' addresses).
 */

export async function notificationRoutes(app: FastifyInstance, { store, config, guards: { read, admin } }: ConsoleScope): Promise<void> {
  // These pages have always said plain no-store (the others say private, no-store).
  const page = (reply: FastifyReply, body: string, status = 200) => htmlPage(reply.header('cache-control', 'no-store'), body, status);
  const notFound = (request: FastifyRequest, reply: FastifyReply, what: 'Event' | 'Message') =>
    notFoundPage(request, reply.header('cache-control', 'no-store'), translator(request.locale).t(`consoleNotifications.noSuch${what}`), { href: '/console/notifications', label: { id: 'consoleNotifications.title' } });
  const outboxInUse = !config.smtpUrl;

  app.get('/console/notifications', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const events = await recentEventSummaries(store.db, 50);
    const outbox = outboxInUse
      ? Number((await store.db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      : null;
    return page(reply, notificationsPage(viewerOf(request), events, { outbox }));
  });

  app.get('/console/notifications/events/:id', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const id = idParam(request);
    const summary = id === null ? null : await eventSummary(store.db, id);
    if (!summary) return notFound(request, reply, 'Event');
    return page(reply, eventPage(viewerOf(request), summary, await eventErrors(store.db, summary.id)));
  });

  app.get('/console/notifications/outbox', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const messages = await store.db.selectFrom('outbox_messages').select(['id', 'recipient', 'subject', 'created_at']).orderBy('id', 'desc').limit(200).execute();
    return page(reply, outboxPage(viewerOf(request), messages));
  });

  app.get('/console/notifications/outbox/:id', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const id = idParam(request);
    const message = id === null ? undefined : await store.db.selectFrom('outbox_messages').select(['id', 'recipient', 'subject', 'created_at', 'message_id', 'text_body']).where('id', '=', id).executeTakeFirst();
    if (!message) return notFound(request, reply, 'Message');
    return page(reply, outboxMessagePage(viewerOf(request), message));
  });
}

function eventLabel(tr: Translator, e: EventSummary): string {
  return `${tr.t('consoleNotifications.kind', { kind: e.kind.replace('.', '_') })}${e.destinationCode ? ` · ${e.destinationCode}` : ''}`;
}

function pendingNote(tr: Translator, e: EventSummary): SafeHtml {
  if (!e.fannedOutAt) return html`<span class="badge status">${say(tr, 'consoleNotifications.notComputed')}</span>`;
  const open = e.deliveries.queued + e.deliveries.sending;
  return open > 0 ? html`<span class="badge status status-submitted">${say(tr, 'consoleNotifications.toSend', { count: String(open) })}</span>` : html`<span class="badge status status-published">${say(tr, 'consoleNotifications.done')}</span>`;
}

/** The delivery states as column heads ("queued", "en file"). */
const statusHeads = (tr: Translator) => DELIVERY_STATUSES.map((s) => html`<th scope="col" class="num">${tr.t('consoleNotifications.delivery', { status: s })}</th>`);

function notificationsPage(viewer: Viewer, events: readonly EventSummary[], mail: { outbox: number | null }): string {
  const { tr } = viewer;
  const where = say(tr, mail.outbox === null ? 'consoleNotifications.viaSmtp' : 'consoleNotifications.viaOutbox');
  const rows = events.map((e) => html`<tr>
<td><a href="/console/notifications/events/${e.id}">#${e.id}</a></td>
<td>${eventLabel(tr, e)}${e.urgent ? html` <span class="badge level-4">${say(tr, 'consoleNotifications.urgent')}</span>` : ''}</td>
<td>${timeTag(e.createdAt)}</td>
<td class="num">${e.audienceSize ?? '—'}</td>
${DELIVERY_STATUSES.map((s) => html`<td class="num">${e.deliveries[s]}</td>`)}
<td>${pendingNote(tr, e)}</td>
</tr>`);
  const col = (id: 'event' | 'what' | 'created' | 'state') => html`<th scope="col">${say(tr, `consoleNotifications.col.${id}`)}</th>`;
  return consolePage({
    title: tr.t('consoleNotifications.title'),
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>${say(tr, 'consoleNotifications.title')}</h1>
<p class="meta">${say(tr, 'consoleNotifications.intro', { where })}${mail.outbox === null ? '' : html` <a href="/console/notifications/outbox">${say(tr, 'consoleNotifications.outboxLink')}</a> ${say(tr, 'consoleNotifications.outboxCount', { count: String(mail.outbox) })}`}</p></div>
<a class="button secondary" href="/console/notifications">${say(tr, 'consoleNotifications.refresh')}</a></div>
<div class="card">${events.length === 0
    ? html`<p class="muted">${say(tr, 'consoleNotifications.noEvents')}</p>`
    : html`<table><thead><tr>${col('event')}${col('what')}${col('created')}<th scope="col" class="num">${say(tr, 'consoleNotifications.col.audience')}</th>${statusHeads(tr)}${col('state')}</tr></thead><tbody>${rows}</tbody></table>`}</div>`,
  });
}

function eventPage(viewer: Viewer, e: EventSummary, errors: readonly { error: string; count: number }[]): string {
  const { tr } = viewer;
  const channels = Object.entries(e.channels);
  const byChannel = html`${channels.map(([kind, n], i) => html`${i ? ', ' : ''}${tr.t('consoleNotifications.channel', { channel: kind })} ${n}`)}`;
  return consolePage({
    title: tr.t('consoleNotifications.event', { id: String(e.id) }),
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>${say(tr, 'consoleNotifications.eventHeading', { id: String(e.id), what: html`${eventLabel(tr, e)}` })}</h1>
<p class="meta">${say(tr, 'consoleNotifications.eventMeta', { created: timeTag(e.createdAt), computed: timeTag(e.fannedOutAt) })} ${pendingNote(tr, e)}</p></div>
<a class="button secondary" href="/console/notifications/events/${e.id}">${say(tr, 'consoleNotifications.refresh')}</a></div>
<div class="card"><h2>${say(tr, 'consoleNotifications.deliveries')}</h2><table><thead><tr><th scope="col">${say(tr, 'consoleNotifications.col.audience')}</th>${statusHeads(tr)}</tr></thead>
<tbody><tr><td class="num">${e.audienceSize ?? '—'}</td>${DELIVERY_STATUSES.map((s) => html`<td class="num">${e.deliveries[s]}</td>`)}</tr></tbody></table>
${channels.length ? html`<p>${say(tr, 'consoleNotifications.byChannel', { channels: byChannel })}</p>` : ''}</div>
<div class="card"><h2>${say(tr, 'consoleNotifications.errors')}</h2>${errors.length === 0 ? html`<p class="muted">${say(tr, 'consoleNotifications.noErrors')}</p>`
    : html`<table><thead><tr><th scope="col">${say(tr, 'consoleNotifications.col.lastError')}</th><th scope="col" class="num">${say(tr, 'consoleNotifications.col.deliveries')}</th></tr></thead><tbody>${errors.map((r) => html`<tr><td>${r.error}</td><td class="num">${r.count}</td></tr>`)}</tbody></table>`}</div>
<p><a href="/console/notifications">${say(tr, 'consoleNotifications.allEvents')}</a></p>`,
  });
}

interface OutboxRow {
  id: number;
  recipient: string;
  subject: string;
  created_at: string;
}

function outboxPage(viewer: Viewer, messages: readonly OutboxRow[]): string {
  const { tr } = viewer;
  return consolePage({
    title: tr.t('consoleNotifications.outboxTitle'),
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>${say(tr, 'consoleNotifications.outboxHeading')}</h1>
<p class="meta">${say(tr, 'consoleNotifications.outboxIntro')}</p></div></div>
<div class="card">${messages.length === 0 ? html`<p class="muted">${say(tr, 'consoleNotifications.outboxEmpty')}</p>`
    : html`<table><thead><tr><th scope="col">${say(tr, 'consoleNotifications.col.created')}</th><th scope="col">${say(tr, 'consoleNotifications.col.to')}</th><th scope="col">${say(tr, 'consoleNotifications.col.subject')}</th></tr></thead><tbody>${messages.map((m) => html`<tr><td>${timeTag(m.created_at)}</td><td>${m.recipient}</td><td><a href="/console/notifications/outbox/${m.id}">${m.subject}</a></td></tr>`)}</tbody></table>`}</div>`,
  });
}

function outboxMessagePage(viewer: Viewer, message: OutboxRow & { message_id: string; text_body: string }): string {
  return consolePage({
    title: message.subject,
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>${message.subject}</h1>
<p class="meta">${say(viewer.tr, 'consoleNotifications.messageMeta', { recipient: html`${message.recipient}`, when: timeTag(message.created_at), id: html`<code>${message.message_id}</code>` })}</p></div></div>
<div class="card"><pre class="mail">${message.text_body}</pre></div>
<p><a href="/console/notifications/outbox">${say(viewer.tr, 'consoleNotifications.outboxTitle')}</a></p>`,
  });
}
