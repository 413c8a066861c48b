import { hash } from "@node-rs/argon2";
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from "@/lib/portal/passphrase/passphrase-policy";

// The same argon2id parameters as account passwords (lib/auth/passwords.ts): OWASP's baseline, ~15 ms a hash.
// hashPassword itself cannot be reused because it enforces the 12-character password minimum.
const ARGON2ID_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A PHC-format argon2id hash of a sender-set passphrase, for Recipient.passphraseHash. */
export async function hashPassphrase(passphrase: string): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH || passphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw new Error(`A passphrase needs ${MIN_PASSPHRASE_LENGTH} to ${MAX_PASSPHRASE_LENGTH} characters.`);
  }
  return hash(passphrase, ARGON2ID_OPTIONS);
}
