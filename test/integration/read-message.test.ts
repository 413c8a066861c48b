import { describe, expect, it } from "vitest";
import { AccessDeniedError } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { buildContentDisposition } from "@/lib/portal/read/build-content-disposition";
import { chooseDownloadType } from "@/lib/portal/read/choose-download-type";
import { downloadHeaders } from "@/lib/portal/read/download-headers";
import { getMessageAttachment } from "@/lib/portal/read/get-message-attachment";
import { getReadableMessage } from "@/lib/portal/read/get-readable-message";
import { sanitizeMessageHtml } from "@/lib/portal/read/sanitize-message-html";
import {
  RecipientAccessBlockedError,
  requireRecipientAccess,
  requireSenderAccess,
  requireStatusAccess,
} from "@/lib/portal/require-message-access";
import { DISPLAY_NAME_PAYLOAD, FILENAME_PAYLOADS, HTML_PAYLOADS, SUBJECT_PAYLOAD } from "@/test/fixtures/xss/payloads";
import { createTestUser, seedEscrowedMessage } from "@/test/support/seed-escrowed-message";

const db = getDb();
const sender = await createTestUser({ email: "alice@sender.test", name: "Alice", role: "sender" });
const bob = await createTestUser({ email: "bob@recipient.test", name: "Bob", role: "recipient" });
const carol = await createTestUser({ email: "carol@recipient.test", name: "Carol", role: "recipient" });
const admin = await createTestUser({ email: "admin@sender.test", name: "Admin", role: "admin" });

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==", "base64");

function deniedFor(recipientId: string) {
  return db.auditEvent.findMany({ where: { type: "access.denied", data: { contains: `recipient:${recipientId}` } } });
}

// What "inert" means for sanitised HTML: none of the elements that run, embed or submit anything, no event
// handler attributes, and only http(s)/mailto links and embedded raster images.
function expectInert(html: string): void {
  expect(html).not.toMatch(/<\s*(script|style|iframe|object|embed|form|input|button|textarea|select|meta|base|link|svg|math|template|frame|applet|noscript|details|video|audio|source|marquee)\b/i);
  for (const tag of html.match(/<[^>]+>/g) ?? []) {
    // Attribute values are quoted and escaped by the serialiser, so a handler can only hide outside quotes.
    expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
    for (const [, , value] of tag.matchAll(/\s(href|src|action|formaction|background|xlink:href)\s*=\s*"([^"]*)"/gi)) {
      expect(value).toMatch(/^(https?:|mailto:|data:image\/(png|jpe?g|gif|webp);base64,)/i);
    }
    expect(tag.replace(/\stitle="[^"]*"/g, "")).not.toMatch(/javascript:|vbscript:|expression\(/i);
  }
}

describe("access gate", () => {
  it("lets the rightful recipient in, case-insensitively, and refuses everyone else with an audit event", async () => {
    const { messageId, recipients } = await seedEscrowedMessage({ to: ["Bob@recipient.test"], senderUserId: sender.id });
    const recipientId = recipients[0]!.id;
    const access = await requireRecipientAccess(bob, recipientId, { sourceIp: "198.51.100.7" });
    expect(access.message.id).toBe(messageId);
    expect(access.recipient.passphraseRequired).toBe(false);

    for (const other of [carol, sender, admin]) {
      await expect(requireRecipientAccess(other, recipientId)).rejects.toBeInstanceOf(AccessDeniedError);
    }
    await expect(requireRecipientAccess(bob, "no-such-recipient")).rejects.toBeInstanceOf(AccessDeniedError);
    const denied = await deniedFor(recipientId);
    expect(denied).toHaveLength(3);
    expect(denied.map((e) => e.actorId).sort()).toEqual([carol.id, sender.id, admin.id].sort());
    expect(denied.every((e) => e.outcome === "denied" && e.messageId === messageId)).toBe(true);
  });

  it("refuses a queued (not escrowed) row and a deactivated account", async () => {
    const { recipients } = await seedEscrowedMessage({ to: ["bob@recipient.test"] });
    const recipientId = recipients[0]!.id;
    await db.$transaction((tx) => tx.recipient.update({ where: { id: recipientId }, data: { status: "delivered" } }));
    await expect(requireRecipientAccess(bob, recipientId)).rejects.toBeInstanceOf(AccessDeniedError);
    await db.$transaction((tx) => tx.recipient.update({ where: { id: recipientId }, data: { status: "escrowed" } }));
    await db.$transaction((tx) => tx.user.update({ where: { id: bob.id }, data: { deactivatedAt: new Date() } }));
    try {
      await expect(requireRecipientAccess(bob, recipientId)).rejects.toBeInstanceOf(AccessDeniedError);
    } finally {
      await db.$transaction((tx) => tx.user.update({ where: { id: bob.id }, data: { deactivatedAt: null } }));
    }
    expect((await deniedFor(recipientId)).map((e) => JSON.parse(e.data).reason)).toEqual(["not-escrowed", "deactivated"]);
  });

  it("tells the rightful recipient about revoked, expired and passphrase states instead of a 404", async () => {
    const { recipients } = await seedEscrowedMessage({ to: ["bob@recipient.test", "carol@recipient.test"] });
    const forBob = recipients[0]!;
    const forCarol = recipients[1]!;
    const blockedState = (promise: Promise<unknown>) =>
      promise.then(
        () => "open",
        (error: unknown) => (error instanceof RecipientAccessBlockedError ? error.state : "denied"),
      );

    await db.$transaction((tx) => tx.recipient.update({ where: { id: forBob.id }, data: { revokedAt: new Date() } }));
    expect(await blockedState(requireRecipientAccess(bob, forBob.id))).toBe("revoked");
    // Revoked for bob says nothing to carol: still a plain denial.
    expect(await blockedState(requireRecipientAccess(carol, forBob.id))).toBe("denied");

    const past = new Date(Date.now() - 60_000);
    await db.$transaction((tx) => tx.recipient.update({ where: { id: forCarol.id }, data: { expiresAt: past } }));
    expect(await blockedState(requireRecipientAccess(carol, forCarol.id))).toBe("expired");
    await db.$transaction((tx) => tx.recipient.update({ where: { id: forCarol.id }, data: { expiresAt: new Date(Date.now() + 86_400_000), passphraseHash: "$argon2id$placeholder" } }));
    expect(await blockedState(requireRecipientAccess(carol, forCarol.id))).toBe("passphrase-required");
    const pending = await requireRecipientAccess(carol, forCarol.id, { allowPassphrasePending: true });
    expect(pending.recipient.passphraseRequired).toBe(true);
    expect(JSON.stringify(pending)).not.toContain("placeholder");
    await db.$transaction((tx) => tx.recipient.update({ where: { id: forCarol.id }, data: { passphraseVerifiedAt: new Date() } }));
    expect(await blockedState(requireRecipientAccess(carol, forCarol.id))).toBe("open");

    const reasons = (await db.auditEvent.findMany({ where: { type: "access.denied", recipientId: null, data: { contains: "recipient:" } } }))
      .map((e) => JSON.parse(e.data).reason);
    expect(reasons).toEqual(expect.arrayContaining(["revoked", "expired"]));
  });

  it("lets the sender (and an admin, status only) at a message and no one else", async () => {
    const { messageId } = await seedEscrowedMessage({ to: ["bob@recipient.test"], senderUserId: sender.id });
    expect((await requireSenderAccess(sender, messageId)).id).toBe(messageId);
    await expect(requireSenderAccess(admin, messageId)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(requireSenderAccess(bob, messageId)).rejects.toBeInstanceOf(AccessDeniedError);
    expect((await requireStatusAccess(admin, messageId)).viewerIsSender).toBe(false);
    expect((await requireStatusAccess(sender, messageId)).viewerIsSender).toBe(true);
    await expect(requireStatusAccess(carol, messageId)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await db.auditEvent.count({ where: { type: "access.denied", messageId } })).toBe(3);
  });
});

describe("reading", () => {
  it("renders every payload of the XSS corpus inert, alone and all together", async () => {
    for (const payload of HTML_PAYLOADS) expectInert(sanitizeMessageHtml(`<p>before</p>${payload}<p>after</p>`).html);
    const together = sanitizeMessageHtml(HTML_PAYLOADS.join("\n"), { allowRemoteImages: true });
    expectInert(together.html);
    expectInert(sanitizeMessageHtml(HTML_PAYLOADS.join("\n"), { allowStyles: false }).html);
  });

  it("blocks remote images unless allowed, keeps embedded ones, and shows every link's real target", () => {
    const html = `<p><a href="https://example.com/a?b=1">click here</a> <a href="mailto:x@example.com">mail</a> <a href="/relative">rel</a></p>
      <img src="https://tracker.example/p.gif" alt="t"><img src="data:image/png;base64,${PNG.toString("base64")}" alt="inline">
      <p style="color: red; position: fixed; background: url(https://tracker.example/bg)">styled</p>`;
    const blocked = sanitizeMessageHtml(html);
    expect(blocked.blockedImages).toBe(1);
    expect(blocked.html).not.toContain("tracker.example");
    expect(blocked.html).toContain('class="sp-blocked"');
    expect(blocked.html).toContain("data:image/png;base64,");
    const link = blocked.html.match(/<a [^>]*>click here<\/a>/)?.[0] ?? "";
    for (const attribute of ['href="https://example.com/a?b=1"', 'title="https://example.com/a?b=1"', 'target="_blank"', 'rel="noopener noreferrer nofollow"']) {
      expect(link).toContain(attribute);
    }
    // A relative link would resolve against the portal: it stays as text.
    expect(blocked.html).toContain("<a>rel</a>");
    expect(blocked.html).toContain('style="color:red"');
    const allowed = sanitizeMessageHtml(html, { allowRemoteImages: true });
    expect(allowed.blockedImages).toBe(0);
    expect(allowed.html).toContain('src="https://tracker.example/p.gif"');
  });

  it("parses the sealed message: headers as text, sanitised HTML, cid images inline, attachments listed", async () => {
    const { recipients } = await seedEscrowedMessage({
      to: ["bob@recipient.test"],
      from: { name: DISPLAY_NAME_PAYLOAD, address: "evil@sender.test" } as unknown as string,
      subject: SUBJECT_PAYLOAD,
      html: `<p>Hello</p><img src="cid:logo@test">${HTML_PAYLOADS.join("")}`,
      attachments: [
        { filename: "logo.png", content: PNG, contentType: "image/png", cid: "logo@test" },
        { filename: "report.pdf", content: Buffer.from("%PDF-1.4 test"), contentType: "application/pdf" },
        ...FILENAME_PAYLOADS.map((filename) => ({ filename, content: "<script>top.__xss=1</script>", contentType: "text/html" })),
      ],
    });
    const access = await requireRecipientAccess(bob, recipients[0]!.id);
    const message = await getReadableMessage(access);
    expect(message.subject).toBe(SUBJECT_PAYLOAD);
    expect(message.from).toEqual([{ name: DISPLAY_NAME_PAYLOAD, address: "evil@sender.test" }]);
    expect(message.to).toEqual([{ name: "", address: "bob@recipient.test" }]);
    expectInert(message.html!);
    expect(message.html).toMatch(/<img alt="" src="data:image\/png;base64,/);
    expect(message.attachments.map((a) => [a.filename, a.inline])).toEqual([
      ["logo.png", true],
      ["report.pdf", false],
      ...FILENAME_PAYLOADS.map((name) => [expect.any(String), false]),
    ]);

    const pdf = await getMessageAttachment(access, 1);
    expect(pdf).toEqual({ filename: "report.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.4 test") });
    const html = await getMessageAttachment(access, 2);
    expect(html?.contentType).toBe("application/octet-stream");
    expect(await getMessageAttachment(access, 99)).toBeNull();
  });
});

describe("downloads", () => {
  it("writes RFC 6266 dispositions no file name can break out of", () => {
    expect(buildContentDisposition("Bericht März.pdf")).toBe(`attachment; filename="Bericht M_rz.pdf"; filename*=UTF-8''Bericht%20M%C3%A4rz.pdf`);
    for (const name of FILENAME_PAYLOADS) {
      const value = buildContentDisposition(name);
      expect(value).toMatch(/^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
      expect(value).not.toMatch(/[\r\n]|\.\.[\\/]|\u202e/);
    }
  });

  it("serves only safe types as themselves, everything with nosniff, no-store and attachment", () => {
    expect(chooseDownloadType("application/pdf; name=x")).toBe("application/pdf");
    for (const risky of ["text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript", "application/xml", ""]) {
      expect(chooseDownloadType(risky)).toBe("application/octet-stream");
    }
    const headers = downloadHeaders({ filename: "a.txt", contentType: "text/plain", size: 3 });
    expect(Object.fromEntries(headers)).toMatchObject({
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "content-length": "3",
      "content-disposition": `attachment; filename="a.txt"; filename*=UTF-8''a.txt`,
    });
  });
});
