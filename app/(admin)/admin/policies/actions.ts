"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { describeProbe, type ProbeView } from "@/app/(admin)/admin/policies/describe-probe";
import { deleteDomainPolicy, saveDomainPolicy } from "@/lib/admin/change-domain-policy";
import { DomainProbeError, runDomainProbe } from "@/lib/admin/run-domain-probe";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { policyDomainSchema, tlsPolicySchema } from "@/lib/delivery/domain-policy";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

const PATH = "/admin/policies";

export type PolicyFormState = { fieldErrors: { domain?: "domain"; policy?: "policy" }; values: { domain: string; policy: string } };

const policyInput = z.object({ domain: policyDomainSchema, policy: tlsPolicySchema });

/** Admin only: adds or changes a table entry (audited with before and after in lib/delivery/set-domain-policy.ts). */
export async function savePolicyAction(_previous: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const actor = await requireRole(["admin"], PATH);
  const values = { domain: String(formData.get("domain") ?? ""), policy: String(formData.get("policy") ?? "") };
  const parsed = policyInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: PolicyFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "domain") fieldErrors.domain = "domain";
      if (issue.path[0] === "policy") fieldErrors.policy = "policy";
    }
    return { fieldErrors, values };
  }
  const { changed } = await saveDomainPolicy(actor, parsed.data.domain, parsed.data.policy, { sourceIp: getClientIp(await headers()) });
  revalidatePath(PATH);
  redirect(`${PATH}?done=${changed ? "saved" : "unchanged"}`);
}

/** The per-row "Change" form: same as saving, for an entry that exists. */
export async function changePolicyAction(formData: FormData): Promise<void> {
  const actor = await requireRole(["admin"], PATH);
  const parsed = policyInput.safeParse({ domain: formData.get("domain"), policy: formData.get("policy") });
  if (!parsed.success) notFound();
  const { changed } = await saveDomainPolicy(actor, parsed.data.domain, parsed.data.policy, { sourceIp: getClientIp(await headers()) });
  redirect(`${PATH}?done=${changed ? "saved" : "unchanged"}`);
}

export async function removePolicyAction(formData: FormData): Promise<void> {
  const actor = await requireRole(["admin"], PATH);
  const domain = policyDomainSchema.safeParse(formData.get("domain"));
  if (!domain.success) notFound();
  await deleteDomainPolicy(actor, domain.data, { sourceIp: getClientIp(await headers()) });
  redirect(`${PATH}?done=removed`);
}

export type ProbeState = { error: string | null; result: ProbeView | null; domain: string };

/** Admin only: the live TLS probe (throttled and audited in lib/admin/run-domain-probe.ts), in plain words. */
export async function probeDomainAction(_previous: ProbeState, formData: FormData): Promise<ProbeState> {
  const actor = await requireRole(["admin"], PATH);
  const domain = String(formData.get("domain") ?? "").slice(0, 300);
  const locale = await getRequestLocale();
  const t = getMessages(locale).adminPolicies;
  try {
    const report = await runDomainProbe(actor, domain, { sourceIp: getClientIp(await headers()) });
    return { error: null, result: describeProbe(report, locale), domain };
  } catch (error) {
    if (error instanceof DomainProbeError) {
      const message = error.code === "throttled" ? t.probe.errors.throttled(Math.ceil(error.retryAfterMs / 1000)) : t.probe.errors["invalid-domain"];
      return { error: message, result: null, domain };
    }
    throw error;
  }
}
