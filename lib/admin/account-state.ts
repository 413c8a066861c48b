export type AccountState = "active" | "invited" | "deactivated";

/** Deactivated wins; a staff account that never set a password is an invitation still pending. */
export function accountStateOf(user: { role: string; passwordHash: string | null; deactivatedAt: Date | null }): AccountState {
  if (user.deactivatedAt) return "deactivated";
  // Recipients may sign in with a passkey or a portal link alone, so a missing password says nothing about them.
  return user.passwordHash === null && user.role !== "recipient" ? "invited" : "active";
}
