import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EventSummary } from '../../notify/stats.ts';
import { DELIVERY_STATUSES, eventErrors, eventSummary, recentEventSummaries } from '../../notify/stats.ts';
import { html, type SafeHtml } from '../html.ts';
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
  const notFound = (request: FastifyRequest, reply: FastifyReply, what: string) =>
    notFoundPage(request, reply.header('cache-control', 'no-store'), `There is no such ${what}.`, { href: '/console/notifications', label: 'Notifications' });
  const outboxInUse = !config.smtpUrl;

  app.get('/console/notifications', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const events = await recentEventSummaries(store.db, 50);
    const outbox = outboxInUse
      ? Number((await store.db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      : null;
    const description = outboxInUse ? 'the built-in outbox (no SMTP_URL is set)' : 'the SMTP server in SMTP_URL';
    return page(reply, notificationsPage(viewerOf(request), events, { description, outbox }));
  });

  app.get('/console/notifications/events/:id', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
    const id = idParam(request);
    const summary = id === null ? null : await eventSummary(store.db, id);
    if (!summary) return notFound(request, reply, 'event');
    return page(reply, eventPage(viewerOf(request), summary, await eventErrors(store.db, summary.id)));
  });

  app.get('/console/notifications/outbox', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const messages = await store.db.selectFrom('outbox_messages').select(['id', 'recipient', 'subject', 'created_at']).orderBy('id', 'desc').limit(200).execute();
    return page(reply, outboxPage(viewerOf(request), messages));
  });

  app.get('/console/notifications/outbox/:id', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const id = idParam(request);
    const message = id === null ? undefined : await store.db.selectFrom('outbox_messages').select(['id', 'recipient', 'subject', 'created_at', 'message_id', 'text_body']).where('id', '=', id).executeTakeFirst();
    if (!message) return notFound(request, reply, 'message');
    return page(reply, outboxMessagePage(viewerOf(request), message));
  });
}

function eventLabel(e: EventSummary): string {
  return `${e.kind}${e.destinationCode ? ` · ${e.destinationCode}` : ''}`;
}

function pendingNote(e: EventSummary): SafeHtml {
  if (!e.fannedOutAt) return html`<span class="badge status">audience not computed yet</span>`;
  const open = e.deliveries.queued + e.deliveries.sending;
  return open > 0 ? html`<span class="badge status status-submitted">${open} to send</span>` : html`<span class="badge status status-published">done</span>`;
}

function notificationsPage(viewer: Viewer, events: readonly EventSummary[], mail: { description: string; outbox: number | null }): string {
  const rows = events.map((e) => html`<tr>
<td><a href="/console/notifications/events/${e.id}">#${e.id}</a></td>
<td>${eventLabel(e)}${e.urgent ? html` <span class="badge level-4">urgent</span>` : ''}</td>
<td>${timeTag(e.createdAt)}</td>
<td class="num">${e.audienceSize ?? '—'}</td>
${DELIVERY_STATUSES.map((s) => html`<td class="num">${e.deliveries[s]}</td>`)}
<td>${pendingNote(e)}</td>
</tr>`);
  return consolePage({
    title: 'Notifications',
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>Notifications</h1>
<p class="meta">Each published major change (and each public alert) is an event; its audience is computed once and delivered by the worker, urgent first. Mail goes to ${mail.description}.${mail.outbox === null ? '' : html` <a href="/console/notifications/outbox">Built-in outbox</a> (${mail.outbox} messages).`}</p></div>
<a class="button secondary" href="/console/notifications">Refresh</a></div>
<div class="card">${events.length === 0
    ? html`<p class="muted">No events yet. Publishing a major change to an advisory creates one; travellers enrolled there are then notified.</p>`
    : html`<table><thead><tr><th scope="col">Event</th><th scope="col">What</th><th scope="col">Created</th><th scope="col" class="num">Audience</th>${DELIVERY_STATUSES.map((s) => html`<th scope="col" class="num">${s}</th>`)}<th scope="col">State</th></tr></thead><tbody>${rows}</tbody></table>`}</div>`,
  });
}

function eventPage(viewer: Viewer, e: EventSummary, errors: readonly { error: string; count: number }[]): string {
  const channels = Object.entries(e.channels);
  return consolePage({
    title: `Event #${e.id}`,
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>Event #${e.id}: ${eventLabel(e)}</h1>
<p class="meta">Created ${timeTag(e.createdAt)}; audience computed ${timeTag(e.fannedOutAt)}. ${pendingNote(e)}</p></div>
<a class="button secondary" href="/console/notifications/events/${e.id}">Refresh</a></div>
<div class="card"><h2>Deliveries</h2><table><thead><tr><th scope="col">Audience</th>${DELIVERY_STATUSES.map((s) => html`<th scope="col" class="num">${s}</th>`)}</tr></thead>
<tbody><tr><td class="num">${e.audienceSize ?? '—'}</td>${DELIVERY_STATUSES.map((s) => html`<td class="num">${e.deliveries[s]}</td>`)}</tr></tbody></table>
${channels.length ? html`<p>By channel: ${channels.map(([kind, n], i) => html`${i ? ', ' : ''}${kind} ${n}`)}.</p>` : ''}</div>
<div class="card"><h2>Errors</h2>${errors.length === 0 ? html`<p class="muted">None.</p>`
    : html`<table><thead><tr><th scope="col">Last error</th><th scope="col" class="num">Deliveries</th></tr></thead><tbody>${errors.map((r) => html`<tr><td>${r.error}</td><td class="num">${r.count}</td></tr>`)}</tbody></table>`}</div>
<p><a href="/console/notifications">All events</a></p>`,
  });
}

interface OutboxRow {
  id: number;
  recipient: string;
  subject: string;
  created_at: string;
}

function outboxPage(viewer: Viewer, messages: readonly OutboxRow[]): string {
  return consolePage({
    title: 'Outbox',
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>Built-in outbox</h1>
<p class="meta">With no SMTP_URL set, e-mail is kept here instead of being sent: the newest 200 messages. Recipients are travellers' addresses: personal data, shown to admins only.</p></div></div>
<div class="card">${messages.length === 0 ? html`<p class="muted">The outbox is empty.</p>`
    : html`<table><thead><tr><th scope="col">Created</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${messages.map((m) => html`<tr><td>${timeTag(m.created_at)}</td><td>${m.recipient}</td><td><a href="/console/notifications/outbox/${m.id}">${m.subject}</a></td></tr>`)}</tbody></table>`}</div>`,
  });
}

function outboxMessagePage(viewer: Viewer, message: OutboxRow & { message_id: string; text_body: string }): string {
  return consolePage({
    title: message.subject,
    ...frameOf(viewer),
    nav: 'notifications',
    main: html`<div class="page-head"><div><h1>${message.subject}</h1>
<p class="meta">To ${message.recipient}, ${timeTag(message.created_at)}. Message-ID <code>${message.message_id}</code></p></div></div>
<div class="card"><pre class="mail">${message.text_body}</pre></div>
<p><a href="/console/notifications/outbox">Outbox</a></p>`,
  });
}
