import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Store } from '../../src/store/connect.ts';

export interface TravellerSession {
  cookie: string;
  csrf: string;
}

function cookiesOf(response: LightMyRequestResponse): string[] {
  return (response.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`);
}

/**
 * Signs a traveller up (or in) the way a person does: asks for a link, opens it from the built-in
 * outbox, and sends the form on the page it shows (whatever fields and cookies that form carries).
 */
export async function travellerSignIn(app: FastifyInstance, store: Store, email: string): Promise<TravellerSession> {
  const asked = await app.inject({ method: 'POST', url: '/account/sign-in', payload: { email } });
  if (asked.statusCode !== 202) throw new Error(`sign-in link for ${email}: ${asked.statusCode} ${asked.body}`);
  const mail = await store.db.selectFrom('outbox_messages').select('text_body').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const link = new URL(/(https?:\/\/\S+\/account\/link\/\S+)/.exec(mail.text_body)![1]!).pathname;
  const consumed = await confirmLink(app, link);
  const cookie = cookiesOf(consumed).find((c) => c.startsWith('waypost_traveller='));
  if (consumed.statusCode !== 303 || !cookie) throw new Error(`opening the link for ${email}: ${consumed.statusCode} ${consumed.body.slice(0, 200)}`);
  const page = await app.inject({ url: '/account', headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
}

/**
 * Opens a sign-in link as a browser does: shows its confirmation page, then sends the form on it
 * with its hidden fields and the cookies the page set (the pre-session pair of src/http/same-site.ts).
 * `headers` are added to the form post (an Origin, say).
 */
export async function confirmLink(app: FastifyInstance, link: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const landing = await app.inject({ url: link });
  const form = /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(landing.body);
  if (!form) throw new Error(`no form on ${link}: ${landing.statusCode}`);
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    if (name) fields.append(name, /value="([^"]*)"/.exec(input[0])?.[1] ?? '');
  }
  return app.inject({
    method: 'POST',
    url: form[1]!.replace(/&amp;/g, '&'),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(landing).join('; '), ...headers },
    payload: fields.toString(),
  });
}

/** A form post from the signed-in account pages, with the session's CSRF token. */
export function travellerPost(app: FastifyInstance, session: TravellerSession, url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
    payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
  });
}
