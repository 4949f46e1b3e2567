import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A static file of the public site, addressed by a name that carries a hash of its content. */
export interface Asset {
  /** The source name ("site.css"). */
  name: string;
  /** The URL file name ("site.3f2a9c1b0d.css"): a new content gets a new URL, so it may be cached forever. */
  hashedName: string;
  type: string;
  body: Buffer;
}

/** Hashed URLs never change content: caches may keep them for a year without asking again. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

function load(name: string): Asset {
  const body = readFileSync(new URL(name, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  const extension = name.slice(dot + 1);
  return { name, hashedName: `${name.slice(0, dot)}.${hash}.${extension}`, type: TYPES[extension]!, body };
}

/** Read once at start-up; a deploy with changed files is a new process with new hashes. */
export const ASSETS: readonly Asset[] = ['site.css', 'narrow-and-print.css', 'site.js'].map(load);

const byName = new Map(ASSETS.map((asset) => [asset.name, asset]));
const byHashedName = new Map(ASSETS.map((asset) => [asset.hashedName, asset]));

export function assetPath(name: string): string {
  const asset = byName.get(name);
  if (!asset) throw new Error(`no asset named ${name}`);
  return asset.hashedName;
}

export function findAsset(hashedName: string): Asset | undefined {
  return byHashedName.get(hashedName);
}
