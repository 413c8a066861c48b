import { beforeAll, describe, expect, it } from "vitest";

// Break-glass end to end against this file's own SQLite copy: the organisation setting, the grant with its
// audit event and the admins' notice jobs in one transaction, the gate in front of content for every role,
// expiry, and the notice email itself (the dev mailbox keeps it; the admins' domain maps to a closed port).
Object.assign(process.env, { TRANSPORT_MAP: "admin.example=127.0.0.1:9", CONNECT_TIMEOUT: "2s" });

const { getDb } = await import("@/lib/db");
const { AccessDeniedError } = await import("@/lib/auth/roles");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { setOrgSettings } = await import("@/lib/settings/org-settings");
const { grantBreakGlass, BreakGlassError } = await import("@/lib/compliance/grant-break-glass");
const { requireBreakGlassGrant } = await import("@/lib/compliance/require-break-glass-grant");
const { readBreakGlassMessage } = await import("@/lib/compliance/read-break-glass-message");
const { runBreakGlassNoticeJob } = await import("@/lib/compliance/run-break-glass-notice-job");
const { claimJobs } = await import("@/lib/queue/claim-jobs");

type Actor = import("@/lib/auth/roles").Actor;

const HOUR = 3_600_000;
const JUSTIFICATION = "Subpoena 2026-117 from the district court requires the exact wording.";

let cora: Actor;
let ada: Actor;
let sally: Actor;
let rita: Actor;
let messageId: string;

async function createUser(email: string, role: Actor["role"], extra: { deactivatedAt?: Date } = {}): Promise<Actor> {
  const user = await getDb().user.create({ data: { email, name: email.split("@")[0] ?? "user", role, ...extra } });
  return { id: user.id, email: user.email, name: user.name, role };
}

async function deniedEvents(actor: Actor, reason: string): Promise<number> {
  const rows = await getDb().auditEvent.findMany({ where: { type: "access.denied", actorId: actor.id } });
  return rows.filter((row) => (JSON.parse(row.data) as { reason?: string }).reason === reason).length;
}

/** The call is refused with AccessDeniedError and leaves exactly one more `access.denied` with this reason. */
async function expectDenied(actor: Actor, reason: string, call: () => Promise<unknown>): Promise<void> {
  const before = await deniedEvents(actor, reason);
  await expect(call()).rejects.toBeInstanceOf(AccessDeniedError);
  expect(await deniedEvents(actor, reason)).toBe(before + 1);
}

beforeAll(async () => {
  cora = await createUser("cora@compliance.example", "compliance");
  ada = await createUser("ada@admin.example", "admin");
  await createUser("ben@admin.example", "admin");
  await createUser("gone@admin.example", "admin", { deactivatedAt: new Date() });
  sally = await createUser("sally@sender.example", "sender");
  rita = await createUser("rita@plain.example", "recipient");
  const raw = Buffer.from(
    "From: Sally <sally@sender.example>\r\nTo: rita@plain.example\r\nSubject: Settlement terms\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
      '<p>The figure is <b>4.2m</b>.</p><script>alert(1)</script><img src="https://tracker.example/p.gif">\r\n',
  );
  messageId = (await acceptMessage({ source: "api", raw, envelopeFrom: sally.email, recipients: [rita.email], senderUserId: sally.id, actor: { type: "user", id: sally.id } })).messageId;
  // Deliveries are not part of this story.
  await getDb().job.updateMany({ where: { kind: "deliver" }, data: { doneAt: new Date() } });
});

describe("break-glass", () => {
  it("is refused and audited while the organisation has not switched it on", async () => {
    await expectDenied(cora, "break-glass-disabled", () => grantBreakGlass(cora, { messageId, justification: JUSTIFICATION }));
    await expectDenied(cora, "break-glass-disabled", () => requireBreakGlassGrant(cora, messageId));
    expect(await getDb().breakGlassGrant.count()).toBe(0);
  });

  it("without a grant the content stays closed, and the refusal is audited", async () => {
    await setOrgSettings(ada, { breakGlassEnabled: true, breakGlassHours: 2 });
    await expectDenied(cora, "no-break-glass-grant", () => requireBreakGlassGrant(cora, messageId));
  });

  it("needs a written justification of at least 20 characters", async () => {
    await expect(grantBreakGlass(cora, { messageId, justification: "  because  " })).rejects.toMatchObject({ code: "justificationTooShort" });
    await expect(grantBreakGlass(cora, { messageId, justification: "x".repeat(2_001) })).rejects.toBeInstanceOf(BreakGlassError);
    await expectDenied(cora, "not-found", () => grantBreakGlass(cora, { messageId: "no-such-message", justification: JUSTIFICATION }));
    expect(await getDb().breakGlassGrant.count()).toBe(0);
  });

  it("grants for the configured hours, audits the grant and queues one notice per active admin in the same transaction", async () => {
    const now = new Date();
    const { grantId, expiresAt } = await grantBreakGlass(cora, { messageId, justification: `  ${JUSTIFICATION}\r\n` }, { sourceIp: "192.0.2.44", now });
    expect(expiresAt.getTime()).toBe(now.getTime() + 2 * HOUR);
    const grant = await getDb().breakGlassGrant.findUniqueOrThrow({ where: { id: grantId } });
    expect(grant).toMatchObject({ userId: cora.id, messageId, justification: JUSTIFICATION });
    const granted = await getDb().auditEvent.findMany({ where: { type: "break_glass.granted" } });
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ actorId: cora.id, messageId, sourceIp: "192.0.2.44", outcome: "success" });
    expect(JSON.parse(granted[0]!.data)).toEqual({ grantId, justification: JUSTIFICATION, expiresAt: expiresAt.toISOString() });
    const jobs = await getDb().job.findMany({ where: { kind: "break-glass-notice" } });
    const admins = await getDb().user.findMany({ where: { role: "admin", deactivatedAt: null }, select: { id: true } });
    expect(jobs.map((job) => (JSON.parse(job.payload) as { adminUserId: string }).adminUserId).sort()).toEqual(admins.map((a) => a.id).sort());
    expect(jobs.every((job) => job.messageId === messageId && !job.payload.includes(JUSTIFICATION))).toBe(true);
    expect(jobs.every((job) => job.createdAt.getTime() <= granted[0]!.at.getTime() + 1_000)).toBe(true);
  });

  it("emails each admin who, which message, why and until when; never the subject or body", async () => {
    const claimed = (await claimJobs("test-worker", 50, 60_000)).filter((job) => job.kind === "break-glass-notice");
    expect(claimed).toHaveLength(2);
    for (const job of claimed) expect(await runBreakGlassNoticeJob(job)).toEqual({ done: true });
    const mail = await getDb().devMailboxMessage.findFirstOrThrow({ where: { envelopeTo: ada.email } });
    expect(mail.subject).toBe("A compliance officer opened a message's content");
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("cora@compliance.example");
      expect(part).toContain(messageId);
      expect(part).toContain("Subpoena 2026-117");
      expect(part).not.toContain("Settlement terms");
      expect(part).not.toContain("4.2m");
    }
    expect(await getDb().devMailboxMessage.count({ where: { envelopeTo: "gone@admin.example" } })).toBe(0);
    expect(await getDb().auditEvent.count({ where: { type: "notification.sent", messageId } })).toBe(2);
  });

  it("opens the content for the officer while the grant runs, sanitised as the recipient sees it, auditing each view", async () => {
    const grant = await requireBreakGlassGrant(cora, messageId, { sourceIp: "192.0.2.44" });
    for (let view = 1; view <= 2; view++) {
      const read = await readBreakGlassMessage(cora, grant, { sourceIp: "192.0.2.44" });
      if (read.state !== "shown") throw new Error("expected the content");
      expect(read.message.subject).toBe("Settlement terms");
      expect(read.message.html).toContain("<b>4.2m</b>");
      expect(read.message.html).not.toContain("<script");
      expect(read.message.html).not.toContain("tracker.example");
      expect(read.message.blockedImages).toBe(1);
    }
    const views = await getDb().auditEvent.findMany({ where: { type: "break_glass.content_viewed", messageId } });
    expect(views).toHaveLength(2);
    expect(views.every((view) => view.actorId === cora.id && JSON.parse(view.data).grantId === grant.id)).toBe(true);
  });

  it("closes again once the grant has expired", async () => {
    await expectDenied(cora, "no-break-glass-grant", () => requireBreakGlassGrant(cora, messageId, { now: new Date(Date.now() + 2 * HOUR + 1_000) }));
  });

  it("never opens content for admins, senders or recipients, even the message's own sender", async () => {
    for (const actor of [ada, sally, rita]) {
      await expectDenied(actor, "role", () => grantBreakGlass(actor, { messageId, justification: JUSTIFICATION }));
      await expectDenied(actor, "role", () => requireBreakGlassGrant(actor, messageId));
    }
    // Another officer's grant is not theirs.
    const dora = await createUser("dora@compliance.example", "compliance");
    await expectDenied(dora, "no-break-glass-grant", () => requireBreakGlassGrant(dora, messageId));
  });

  it("closes when the organisation switches break-glass off, even with a running grant", async () => {
    await setOrgSettings(ada, { breakGlassEnabled: false });
    await expectDenied(cora, "break-glass-disabled", () => requireBreakGlassGrant(cora, messageId));
    await setOrgSettings(ada, { breakGlassEnabled: true });
    expect((await requireBreakGlassGrant(cora, messageId)).messageId).toBe(messageId);
  });

  it("says the content was destroyed once the message is crypto-shredded, and grants nothing new for it", async () => {
    const grant = await requireBreakGlassGrant(cora, messageId);
    await getDb().$transaction(async (tx) => {
      await tx.messagePart.deleteMany({ where: { messageId } });
      await tx.message.update({ where: { id: messageId }, data: { wrappedDataKey: null, shreddedAt: new Date() } });
    });
    const viewsBefore = await getDb().auditEvent.count({ where: { type: "break_glass.content_viewed" } });
    expect(await readBreakGlassMessage(cora, grant)).toEqual({ state: "shredded" });
    expect(await getDb().auditEvent.count({ where: { type: "break_glass.content_viewed" } })).toBe(viewsBefore);
    await expect(grantBreakGlass(cora, { messageId, justification: JUSTIFICATION })).rejects.toMatchObject({ code: "shredded" });
  });
});
