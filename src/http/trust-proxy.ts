import proxyAddr from '@fastify/proxy-addr';

/**
 * TRUST_PROXY (docs/deployment.md): which reverse proxies may tell us the client's address in
 * X-Forwarded-For. Rate limits, sign-in lock-outs and the audit log key on `request.ip`; behind a
 * proxy that is not trusted, every visitor has the proxy's address and one attacker can lock
 * every staff account. Trusting too much is as bad: then anyone can claim any address.
 *
 * - unset or empty: trust nothing; the connecting address is the client.
 * - a number N: trust the N nearest hops, whoever they are (only when the server cannot be reached
 *   except through those proxies: a client that connects directly could claim any address).
 * - otherwise: comma-separated IP addresses or CIDR ranges of the proxies (or proxy-addr's names
 *   `loopback`, `linklocal`, `uniquelocal`); hops from those addresses are trusted.
 */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = (text ?? '').trim();
  if (!value) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 20) throw new Error(`TRUST_PROXY must be a number of proxy hops from 0 to 20, or the proxies' addresses (got "${value}")`);
    return hops === 0 ? false : { hops };
  }
  const addresses = value.split(',').map((part) => part.trim()).filter(Boolean);
  try {
    proxyAddr.compile(addresses);
  } catch (error) {
    throw new Error(
      `TRUST_PROXY must be a number of proxy hops, or comma-separated IP addresses or CIDR ranges such as 127.0.0.1 or 10.0.0.0/8 (${(error as Error).message})`,
      { cause: error },
    );
  }
  return { addresses };
}

/**
 * The value for fastify's `trustProxy`. Fastify 5.12 refuses plain hop counts (it then trusts
 * nothing), so hops become the function proxy-addr calls for each address, nearest first.
 */
export function trustProxyOption(trust: TrustProxy | undefined): false | string[] | ((address: string, hop: number) => boolean) {
  if (!trust) return false;
  if ('hops' in trust) {
    const { hops } = trust;
    return (_address, hop) => hop < hops;
  }
  return trust.addresses;
}
