/**
 * The WebAuthn user handle (user.id) for an account: its User id as bytes. Stable, so registering twice on one
 * authenticator replaces its passkey for this site rather than adding a second, and free of personal data
 * (WebAuthn §14.6.1: not an email address).
 */
export function toUserHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, "utf8"));
}

export function userHandleMatches(userHandle: string | undefined, userId: string): boolean {
  return userHandle === undefined || userHandle === Buffer.from(userId, "utf8").toString("base64url");
}
