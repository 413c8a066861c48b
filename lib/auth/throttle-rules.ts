import { createThrottle } from "@/lib/auth/throttle";

// Limits on guessable or mail-sending actions. Counted per key over a fixed window; the next attempt after the
// limit waits until the window ends. Generous for a person, hopeless for a guessing script.

/** Wrong passwords for one account from one address. */
export const signInByEmailAndIp = createThrottle({ name: "sign-in:email+ip", points: 5, durationSeconds: 15 * 60 });
/** Wrong passwords from one address across accounts (password spraying). */
export const signInByIp = createThrottle({ name: "sign-in:ip", points: 30, durationSeconds: 15 * 60 });
/** Wrong authenticator codes for one account, from anywhere: six digits fall to guessing without a limit. */
export const totpFailuresByUser = createThrottle({ name: "totp:user", points: 5, durationSeconds: 15 * 60 });
/** Device codes mailed to one account. */
export const deviceCodesByUser = createThrottle({ name: "device-code:user", points: 5, durationSeconds: 60 * 60 });
/** Password-reset emails to one address, and reset requests from one network address. */
export const passwordResetsByEmail = createThrottle({ name: "password-reset:email", points: 3, durationSeconds: 60 * 60 });
export const passwordResetsByIp = createThrottle({ name: "password-reset:ip", points: 20, durationSeconds: 60 * 60 });
/** Fresh portal links requested for one recipient, and from one network address. */
export const newLinksByRecipient = createThrottle({ name: "new-link:recipient", points: 3, durationSeconds: 60 * 60 });
export const newLinksByIp = createThrottle({ name: "new-link:ip", points: 20, durationSeconds: 60 * 60 });
