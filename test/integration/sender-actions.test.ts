import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { runStatusCommand } from "@/lib/cli/status-command";
import { getDb } from "@/lib/db";
import { escrowRecipient } from "@/lib/escrow/escrow-recipient";
import { acceptMessage } from "@/lib/intake/accept-message";
import { getMessageStatus as getApiMessageStatus } from "@/lib/intake/get-message-status";
import { getMessageStatus } from "@/lib/portal/get-message-status";
import { RecipientAccessBlockedError, requireRecipientAccess } from "@/lib/portal/require-message-access";
import { buildRecipientTimeline } from "@/lib/portal/sender/build-recipient-timeline";
import { changeRecipientExpiry } from "@/lib/portal/sender/change-recipient-expiry";
import { listSentMessages } from "@/lib/portal/sender/list-sent-messages";
import { resendNotification, RESEND_INTERVAL_MS } from "@/lib/portal/sender/resend-notification";
import { revokeRecipientAccess } from "@/lib/portal/sender/revoke-recipient-access";
import { SenderActionError } from "@/lib/portal/sender/sender-action-error";
import { parseSentFilters } from "@/lib/portal/sender/sent-filters";
import { expireAccess } from "@/lib/queue/expire-access";

// Runs against this file's own migrated SQLite copy (test/support/setup-env.ts): real sealed messages from
// acceptMessage, escrowed through the pipeline's own escrowRecipient.

const DAY = 86_400_000;

async function createUser(email: string, role: Actor["role"]): Promise<Actor> {
  const user = await getDb().user.create({ data: { email, name: email.split("@")[0] ?? "user", role } });
  return { id: user.id, email: user.email, name: user.name, role };
}

async function sendMessage(sender: Actor, subject: string, recipients: string[]) {
  const raw = Buffer.from(`From: ${sender.name} <${sender.email}>\r\nTo: ${recipients.join(", ")}\r\nSubject: ${subject}\r\n\r\nSecret body\r\n`);
  const accepted = await acceptMessage({ source: "api", raw, envelopeFrom: sender.email, recipients, senderUserId: sender.id, actor: { type: "user", id: sender.id } });
  return accepted;
}

/** Escrows one recipient the way the worker does after a plaintext-only MX, with the attempt that led there. */
async function escrowAfterNoStarttls(messageId: string, recipientId: string) {
  await getDb().$transaction(async (tx) => {
    await tx.deliveryAttempt.create({
      data: {
        recipientId, startedAt: new Date(), durationMs: 12, mxHost: "mx1.example.com", mxIp: "127.0.0.9", port: 25,
        starttlsOffered: false, smtpReplies: "[]", failureClass: "starttls-not-supported", failureDetail: "no STARTTLS in EHLO", outcome: "failed",
      },
    });
    await escrowRecipient(tx, { recipientId, messageId, failureClass: "starttls-not-supported", reason: "no STARTTLS" });
  });
}

async function events(type: string, recipientId?: string) {
  return getDb().auditEvent.findMany({ where: { type, ...(recipientId ? { recipientId } : {}) }, orderBy: { seq: "asc" } });
}

afterEach(() => vi.restoreAllMocks());

describe("sender actions", () => {
  it("sets expiresAt at escrow, and revoke is immediate even after the recipient read the message", async () => {
    const alice = await createUser("alice@sender.example", "sender");
    const reader = await createUser("rita@plain.example", "recipient");
    const sent = await sendMessage(alice, "Quarterly numbers", ["rita@plain.example"]);
    const recipientId = sent.recipients[0]!.id;
    const before = Date.now();
    await escrowAfterNoStarttls(sent.messageId, recipientId);

    const row = await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } });
    // PORTAL_LINK_TTL defaults to 30 days.
    expect(row.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY - 1_000);
    expect(row.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * DAY);

    // The recipient opens it (as the read page records it) and can keep reading until the sender revokes.
    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: recipientId }, data: { firstViewedAt: new Date(), firstViewIp: "192.0.2.10" } }));
    await getDb().$transaction((tx) =>
      tx.accessToken.create({ data: { purpose: "portal-access", tokenHash: "h-revoke", recipientId, expiresAt: new Date(Date.now() + DAY) } }),
    );
    expect((await requireRecipientAccess(reader, recipientId)).recipient.id).toBe(recipientId);

    await revokeRecipientAccess(alice, { messageId: sent.messageId, recipientId }, { sourceIp: "198.51.100.4" });
    const blocked = await requireRecipientAccess(reader, recipientId).catch((error: unknown) => error);
    expect(blocked).toBeInstanceOf(RecipientAccessBlockedError);
    expect((blocked as RecipientAccessBlockedError).state).toBe("revoked");
    const link = await getDb().accessToken.findUniqueOrThrow({ where: { tokenHash: "h-revoke" } });
    expect(link.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());

    const [revoked] = await events("recipient.revoked", recipientId);
    expect(revoked).toMatchObject({ actorId: alice.id, outcome: "success", sourceIp: "198.51.100.4", messageId: sent.messageId });
    expect(JSON.parse(revoked!.data)).toMatchObject({ afterFirstView: true, linksExpired: 1 });
    await expect(revokeRecipientAccess(alice, { messageId: sent.messageId, recipientId })).rejects.toMatchObject({ code: "already-revoked" });
    expect(await events("recipient.revoked", recipientId)).toHaveLength(1);
  });

  it("audits an expiry change with the dates before and after, and caps unused links at the new date", async () => {
    const alice = await createUser("alice2@sender.example", "sender");
    const sent = await sendMessage(alice, "Contract", ["sam@plain.example"]);
    const recipientId = sent.recipients[0]!.id;
    await escrowAfterNoStarttls(sent.messageId, recipientId);
    await getDb().$transaction((tx) =>
      tx.accessToken.create({ data: { purpose: "portal-access", tokenHash: "h-expiry", recipientId, expiresAt: new Date(Date.now() + 20 * DAY) } }),
    );
    const { expiresAt: before } = await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } });
    const shorter = new Date(Date.now() + 3 * DAY);

    const changed = await changeRecipientExpiry(alice, { messageId: sent.messageId, recipientId, expiresAt: shorter });
    expect(changed).toEqual({ before, after: shorter });
    expect((await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } })).expiresAt).toEqual(shorter);
    expect((await getDb().accessToken.findUniqueOrThrow({ where: { tokenHash: "h-expiry" } })).expiresAt).toEqual(shorter);
    const [event] = await events("recipient.expiry_changed", recipientId);
    expect(JSON.parse(event!.data)).toEqual({ before: before!.toISOString(), after: shorter.toISOString() });

    for (const bad of [new Date(Date.now() - 1_000), new Date(Date.now() + 400 * DAY)]) {
      await expect(changeRecipientExpiry(alice, { messageId: sent.messageId, recipientId, expiresAt: bad })).rejects.toMatchObject({ code: "invalid-expiry" });
    }
    expect(await events("recipient.expiry_changed", recipientId)).toHaveLength(1);
  });

  it("resends the notification at most once per five minutes, queuing a notify job each time", async () => {
    const alice = await createUser("alice3@sender.example", "sender");
    const sent = await sendMessage(alice, "Invoice", ["nina@plain.example"]);
    const recipientId = sent.recipients[0]!.id;
    await escrowAfterNoStarttls(sent.messageId, recipientId);
    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: recipientId }, data: { notifiedAt: new Date() } }));
    const notifyJobs = () => getDb().job.count({ where: { kind: "notify-recipient", recipientId } });
    const jobsBefore = await notifyJobs();

    const t0 = new Date();
    await resendNotification(alice, { messageId: sent.messageId, recipientId }, { now: t0 });
    expect(await notifyJobs()).toBe(jobsBefore + 1);
    // Cleared so the notify job sends again instead of skipping an already-notified recipient.
    expect((await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } })).notifiedAt).toBeNull();

    const refused = await resendNotification(alice, { messageId: sent.messageId, recipientId }, { now: new Date(t0.getTime() + 60_000) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SenderActionError);
    expect((refused as SenderActionError).code).toBe("rate-limited");
    expect((refused as SenderActionError).retryAt!.getTime()).toBeGreaterThan(t0.getTime());
    expect(await notifyJobs()).toBe(jobsBefore + 1);

    await resendNotification(alice, { messageId: sent.messageId, recipientId }, { now: new Date(Date.now() + RESEND_INTERVAL_MS + 1_000) });
    expect(await notifyJobs()).toBe(jobsBefore + 2);
    expect(await events("notification.resent", recipientId)).toHaveLength(2);

    // Nothing to resend to a recipient whose access ended.
    await revokeRecipientAccess(alice, { messageId: sent.messageId, recipientId });
    await expect(resendNotification(alice, { messageId: sent.messageId, recipientId }, { now: new Date(Date.now() + 3 * RESEND_INTERVAL_MS) })).rejects.toMatchObject({
      code: "access-ended",
    });
  });

  it("refuses sender B (and an admin) every action on sender A's message, with a not-found and an audit event", async () => {
    const alice = await createUser("alice4@sender.example", "sender");
    const bob = await createUser("bob4@sender.example", "sender");
    const admin = await createUser("root4@sender.example", "admin");
    const sent = await sendMessage(alice, "Private", ["olga@plain.example"]);
    const recipientId = sent.recipients[0]!.id;
    await escrowAfterNoStarttls(sent.messageId, recipientId);
    const ref = { messageId: sent.messageId, recipientId };

    for (const actor of [bob, admin]) {
      await expect(revokeRecipientAccess(actor, ref, { sourceIp: "203.0.113.9" })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(resendNotification(actor, ref)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(changeRecipientExpiry(actor, { ...ref, expiresAt: new Date(Date.now() + DAY) })).rejects.toBeInstanceOf(AccessDeniedError);
    }
    // A recipient id from another message, under a message id the actor owns, is refused too.
    const own = await sendMessage(bob, "Mine", ["pete@plain.example"]);
    await expect(revokeRecipientAccess(bob, { messageId: own.messageId, recipientId })).rejects.toBeInstanceOf(AccessDeniedError);

    const row = await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(row.revokedAt).toBeNull();
    const denied = (await events("access.denied")).filter((e) => e.messageId === sent.messageId || e.messageId === own.messageId);
    expect(denied.filter((e) => e.actorId === bob.id)).toHaveLength(4);
    expect(denied.filter((e) => e.actorId === admin.id)).toHaveLength(3);
    expect(denied.find((e) => e.actorId === bob.id)?.sourceIp).toBe("203.0.113.9");
    // The admin may still look at the status (rule (c)), without acting.
    expect((await getMessageStatus(admin, sent.messageId))?.viewerIsSender).toBe(false);
    expect(await getMessageStatus(bob, sent.messageId)).toBeNull();
  });
});

describe("expiry sweep", () => {
  it("records each expiry once (audit + webhook queue), ends unused links, and is idempotent", async () => {
    const alice = await createUser("alice5@sender.example", "sender");
    const sent = await sendMessage(alice, "Short-lived", ["una@plain.example", "vic@plain.example"]);
    const una = sent.recipients.find((r) => r.address === "una@plain.example")!;
    const vic = sent.recipients.find((r) => r.address === "vic@plain.example")!;
    for (const recipient of sent.recipients) await escrowAfterNoStarttls(sent.messageId, recipient.id);
    const past = new Date(Date.now() - 60_000);
    await getDb().$transaction(async (tx) => {
      await tx.recipient.update({ where: { id: una.id }, data: { expiresAt: past } });
      await tx.accessToken.create({ data: { purpose: "portal-access", tokenHash: "h-sweep", recipientId: una.id, expiresAt: new Date(Date.now() + DAY) } });
    });

    expect(await expireAccess()).toBe(1);
    expect(await expireAccess()).toBe(0);
    const recorded = await events("recipient.expired", una.id);
    expect(recorded).toHaveLength(1);
    expect(JSON.parse(recorded[0]!.data)).toEqual({ expiresAt: past.toISOString() });
    expect(await events("recipient.expired", vic.id)).toHaveLength(0);
    expect((await getDb().accessToken.findUniqueOrThrow({ where: { tokenHash: "h-sweep" } })).expiresAt.getTime()).toBeLessThanOrEqual(Date.now());

    // Extended and run out again: a new expiry, recorded once more.
    const later = new Date(Date.now() + DAY);
    await changeRecipientExpiry(alice, { messageId: sent.messageId, recipientId: una.id, expiresAt: later });
    expect(await expireAccess(new Date(later.getTime() + 1_000))).toBe(1);
    expect(await events("recipient.expired", una.id)).toHaveLength(2);
    expect(await expireAccess(new Date(later.getTime() + 2_000))).toBe(0);
  });
});

describe("the one status read", () => {
  it("serves the CLI, the API and the timeline page with the same facts", async () => {
    const alice = await createUser("alice6@sender.example", "sender");
    const sent = await sendMessage(alice, "Status check", ["wendy@plain.example", "xavier@tls.example"]);
    const wendy = sent.recipients.find((r) => r.address === "wendy@plain.example")!;
    await escrowAfterNoStarttls(sent.messageId, wendy.id);

    const page = await getMessageStatus(alice, sent.messageId);
    expect(page?.viewerIsSender).toBe(true);
    expect(page).not.toHaveProperty("senderUserId");
    const pageWendy = page!.recipients.find((r) => r.id === wendy.id)!;
    const steps = buildRecipientTimeline(page!.createdAt, pageWendy, new Date());
    expect(steps.map((s) => s.kind)).toEqual(["queued", "attempt", "escrowed"]);
    expect(steps[1]).toMatchObject({ attempt: { mxHost: "mx1.example.com", failureClass: "starttls-not-supported" } });

    const { token } = await createApiToken(alice.id, "test");
    const response = await getApiMessageStatus(new Request("http://localhost/api/v1/messages/x", { headers: { authorization: `Bearer ${token}` } }), sent.messageId);
    expect(response.status).toBe(200);
    const api = (await response.json()) as { recipients: { address: string; status: string; attempts: number; outcomeClass: string | null }[] };
    expect(api.recipients).toEqual([
      expect.objectContaining({ address: "wendy@plain.example", status: "escrowed", attempts: 1, outcomeClass: "starttls-not-supported" }),
      expect.objectContaining({ address: "xavier@tls.example", status: "queued", attempts: 0 }),
    ]);

    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    await runStatusCommand([sent.messageId, "--json"]);
    const cli = JSON.parse(printed.join("\n")) as { id: string; recipients: { address: string; status: string; attempts: { mxHost: string }[] }[] };
    expect(cli.id).toBe(sent.messageId);
    expect(cli.recipients.map((r) => [r.address, r.status, r.attempts.map((a) => a.mxHost)])).toEqual([
      ["wendy@plain.example", "escrowed", ["mx1.example.com"]],
      ["xavier@tls.example", "queued", []],
    ]);
    // The sender's actions and the portal's events join the same timeline.
    await changeRecipientExpiry(alice, { messageId: sent.messageId, recipientId: wendy.id, expiresAt: new Date(Date.now() + 2 * DAY) });
    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: wendy.id }, data: { firstViewedAt: new Date(), firstViewIp: "192.0.2.77" } }));
    await revokeRecipientAccess(alice, { messageId: sent.messageId, recipientId: wendy.id });
    const later = (await getMessageStatus(alice, sent.messageId))!.recipients.find((r) => r.id === wendy.id)!;
    const kinds = buildRecipientTimeline(page!.createdAt, later, new Date()).map((s) => s.kind);
    expect(kinds).toEqual(["queued", "attempt", "escrowed", "expiry-changed", "opened", "revoked"]);
    expect(buildRecipientTimeline(page!.createdAt, later, new Date()).find((s) => s.kind === "opened")).toMatchObject({ ip: "192.0.2.77" });

    // The CLI's JSON keeps its shape: no audit events or portal columns leak into it.
    expect(Object.keys(cli.recipients[0]!).sort()).toEqual(
      ["address", "attempts", "id", "notifiedAt", "outcomeAt", "outcomeClass", "status", "tlsCipher", "tlsProtocol"].sort(),
    );
  });
});

describe("sent list", () => {
  it("shows a sender only their own messages, filters by state, recipient and date, and decrypts only its page", async () => {
    const carol = await createUser("carol@sender.example", "sender");
    const dave = await createUser("dave@sender.example", "sender");
    const admin = await createUser("root7@sender.example", "admin");
    const first = await sendMessage(carol, "First", ["yara@plain.example"]);
    await escrowAfterNoStarttls(first.messageId, first.recipients[0]!.id);
    await sendMessage(carol, "Second", ["zoe@tls.example"]);
    await sendMessage(dave, "Dave's", ["yara@plain.example"]);

    const all = await listSentMessages(carol, parseSentFilters({}));
    expect(all.total).toBe(2);
    expect(all.items.map((m) => m.subject)).toEqual([
      { state: "shown", text: "Second" },
      { state: "shown", text: "First" },
    ]);
    expect(all.items[1]!.recipients).toEqual([expect.objectContaining({ address: "yara@plain.example", state: "escrowed" })]);

    expect((await listSentMessages(carol, parseSentFilters({ status: "escrowed" }))).items.map((m) => m.id)).toEqual([first.messageId]);
    expect((await listSentMessages(carol, parseSentFilters({ recipient: "zoe" }))).items).toHaveLength(1);
    expect((await listSentMessages(carol, parseSentFilters({ status: "queued", recipient: "yara" }))).items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listSentMessages(carol, parseSentFilters({ from: today, to: today }))).total).toBe(2);
    expect((await listSentMessages(carol, parseSentFilters({ to: "2000-01-01" }))).total).toBe(0);
    // Junk in the query string is ignored, not an error.
    expect((await listSentMessages(carol, parseSentFilters({ status: "<script>", page: "-3", from: "yesterday" }))).total).toBe(2);

    // The admin sees everyone's messages, status only.
    const adminView = await listSentMessages(admin, parseSentFilters({ recipient: "yara" }));
    expect(adminView.items.map((m) => m.subject.state)).toEqual(["hidden", "hidden"]);
    await expect(listSentMessages(await createUser("r@plain.example", "recipient"), parseSentFilters({}))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
