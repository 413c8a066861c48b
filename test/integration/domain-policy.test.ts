import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { lookupKeysFor, normalizeDomain } from "@/lib/delivery/domain-policy";
import { findDomainPolicy, listDomainPolicies } from "@/lib/delivery/find-domain-policy";
import { removeDomainPolicy, setDomainPolicy } from "@/lib/delivery/set-domain-policy";

// Lets one test make the audit write fail, to prove the policy change rolls back with it.
const auditFailure = vi.hoisted(() => ({ enabled: false }));
vi.mock("@/lib/audit/record-event", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/audit/record-event")>();
  return {
    ...original,
    recordAuditEvent: async (...args: Parameters<typeof original.recordAuditEvent>) => {
      if (auditFailure.enabled) throw new Error("audit store unavailable");
      return original.recordAuditEvent(...args);
    },
  };
});

const admin = { type: "user" as const, id: "user-1", ip: "127.0.0.1" };

let since = 0;

async function policyEvents() {
  const events = await getDb().auditEvent.findMany({ where: { type: "domain_policy.changed", seq: { gt: since } }, orderBy: { seq: "asc" } });
  return events.map((e) => ({ actorType: e.actorType, actorId: e.actorId, sourceIp: e.sourceIp, outcome: e.outcome, data: JSON.parse(e.data) as unknown }));
}

beforeEach(async () => {
  await getDb().domainPolicy.deleteMany();
  // The audit log is append-only (database triggers): look only at events newer than this test's start.
  since = (await getDb().auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
});

describe("normalizeDomain and lookupKeysFor", () => {
  it("lower-cases, drops a trailing dot, converts IDNs and rejects non-domains", () => {
    expect(normalizeDomain(" Example.COM. ")).toBe("example.com");
    expect(normalizeDomain("bücher.example")).toBe("xn--bcher-kva.example");
    expect(normalizeDomain("not a domain")).toBeNull();
    expect(normalizeDomain("-bad.example")).toBeNull();
    expect(normalizeDomain("")).toBeNull();
  });

  it("lists the exact key, then each enclosing .parent key", () => {
    expect(lookupKeysFor("a.b.example.com")).toEqual(["a.b.example.com", ".b.example.com", ".example.com", ".com"]);
    expect(lookupKeysFor("localhost")).toEqual(["localhost"]);
  });
});

describe("findDomainPolicy", () => {
  it("defaults to tls-or-escrow", async () => {
    expect(await findDomainPolicy("example.com")).toBe("tls-or-escrow");
  });

  it("matches Postfix policy maps: exact entry, then the most specific .parent entry", async () => {
    await setDomainPolicy("example.com", "tls-only", admin);
    await setDomainPolicy(".example.com", "escrow-always", admin);
    await setDomainPolicy(".eu.example.com", "opportunistic", admin);

    expect(await findDomainPolicy("EXAMPLE.com")).toBe("tls-only");
    expect(await findDomainPolicy("mail.example.com")).toBe("escrow-always");
    expect(await findDomainPolicy("a.eu.example.com")).toBe("opportunistic");
    // `.eu.example.com` covers subdomains of eu.example.com, not eu.example.com itself.
    expect(await findDomainPolicy("eu.example.com")).toBe("escrow-always");
    expect(await findDomainPolicy("example.org")).toBe("tls-or-escrow");
    expect(await findDomainPolicy("notexample.com")).toBe("tls-or-escrow");
  });

  it("matches IDN domains in their A-label form", async () => {
    await setDomainPolicy("bücher.example", "escrow-always", admin);
    expect(await findDomainPolicy("xn--bcher-kva.example")).toBe("escrow-always");
    expect(await findDomainPolicy("BÜCHER.example")).toBe("escrow-always");
  });

  it("refuses an unknown policy value found in the table", async () => {
    await getDb().domainPolicy.create({ data: { domain: "broken.example", policy: "encrypt" } });
    await expect(findDomainPolicy("broken.example")).rejects.toThrow();
  });
});

describe("setDomainPolicy and removeDomainPolicy", () => {
  it("audits each change with before and after values and the actor", async () => {
    expect(await setDomainPolicy("Example.com", "tls-only", admin)).toEqual({ domain: "example.com", changed: true });
    expect(await setDomainPolicy("example.com", "escrow-always", { type: "system" })).toEqual({ domain: "example.com", changed: true });
    expect(await removeDomainPolicy("example.com", admin)).toEqual({ domain: "example.com", changed: true });

    expect(await policyEvents()).toEqual([
      { actorType: "user", actorId: "user-1", sourceIp: "127.0.0.1", outcome: "success", data: { domain: "example.com", before: null, after: "tls-only" } },
      { actorType: "system", actorId: null, sourceIp: null, outcome: "success", data: { domain: "example.com", before: "tls-only", after: "escrow-always" } },
      { actorType: "user", actorId: "user-1", sourceIp: "127.0.0.1", outcome: "success", data: { domain: "example.com", before: "escrow-always", after: null } },
    ]);
    expect(await findDomainPolicy("example.com")).toBe("tls-or-escrow");
  });

  it("writes nothing and records nothing when nothing changes", async () => {
    await setDomainPolicy(".example.com", "tls-only", admin);
    expect(await setDomainPolicy(".EXAMPLE.com", "tls-only", admin)).toEqual({ domain: ".example.com", changed: false });
    expect(await removeDomainPolicy("absent.example", admin)).toEqual({ domain: "absent.example", changed: false });
    expect(await policyEvents()).toHaveLength(1);
  });

  it("rejects bad input before touching the database", async () => {
    await expect(setDomainPolicy("not a domain", "tls-only", admin)).rejects.toThrow(/not a domain name/);
    await expect(setDomainPolicy("example.com", "encrypt" as never, admin)).rejects.toThrow();
    await expect(setDomainPolicy("example.com", "tls-only", { type: "robot" as never })).rejects.toThrow();
    expect(await listDomainPolicies()).toEqual([]);
    expect(await policyEvents()).toEqual([]);
  });

  it("rolls the change back when the audit event cannot be written", async () => {
    await setDomainPolicy("example.com", "tls-only", admin);
    auditFailure.enabled = true;
    try {
      await expect(setDomainPolicy("example.com", "escrow-always", admin)).rejects.toThrow(/audit store unavailable/);
      await expect(removeDomainPolicy("example.com", admin)).rejects.toThrow(/audit store unavailable/);
    } finally {
      auditFailure.enabled = false;
    }
    expect(await findDomainPolicy("example.com")).toBe("tls-only");
  });

  it("lists entries sorted by domain", async () => {
    await setDomainPolicy("b.example", "tls-only", admin);
    await setDomainPolicy(".a.example", "escrow-always", admin);
    const entries = await listDomainPolicies();
    expect(entries.map(({ domain, policy }) => ({ domain, policy }))).toEqual([
      { domain: ".a.example", policy: "escrow-always" },
      { domain: "b.example", policy: "tls-only" },
    ]);
    expect(entries[0]?.updatedAt).toBeInstanceOf(Date);
  });
});
