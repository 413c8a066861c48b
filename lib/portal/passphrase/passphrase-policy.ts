// Passphrase rules shared by the server and the sender's form (so: no server imports here). A passphrase is read
// out over the phone or sent by text message, so it may be short; the attempt limit, not its length, is what
// stops guessing (5 wrong tries lock the message for 15 minutes).
export const MIN_PASSPHRASE_LENGTH = 6;
export const MAX_PASSPHRASE_LENGTH = 256;
export const MAX_PASSPHRASE_FAILURES = 5;
export const PASSPHRASE_LOCK_MS = 15 * 60_000;
