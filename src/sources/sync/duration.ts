// Sync intervals (SYNC_EVERY, `waypost sync --every`). A file of its own so that the command
// line can check `--every` without loading the sync machinery (src/cli/sync.ts).

/** "1h", "30m", "45s", "2h30m" → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*$/i.exec(text);
  if (!match || !(match[1] || match[2] || match[3])) return undefined;
  const ms = ((Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60 + Number(match[3] ?? 0)) * 1000;
  return ms > 0 ? ms : undefined;
}

/** Shortest interval accepted: a publisher's feed is not to be polled every second. */
export const MIN_INTERVAL_MS = 60_000;
