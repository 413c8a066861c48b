// The closed set of roles a User row may carry (User.role is a plain string so both providers accept it).
const ROLES = ["admin", "sender", "compliance", "recipient"] as const;

export type Role = (typeof ROLES)[number];

// Only accounts that send mail hold API tokens: a token authenticates intake (HTTP API and SMTP AUTH).
export const TOKEN_HOLDER_ROLES = ["admin", "sender"] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The signed-in person as every read and write sees them: re-read from the database on each request. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
};

/** The organisation's own people: they sign in to staff pages and may (or must) use a second factor. */
export const STAFF_ROLES: readonly Role[] = ["admin", "sender", "compliance"];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.includes(actor.role);
}

/** Thrown by reads and writes when the actor's role does not allow them; pages turn it into a not-found. */
export class AccessDeniedError extends Error {
  constructor(readonly actorId: string, readonly resource: string) {
    super(`Access denied to ${resource}`);
  }
}

/** Defence in depth for lib reads: the page has already gated, but a read must not trust its caller. */
export function assertRole(actor: Actor, roles: readonly Role[], resource: string): void {
  if (!hasRole(actor, roles)) throw new AccessDeniedError(actor.id, resource);
}
