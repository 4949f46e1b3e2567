import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * argon2id with the package's defaults (19 MiB, 2 passes: OWASP's minimum for argon2id). The
 * package's `Algorithm` is a const enum, which type stripping cannot inline, so the value is spelled.
 */
const ARGON2ID = 2 as Algorithm;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** 24 random characters from a 64-letter alphabet: 144 bits, typed once and kept in a password manager. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

let dummy: Promise<string> | undefined;

/** A hash to verify against when the address is unknown, so a failed sign-in takes as long either way. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(generatePassword());
  return dummy;
}
