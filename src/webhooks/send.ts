import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { checkWebhookUrl, guardedLookup, type GuardOptions } from './address-guard.ts';

/** A new Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface WebhookResponse {
  status: number;
  body: string;
}

export interface PostOptions extends GuardOptions {
  timeoutMs?: number;
  now?: Date;
  /** Largest response body read, in bytes. */
  maxResponseBytes?: number;
  /** The webhook-id header (an idempotency key: the same for every retry of one message); random when absent. */
  id?: string;
}

/**
 * POSTs a JSON payload signed with Standard Webhooks headers (webhook-id, webhook-timestamp,
 * webhook-signature). The URL is checked by the address guard first, and the connection resolves
 * through the guard again, so it reaches only an address that passed. Redirects are not followed.
 */
export async function postSignedWebhook(urlText: string, secret: string, payload: unknown, options: PostOptions = {}): Promise<WebhookResponse> {
  const { url } = await checkWebhookUrl(urlText, options);
  const body = JSON.stringify(payload);
  const id = options.id ?? `msg_${randomBytes(12).toString('hex')}`;
  const timestamp = options.now ?? new Date();
  const signature = new Webhook(secret).sign(id, timestamp, body);
  const client = url.protocol === 'https:' ? https : http;
  const maxBytes = options.maxResponseBytes ?? 64 * 1024;
  return new Promise<WebhookResponse>((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      lookup: guardedLookup(options) as unknown as http.RequestOptions['lookup'],
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'Waypost-Webhooks/1',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      timeout: options.timeoutMs ?? 5000,
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${(options.timeoutMs ?? 5000) / 1000} s`)));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('close', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.end(body);
  });
}

/**
 * The confirmation challenge: POST `{ type: 'webhook.challenge', challenge }`, signed; the
 * endpoint proves it is willing (and holds the secret, if it verifies) by answering 2xx with the
 * challenge echoed back, either as the whole body or as JSON `{ "challenge": "…" }`.
 */
export async function sendChallenge(url: string, secret: string, options: PostOptions = {}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const challenge = randomBytes(24).toString('base64url');
  let response: WebhookResponse;
  try {
    response = await postSignedWebhook(url, secret, { type: 'webhook.challenge', challenge }, options);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (response.status < 200 || response.status > 299) return { ok: false, reason: `the endpoint answered HTTP ${response.status}` };
  const text = response.body.trim();
  let echoed = text === challenge;
  if (!echoed) {
    try {
      echoed = (JSON.parse(text) as { challenge?: unknown }).challenge === challenge;
    } catch {
      echoed = false;
    }
  }
  return echoed ? { ok: true } : { ok: false, reason: 'the endpoint did not echo the challenge back' };
}
