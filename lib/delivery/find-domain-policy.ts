import { getDb } from "@/lib/db";
import { DEFAULT_TLS_POLICY, lookupKeysFor, normalizeDomain, type TlsPolicy, tlsPolicySchema } from "@/lib/delivery/domain-policy";

export type DomainPolicyEntry = { domain: string; policy: TlsPolicy; updatedAt: Date };

/**
 * The TLS policy for mail to `domain`: an exact table entry wins, then the closest `.parent` entry, else the
 * default (tls-or-escrow). An unparseable domain gets the default too; its route look-up fails on its own.
 */
export async function findDomainPolicy(domain: string): Promise<TlsPolicy> {
  const normalized = normalizeDomain(domain);
  if (normalized === null) return DEFAULT_TLS_POLICY;
  const keys = lookupKeysFor(normalized);
  const rows = await getDb().domainPolicy.findMany({ where: { domain: { in: keys } }, select: { domain: true, policy: true } });
  const byKey = new Map(rows.map((row) => [row.domain, row.policy]));
  const match = keys.map((key) => byKey.get(key)).find((policy) => policy !== undefined);
  return match === undefined ? DEFAULT_TLS_POLICY : tlsPolicySchema.parse(match);
}

/** Every table entry, sorted by domain. */
export async function listDomainPolicies(): Promise<DomainPolicyEntry[]> {
  const rows = await getDb().domainPolicy.findMany({ orderBy: { domain: "asc" } });
  return rows.map((row) => ({ domain: row.domain, policy: tlsPolicySchema.parse(row.policy), updatedAt: row.updatedAt }));
}
