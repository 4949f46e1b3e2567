/**
 * The staff API's draft ETags (`"draft-7-v3"`: draft 7 at version 3) and reading them back from
 * If-Match, so a client's save or approval names the version it read (src/http/routes/staff-api/).
 */

export function draftEtag(id: number, version: number): string {
  return `"draft-${id}-v${version}"`;
}

/** The version of draft `id` an If-Match header names, `*` for any, or null when it names none. */
export function ifMatchVersion(header: string, id: number): number | '*' | null {
  for (const tag of header.split(',').map((t) => t.trim().replace(/^W\//, ''))) {
    if (tag === '*') return '*';
    const match = /^"draft-(\d+)-v(\d+)"$/.exec(tag);
    if (match && Number(match[1]) === id) return Number(match[2]);
  }
  return null;
}
