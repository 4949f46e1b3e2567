import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Outgoing webhooks must not be a way into the operator's own network (SSRF): every address a
 * webhook host resolves to is checked against the ranges below, and the connection itself is made
 * to an address that passed (see `guardedLookup`), so a DNS answer cannot change between the check
 * and the connection. The operator may allow private addresses with WEBHOOK_ALLOW_PRIVATE=true
 * (an intranet deployment, or tests on loopback).
 */

const V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard-only'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

/** The names of the ranges refused, as the refusals write them ("a private address"): pages translate each. */
export const BLOCKED_RANGE_NAMES: readonly string[] = [...new Set([...V4, ...V6].map(([, , name]) => name))];

const blocked: { list: BlockList; reason: string; type: 'ipv4' | 'ipv6' }[] = [
  ...V4.map(([network, prefix, reason]) => ({ network, prefix, reason, type: 'ipv4' as const })),
  ...V6.map(([network, prefix, reason]) => ({ network, prefix, reason, type: 'ipv6' as const })),
].map(({ network, prefix, reason, type }) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, reason, type };
});

/** The 16 bytes of an IPv6 address (with or without a dotted IPv4 tail), or undefined. */
function ipv6Bytes(address: string): number[] | undefined {
  let text = address.split('%')[0]!.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const parts = tail[1]!.split('.').map(Number);
    text = text.slice(0, -tail[1]!.length) + `${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...rest].map((g) => parseInt(g, 16));
  if (groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff)) return undefined;
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** An IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4), which is what a connection reaches. */
function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  if (!b) return undefined;
  const v4 = (offset: number) => b.slice(offset, offset + 4).join('.');
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (zero(0, 12) && !(b[12] === 0 && b[13] === 0 && b[14] === 0 && (b[15] ?? 0) <= 1)) return v4(12); // ::a.b.c.d (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return v4(12); // 64:ff9b::/96 NAT64
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2); // 2002::/16 6to4
  return undefined;
}

/** Why an IP address is not a public unicast one, or null when it is. Anything that is not an IP is refused. */
export function forbiddenAddressReason(address: string): string | null {
  const version = isIP(address.split('%')[0]!);
  if (version === 0) return 'not an IP address';
  if (version === 6) {
    const inner = embeddedIpv4(address);
    if (inner) {
      const reason = forbiddenAddressReason(inner);
      if (reason) return `${reason} (IPv4 inside IPv6)`;
    }
  }
  const type = version === 4 ? 'ipv4' : 'ipv6';
  const plain = address.split('%')[0]!;
  for (const entry of blocked) if (entry.type === type && entry.list.check(plain, type)) return entry.reason;
  return null;
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export class UnsafeAddressError extends Error {
  override name = 'UnsafeAddressError';
}

export interface GuardOptions {
  /** WEBHOOK_ALLOW_PRIVATE=true: private, loopback and link-local targets are allowed. */
  allowPrivate?: boolean;
  lookup?: LookupAll;
}

/** Whether the operator allows private webhook targets (WEBHOOK_ALLOW_PRIVATE=true). */
export function allowPrivateFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env.WEBHOOK_ALLOW_PRIVATE ?? '');
}

/**
 * Checks a webhook URL: http(s) only, no credentials, and every address its host resolves to is
 * public (unless allowed). Returns the checked addresses; throws UnsafeAddressError with a reason.
 */
export async function checkWebhookUrl(text: string, options: GuardOptions = {}): Promise<{ url: URL; addresses: { address: string; family: number }[] }> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UnsafeAddressError('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeAddressError('must start with https:// (or http://)');
  if (url.username || url.password) throw new UnsafeAddressError('must not contain a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new UnsafeAddressError('has no host');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      throw new UnsafeAddressError(`host ${host} does not resolve`);
    }
    if (addresses.length === 0) throw new UnsafeAddressError(`host ${host} does not resolve`);
  }
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address);
      if (reason && isIP(host)) throw new UnsafeAddressError(`is a ${reason} address (${address})`);
      if (reason) throw new UnsafeAddressError(`host ${host} resolves to a ${reason} address (${address})`);
    }
  }
  return { url, addresses };
}

/**
 * A `lookup` for node:http(s) requests that resolves and checks in one step, so the connection
 * goes to the very address that was checked (no DNS rebinding between check and connect).
 */
export function guardedLookup(options: GuardOptions = {}) {
  return (hostname: string, _opts: unknown, callback: (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void): void => {
    checkWebhookUrl(`http://${isIP(hostname) === 6 ? `[${hostname}]` : hostname}/`, options).then(
      ({ addresses }) => {
        const all = (_opts as { all?: boolean } | undefined)?.all;
        if (all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, ''),
    );
  };
}
