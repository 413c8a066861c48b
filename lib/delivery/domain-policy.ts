import { domainToASCII } from "node:url";
import { z } from "zod";

// Per-domain TLS policy: what happens to mail for a recipient domain. Stored as a plain string in
// DomainPolicy.policy; reads go through find-domain-policy.ts, changes through set-domain-policy.ts.
export const TLS_POLICIES = [
  // Verified TLS (Postfix `verify`); when that cannot be had, the message goes to the portal. The default.
  "tls-or-escrow",
  // Never connect: every message for the domain goes to the portal.
  "escrow-always",
  // Verified TLS or nothing: never escrow; drop and tell the sender.
  "tls-only",
  // STARTTLS when offered, plaintext otherwise (Postfix `may`). For content-free notifications only.
  "opportunistic",
] as const;

export type TlsPolicy = (typeof TLS_POLICIES)[number];

export const DEFAULT_TLS_POLICY: TlsPolicy = "tls-or-escrow";

export const tlsPolicySchema = z.enum(TLS_POLICIES);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Lower-case A-label form of a domain (IDNs converted per UTS #46 by `domainToASCII`), without a trailing
 * dot; null when it is not a valid host name. DNS and the policy table are case-insensitive, so every
 * comparison works on this form.
 */
export function normalizeDomain(domain: string): string | null {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, "")).toLowerCase();
  if (ascii === "" || ascii.length > 253) return null;
  return ascii.split(".").every((label) => LABEL.test(label)) ? ascii : null;
}

/**
 * A policy-table key: `example.com` (that domain only) or `.example.com` (its subdomains), as in Postfix
 * policy maps. Normalised to the stored form.
 */
export const policyDomainSchema = z
  .string()
  .transform((value, ctx) => {
    const parent = value.trim().startsWith(".");
    const domain = normalizeDomain(parent ? value.trim().slice(1) : value);
    if (domain === null) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a domain name; use example.com or .example.com` });
      return z.NEVER;
    }
    return parent ? `.${domain}` : domain;
  });

/**
 * Postfix table keys that apply to `domain`, most specific first: the domain itself, then `.parent` entries for
 * each enclosing domain (postconf(5) smtp_tls_policy_maps: unbracketed domains fall back to parent
 * `.domain` entries; transport(5) likewise). `.example.com` deliberately does not match `example.com` itself.
 */
export function lookupKeysFor(domain: string): string[] {
  const labels = domain.split(".");
  return [domain, ...labels.slice(1).map((_, i) => `.${labels.slice(i + 1).join(".")}`)];
}
