// Why an admin's change to an account was refused. Stable codes: the pages map them to sentences
// (Messages["users"]["detail"]["errors"]).
export type UserAdminErrorCode =
  /** An admin may not demote or deactivate their own account (someone else must). */
  | "self"
  /** The change would leave the organisation without an active admin. */
  | "last-admin"
  | "not-found"
  /** Roles and invitations are for staff accounts, not recipients. */
  | "not-staff"
  /** Only a pending invitation can be sent again. */
  | "not-invited"
  /** API tokens are for admins and senders (they send mail). */
  | "no-tokens-for-role"
  | "deactivated";

export class UserAdminError extends Error {
  constructor(readonly code: UserAdminErrorCode) {
    super(`Account change refused: ${code}`);
    this.name = "UserAdminError";
  }
}
