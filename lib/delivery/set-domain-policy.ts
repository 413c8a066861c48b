import { z } from "zod";
import type { AuditActorType } from "@/lib/audit/event-types";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb, type Tx } from "@/lib/db";
import { policyDomainSchema, type TlsPolicy, tlsPolicySchema } from "@/lib/delivery/domain-policy";

export type PolicyActor = { type: AuditActorType; id?: string | null; ip?: string | null };

const actorSchema = z.object({
  type: z.enum(["system", "user", "smtp-client", "api-token"]),
  id: z.string().min(1).nullish(),
  ip: z.string().min(1).nullish(),
});

async function recordPolicyChange(tx: Tx, actor: PolicyActor, domain: string, before: string | null, after: TlsPolicy | null) {
  await recordAuditEvent(tx, {
    type: "domain_policy.changed",
    actorType: actor.type,
    actorId: actor.id ?? null,
    sourceIp: actor.ip ?? null,
    outcome: "success",
    data: { domain, before, after },
  });
}

/**
 * Sets the policy for a table key (`example.com` or `.example.com`), audited with before and after values in
 * the same transaction. Returns the stored key and whether anything changed (no change, no event).
 */
export async function setDomainPolicy(domain: string, policy: TlsPolicy, actor: PolicyActor): Promise<{ domain: string; changed: boolean }> {
  const key = policyDomainSchema.parse(domain);
  const after = tlsPolicySchema.parse(policy);
  const who = actorSchema.parse(actor);
  return getDb().$transaction(async (tx) => {
    const existing = await tx.domainPolicy.findUnique({ where: { domain: key } });
    if (existing?.policy === after) return { domain: key, changed: false };
    await tx.domainPolicy.upsert({ where: { domain: key }, create: { domain: key, policy: after }, update: { policy: after } });
    await recordPolicyChange(tx, who, key, existing?.policy ?? null, after);
    return { domain: key, changed: true };
  });
}

/** Deletes a table entry so the key falls back to parent entries or the default; audited like a change. */
export async function removeDomainPolicy(domain: string, actor: PolicyActor): Promise<{ domain: string; changed: boolean }> {
  const key = policyDomainSchema.parse(domain);
  const who = actorSchema.parse(actor);
  return getDb().$transaction(async (tx) => {
    const existing = await tx.domainPolicy.findUnique({ where: { domain: key } });
    if (!existing) return { domain: key, changed: false };
    await tx.domainPolicy.delete({ where: { domain: key } });
    await recordPolicyChange(tx, who, key, existing.policy, null);
    return { domain: key, changed: true };
  });
}
