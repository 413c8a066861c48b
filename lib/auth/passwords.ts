import { hash, verify } from "@node-rs/argon2";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

// OWASP's argon2id baseline (m = 19 MiB, t = 2, p = 1): about 15 ms per hash on the reference machine.
const ARGON2ID_OPTIONS = {
  // Algorithm.Argon2id; the typings declare a const enum, which isolatedModules cannot read.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** A PHC-format argon2id hash (salt included) for storing in User.passwordHash. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  return hash(password, ARGON2ID_OPTIONS);
}

// Verified against when the account does not exist or has no password, so a failed sign-in takes the same
// time whether or not the email is known (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;

/**
 * True when `password` matches `storedHash`. A null hash (unknown user, no password set) still costs one
 * argon2 verification and returns false.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash("sealpost-dummy-password", ARGON2ID_OPTIONS);
  const target = storedHash ?? (await dummyHash);
  try {
    const matches = await verify(target, password);
    return storedHash !== null && matches;
  } catch {
    // A corrupt stored hash is a failed sign-in, not a crash of the sign-in page.
    return false;
  }
}
