import type { Config } from '../config.ts';

/** The public page of a destination, as messages link to it. */
export function destinationUrl(config: Pick<Config, 'publicUrl'>, payload: { slug?: string; code: string }): string {
  return `${config.publicUrl}/destinations/${encodeURIComponent(payload.slug || payload.code.toLowerCase())}`;
}
