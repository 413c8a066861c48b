import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEVICE_COOKIE } from "@/lib/auth/access-cookies";
import { hashPassword } from "@/lib/auth/passwords";
import { recordKnownDevice } from "@/lib/auth/record-known-device";
import { getDb } from "@/lib/db";
import { setDomainPolicy } from "@/lib/delivery/set-domain-policy";
import { readMessageMime } from "@/lib/escrow/read-message-content";
import { acceptMessage } from "@/lib/intake/accept-message";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { DESKTOP, PHONE, expectNoA11yViolations, launchBrowser, newPage, saveScreenshot, signIn } from "@/test/support/browser";
import { startWebApp, type WebApp } from "@/test/support/web-app";

// A recipient opens an escrowed message, replies securely with an attachment, and the sender finds the reply in
// their own portal inbox. The real worker runs in this process; the sender's domain is `escrow-always`, so the
// reply is kept in the portal instead of being delivered to an MX that does not exist here.

let app: WebApp;
let browser: Browser;
let worker: Worker;
const PASSWORD = "reply tester passphrase 42";
const deviceSecrets = new Map<string, string>();
const db = getDb();
let bobRow = "";
let originalId = "";

const ORIGINAL = [
  'From: "Alice Sender" <alice@org.test>',
  'To: "Bob Recipient" <bob@ext.test>',
  "Cc: carol@ext.test",
  "Subject: Contract for review",
  "Message-ID: <contract-1@org.test>",
  "",
  "Hello Bob, please review the contract.",
  "",
].join("\r\n");

async function waitFor<T>(read: () => Promise<T | null | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function signedInPage(email: string, width: number, callbackUrl: string): Promise<Page> {
  const page = await newPage(browser, { width });
  await page.context().addCookies([{ name: DEVICE_COOKIE, value: deviceSecrets.get(email)!, url: app.url }]);
  await signIn(page, app.url, email, PASSWORD, callbackUrl);
  return page;
}

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  let aliceId = "";
  await db.$transaction(async (tx) => {
    for (const [email, name, role] of [
      ["alice@org.test", "Alice Sender", "sender"],
      ["bob@ext.test", "Bob Recipient", "recipient"],
      ["mallory@ext.test", "Mallory Other", "recipient"],
    ] as const) {
      const user = await tx.user.create({ data: { email, name, role, passwordHash, emailVerifiedAt: new Date() } });
      if (email === "alice@org.test") aliceId = user.id;
      deviceSecrets.set(email, await recordKnownDevice(tx, user.id, "e2e"));
    }
  });
  await setDomainPolicy("org.test", "escrow-always", { type: "system" });
  const accepted = await acceptMessage({
    source: "api",
    raw: Buffer.from(ORIGINAL),
    envelopeFrom: "alice@org.test",
    recipients: ["bob@ext.test", "carol@ext.test"],
    senderUserId: aliceId,
    forceEscrow: true,
    actor: { type: "api-token" },
  });
  originalId = accepted.messageId;
  bobRow = accepted.recipients.find((r) => r.address === "bob@ext.test")!.id;
  worker = startWorker({ concurrency: 2, pollMs: 50, maxPollMs: 200 });
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  await waitFor(() => db.recipient.findFirst({ where: { id: bobRow, status: "escrowed" } }), "the original to be escrowed");
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await worker?.stop();
});

describe("secure reply", () => {
  it("recipient replies with an attachment; the sender sees the reply in their inbox", async () => {
    const bob = await signedInPage("bob@ext.test", PHONE.width, "/inbox");
    await bob.goto(`${app.url}/inbox/${bobRow}`);
    await bob.getByTestId("reply-link").click();
    await bob.waitForURL(`**/inbox/${bobRow}/reply`);
    expect(await bob.getByTestId("reply-to").innerText()).toContain("alice@org.test");
    expect(await bob.getByTestId("reply-subject").innerText()).toBe("Re: Contract for review");
    expect(await bob.title()).not.toContain("Contract");
    await expectNoA11yViolations(bob);
    await saveScreenshot(bob, "reply-page");

    await bob.getByTestId("compose-body").fill("Signed copy attached.");
    await bob.getByTestId("compose-attachments").setInputFiles({ name: "signed-contract.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 signed") });
    await bob.getByTestId("reply-submit").click();
    await bob.getByTestId("reply-sent").waitFor();
    await expectNoA11yViolations(bob);

    const reply = await db.message.findFirstOrThrow({ where: { inReplyToId: originalId }, include: { recipients: true } });
    expect(reply.recipients.map((r) => r.address)).toEqual(["alice@org.test"]);
    const mime = (await readMessageMime(reply.id)).toString("utf8");
    expect(mime).toContain("In-Reply-To: <contract-1@org.test>");
    expect(mime).toContain("signed-contract.pdf");
    expect(mime).toContain("> Hello Bob, please review the contract.");
    expect((await db.recipient.findUniqueOrThrow({ where: { id: bobRow } })).repliedAt).not.toBeNull();
    const aliceRow = await waitFor(() => db.recipient.findFirst({ where: { messageId: reply.id, status: "escrowed" } }), "the reply to be escrowed");

    const alice = await signedInPage("alice@org.test", DESKTOP.width, "/inbox");
    await alice.goto(`${app.url}/inbox`);
    const item = alice.getByTestId("inbox-item").filter({ hasText: "Re: Contract for review" });
    expect(await item.getByTestId("inbox-sender").innerText()).toContain("Bob Recipient");
    await alice.goto(`${app.url}/inbox/${aliceRow.id}`);
    expect(await alice.getByTestId("message").innerText()).toContain("Signed copy attached.");
    // One conversation: Alice's original (sent by her) and Bob's reply (this message), oldest first.
    const thread = alice.getByTestId("thread-message");
    expect(await thread.count()).toBe(2);
    expect(await thread.nth(0).getAttribute("data-direction")).toBe("outgoing");
    expect(await thread.nth(1).getAttribute("aria-current")).toBe("true");
    await expectNoA11yViolations(alice);
    await Promise.all([bob.context().close(), alice.context().close()]);
  });

  it("reply-all lists the other recipients, passes axe at desktop width", async () => {
    const bob = await signedInPage("bob@ext.test", DESKTOP.width, `/inbox/${bobRow}/reply?all=1`);
    await bob.goto(`${app.url}/inbox/${bobRow}/reply?all=1`);
    expect(await bob.getByTestId("reply-cc").innerText()).toContain("carol@ext.test");
    await expectNoA11yViolations(bob);
    await saveScreenshot(bob, "reply-page");

    // A file type that is not allowed comes back as an explanation, and nothing is sent.
    const before = await db.message.count();
    await bob.getByTestId("compose-body").fill("One more thing.");
    await bob.getByTestId("compose-attachments").setInputFiles({ name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
    await bob.getByTestId("reply-submit").click();
    expect(await bob.getByTestId("compose-error").innerText()).toContain("setup.exe");
    expect(await bob.getByTestId("compose-body").inputValue()).toBe("One more thing.");
    expect(await db.message.count()).toBe(before);
    await bob.context().close();
  });

  it("another recipient gets the not-found page for the reply form, and it is audited", async () => {
    const mallory = await signedInPage("mallory@ext.test", PHONE.width, "/inbox");
    const response = await mallory.goto(`${app.url}/inbox/${bobRow}/reply`);
    expect(response?.status()).toBe(404);
    expect(await mallory.content()).not.toContain("Contract for review");
    const mallorysId = (await db.user.findUniqueOrThrow({ where: { email: "mallory@ext.test" } })).id;
    expect(await db.auditEvent.count({ where: { type: "access.denied", actorId: mallorysId, messageId: originalId } })).toBeGreaterThan(0);
    await mallory.context().close();
  });

  it("a recipient writes a new message to a sender from /compose", async () => {
    const bob = await signedInPage("bob@ext.test", PHONE.width, "/compose");
    await bob.goto(`${app.url}/compose`);
    await expectNoA11yViolations(bob);
    await saveScreenshot(bob, "compose-page");
    await bob.getByTestId("compose-to").fill("someone@elsewhere.test");
    await bob.getByTestId("compose-subject").fill("A question");
    await bob.getByTestId("compose-body").fill("Could you call me?");
    await bob.getByTestId("compose-submit").click();
    expect(await bob.getByTestId("compose-error").innerText()).toContain("someone@elsewhere.test");

    await bob.getByTestId("compose-to").fill("alice@org.test");
    await bob.getByTestId("compose-submit").click();
    await bob.waitForURL("**/compose/sent");
    await bob.getByTestId("compose-sent").waitFor();
    const sent = await db.message.findFirstOrThrow({ where: { source: "portal", inReplyToId: null, envelopeFrom: "bob@ext.test" }, include: { recipients: true } });
    expect(sent.recipients.map((r) => r.address)).toEqual(["alice@org.test"]);
    await bob.context().close();
  });

  it("a sender writes to anyone with portal-only delivery and a passphrase, then follows delivery", async () => {
    const alice = await signedInPage("alice@org.test", DESKTOP.width, "/compose");
    await alice.goto(`${app.url}/compose`);
    await expectNoA11yViolations(alice);
    await saveScreenshot(alice, "compose-page");
    await alice.getByTestId("compose-to").fill("dan@ext.test, erin@ext.test");
    await alice.getByTestId("compose-subject").fill("Your documents");
    await alice.getByTestId("compose-body").fill("Please find them attached.");
    await alice.getByTestId("compose-attachments").setInputFiles({ name: "documents.zip", mimeType: "application/zip", buffer: Buffer.from("PK") });
    await alice.getByTestId("compose-force-escrow").check();
    await alice.getByTestId("compose-passphrase").fill("river-stone-81");
    await alice.getByTestId("compose-expiry").fill("14");
    await alice.getByTestId("compose-submit").click();
    await alice.getByTestId("compose-sent").waitFor();
    const href = await alice.getByTestId("follow-delivery").getAttribute("href");
    const messageId = href!.replace("/sent/", "");
    const message = await db.message.findUniqueOrThrow({ where: { id: messageId }, include: { recipients: true } });
    expect(message.forceEscrow).toBe(true);
    expect(message.recipients.map((r) => r.address).sort()).toEqual(["dan@ext.test", "erin@ext.test"]);
    expect(message.recipients.every((r) => r.passphraseHash !== null && r.expiresAt !== null)).toBe(true);
    await alice.context().close();
  });
});
