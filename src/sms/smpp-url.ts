/**
 * SMPP_URL (`smpp://system_id:password@host:port`, optional `?from=SENDER`): where the SMS centre
 * is and how Waypost binds to it. Unset means no SMS at all (the "no provider" behaviour); set but
 * malformed is a configuration error that names what is wrong, never a silent default.
 */
export interface SmppTarget {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** source_addr of what we send: a short code, a number or an alphanumeric sender; empty lets the SMSC choose. */
  from: string;
}

export class SmppConfigError extends Error {
  override name = 'SmppConfigError';
}

const EXAMPLE = 'smpp://system_id:password@host:2775';

export function parseSmppUrl(text: string | undefined): SmppTarget | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SmppConfigError(`SMPP_URL is not a URL; expected ${EXAMPLE}`);
  }
  if (url.protocol !== 'smpp:') throw new SmppConfigError(`SMPP_URL must start with smpp:// (got "${url.protocol}//"); expected ${EXAMPLE}`);
  if (!url.hostname) throw new SmppConfigError(`SMPP_URL names no host; expected ${EXAMPLE}`);
  const systemId = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  // SMPP 3.4 §5.2: system_id is a C-octet string of at most 16 octets, password at most 9.
  if (!systemId) throw new SmppConfigError(`SMPP_URL names no system_id; expected ${EXAMPLE}`);
  if (Buffer.byteLength(systemId) > 15) throw new SmppConfigError('SMPP_URL: system_id is longer than 15 characters (SMPP 3.4 allows 16 octets with the terminating zero)');
  if (Buffer.byteLength(password) > 8) throw new SmppConfigError('SMPP_URL: the password is longer than 8 characters (SMPP 3.4 allows 9 octets with the terminating zero)');
  const port = url.port === '' ? 2775 : Number(url.port);
  const from = url.searchParams.get('from') ?? '';
  if (Buffer.byteLength(from) > 20) throw new SmppConfigError('SMPP_URL: from= is longer than 20 characters');
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, systemId, password, from };
}

/** The URL without its password, for logs and pages. */
export function describeSmppTarget(target: SmppTarget): string {
  return `SMPP ${target.systemId}@${target.host}:${target.port}`;
}
