import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { identityFromEnvironment } from './domain/identity.ts';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';
import { parseSmppUrl, type SmppTarget } from './sms/smpp-url.ts';

export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  publicUrl: string;
  smtpUrl: string | undefined;
  secret: string;
  /** TRUST_PROXY: which reverse proxies may name the client (src/http/trust-proxy.ts). */
  trustProxy: TrustProxy;
  /** METRICS_TOKEN: the bearer token /metrics asks for; unset, /metrics does not exist. */
  metricsToken: string | undefined;
  /** SMPP_URL: the SMS centre (src/sms/smpp-url.ts); unset, no SMS is sent. */
  smpp: SmppTarget | undefined;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/waypost.db';

/** Reads the environment variables of docs/contracts.md ("Environment"), with their defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = overrides.databaseUrl ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const port = overrides.port ?? parsePort(env.PORT ?? '3000');
  // The deployment identity's defaults (docs/identity.md) are read where they are used; a bad one stops start-up here.
  identityFromEnvironment(env);
  const publicUrl = (overrides.publicUrl ?? env.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  return {
    databaseUrl,
    host,
    port,
    publicUrl,
    smtpUrl: overrides.smtpUrl ?? (env.SMTP_URL || undefined),
    secret: overrides.secret ?? env.WAYPOST_SECRET ?? persistentSecret(databaseUrl),
    trustProxy: overrides.trustProxy ?? parseTrustProxy(env.TRUST_PROXY),
    metricsToken: overrides.metricsToken ?? parseMetricsToken(env.METRICS_TOKEN),
    smpp: 'smpp' in overrides ? overrides.smpp : parseSmppUrl(env.SMPP_URL),
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a number from 0 to 65535 (got "${text}")`);
  return port;
}

/** Prometheus sends the token in a header: keep it to visible ASCII, and long enough not to be guessed. */
function parseMetricsToken(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (!/^[\x21-\x7e]{16,512}$/.test(text)) throw new Error('METRICS_TOKEN must be 16 to 512 visible ASCII characters (no spaces), e.g. the output of `openssl rand -hex 32`');
  return text;
}

/** Without WAYPOST_SECRET, one is generated on first use and kept beside the SQLite file (or in ./data). */
function persistentSecret(databaseUrl: string): string {
  const folder = databaseUrl.startsWith('sqlite:') && !databaseUrl.includes(':memory:') ? dirname(databaseUrl.slice(7)) : './data';
  const file = join(folder, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
