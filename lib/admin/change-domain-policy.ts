import { assertRole, type Actor } from "@/lib/auth/roles";
import type { TlsPolicy } from "@/lib/delivery/domain-policy";
import { removeDomainPolicy, setDomainPolicy } from "@/lib/delivery/set-domain-policy";

// The admin console's way into the policy table: the role is checked here, the change and its audit event
// (`domain_policy.changed` with before and after) are lib/delivery/set-domain-policy.ts's.

/** Adds or changes the policy for `example.com` or `.example.com`. Admin only. */
export async function saveDomainPolicy(actor: Actor, domain: string, policy: TlsPolicy, ctx: { sourceIp?: string | null } = {}) {
  assertRole(actor, ["admin"], "domain policies");
  return setDomainPolicy(domain, policy, { type: "user", id: actor.id, ip: ctx.sourceIp ?? null });
}

/** Removes a table entry, so the domain falls back to a parent entry or the default. Admin only. */
export async function deleteDomainPolicy(actor: Actor, domain: string, ctx: { sourceIp?: string | null } = {}) {
  assertRole(actor, ["admin"], "domain policies");
  return removeDomainPolicy(domain, { type: "user", id: actor.id, ip: ctx.sourceIp ?? null });
}
