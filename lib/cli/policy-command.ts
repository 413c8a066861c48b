import { z } from "zod";
import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { formatTable } from "@/lib/cli/format-table";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { TLS_POLICIES, tlsPolicySchema } from "@/lib/delivery/domain-policy";
import { listDomainPolicies } from "@/lib/delivery/find-domain-policy";
import { removeDomainPolicy, setDomainPolicy } from "@/lib/delivery/set-domain-policy";

const CLI_ACTOR = { type: "system", id: "cli" } as const;

async function withDomainErrors<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    // An invalid domain fails the policy table's own validation; say so in its words.
    if (error instanceof z.ZodError) throw new CommandError(error.issues[0]?.message ?? "Invalid domain.");
    throw error;
  }
}

async function listPolicies(): Promise<void> {
  const entries = await listDomainPolicies();
  if (entries.length === 0) {
    console.log("No per-domain policies: every domain uses tls-or-escrow.");
    return;
  }
  console.log(formatTable(["DOMAIN", "POLICY", "UPDATED"], entries.map((e) => [e.domain, e.policy, e.updatedAt.toISOString()])));
  console.log("\nAll other domains use tls-or-escrow.");
}

/** `sealpost policy list | set <domain> <policy> | remove <domain>`: the per-domain TLS policy table. */
export async function runPolicyCommand(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {});
  const [action, domain, policy, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (action === "list" && domain === undefined) return listPolicies();
  if (action === "set" && domain !== undefined && policy !== undefined) {
    const parsed = tlsPolicySchema.safeParse(policy);
    if (!parsed.success) throw new UsageError(`Unknown policy "${policy}"; use one of: ${TLS_POLICIES.join(", ")}.`);
    const result = await withDomainErrors(() => setDomainPolicy(domain, parsed.data, CLI_ACTOR));
    console.log(result.changed ? `${result.domain}: ${parsed.data}` : `${result.domain} already uses ${parsed.data}.`);
    return;
  }
  if (action === "remove" && domain !== undefined && policy === undefined) {
    const result = await withDomainErrors(() => removeDomainPolicy(domain, CLI_ACTOR));
    console.log(result.changed ? `${result.domain}: removed; the default (or a parent entry) applies.` : `${result.domain} had no entry.`);
    return;
  }
  throw new UsageError("Use: sealpost policy list | policy set <domain> <policy> | policy remove <domain>");
}
