/** Global Affairs Canada's zones, as its `friendly-date` writes them. */
const ZONES: Readonly<Record<string, string>> = { EDT: '-04:00', EST: '-05:00', UTC: 'Z', GMT: 'Z' };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * "September 24, 2026 08:53 EDT" → "2026-09-24T12:53:00.000Z". Without a zone ("February 26, 2014
 * 14:25 ", as the older index has it) or with one we do not know, the date is not guessed: undefined.
 */
export function parseFriendlyDate(text: string): string | undefined {
  const match = /^\s*([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{2})\s*([A-Z]{2,4})\s*$/.exec(text);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]!.toLowerCase());
  const zone = ZONES[match[6]!];
  if (month < 0 || !zone) return undefined;
  const pad = (n: string | number) => String(n).padStart(2, '0');
  const at = new Date(`${match[3]}-${pad(month + 1)}-${pad(match[2]!)}T${pad(match[4]!)}:${match[5]}:00${zone}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}
