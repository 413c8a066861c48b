import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { acceptMessage } from "@/lib/intake/accept-message";
import { setRecipientPassphrase } from "@/lib/portal/passphrase/set-passphrase";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { DESKTOP, expectNoA11yViolations, launchBrowser, newPage, PHONE, saveScreenshot, signIn } from "@/test/support/browser";
import { startWebApp, type WebApp } from "@/test/support/web-app";

// The passphrase gate in a real browser: a message sent "through the portal" with a sender-set passphrase opens
// only after the recipient types it; a wrong one says how many tries are left.

const PASSWORD = "correct horse battery staple";
const PASSPHRASE = "orange kettle 8812";
let app: WebApp;
let browser: Browser;
let worker: Worker;
let sender: Actor;

beforeAll(async () => {
  const row = await getDb().user.create({ data: { email: "sam@corp.example", name: "Sam Sender", role: "sender" } });
  sender = { id: row.id, email: row.email, name: row.name, role: "sender" };
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

/** An escrowed message from Sam to `address` with a passphrase; returns the Recipient id once escrowed. */
async function escrowedWithPassphrase(address: string): Promise<string> {
  const raw = Buffer.from(`From: Sam Sender <sam@corp.example>\r\nTo: ${address}\r\nSubject: Quarterly figures\r\n\r\nThe figures are attached.\r\n`);
  const accepted = await acceptMessage({
    source: "api", raw, envelopeFrom: sender.email, recipients: [address], senderUserId: sender.id, forceEscrow: true,
    actor: { type: "user", id: sender.id },
  });
  const recipientId = accepted.recipients[0]?.id ?? "";
  await setRecipientPassphrase(sender, recipientId, PASSPHRASE);
  const deadline = Date.now() + 15_000;
  while ((await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } })).status !== "escrowed") {
    if (Date.now() > deadline) throw new Error("the message was not escrowed in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return recipientId;
}

describe("passphrase gate", () => {
  for (const width of [PHONE.width, DESKTOP.width]) {
    it(`asks for the passphrase before the message opens (${width}px)`, async () => {
      const email = `reader-${width}@client.example`;
      await getDb().user.create({ data: { email, name: "Robin Reader", role: "recipient", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() } });
      const recipientId = await escrowedWithPassphrase(email);
      const readPath = `/inbox/${recipientId}`;
      const page = await newPage(browser, { width });
      await signIn(page, app.url, email, PASSWORD, readPath);
      await page.waitForURL((current) => current.pathname === `${readPath}/passphrase`);
      const gate = page.getByTestId("passphrase-page");
      expect(await gate.innerText()).toContain("The sender asked for a passphrase they shared with you by phone or text message");
      expect(await page.title()).not.toContain("Quarterly");
      await expectNoA11yViolations(page);
      await saveScreenshot(page, "passphrase-gate");

      await page.getByLabel("Passphrase").fill("orange kettle 8813");
      await page.getByTestId("passphrase-submit").click();
      await page.getByTestId("passphrase-error").waitFor();
      expect(await page.getByTestId("passphrase-error").innerText()).toContain("4 more tries");
      await expectNoA11yViolations(page);
      await saveScreenshot(page, "passphrase-wrong");

      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByTestId("passphrase-submit").click();
      await page.waitForURL((current) => current.pathname === readPath);
      expect(await page.getByTestId("passphrase-page").count()).toBe(0);
      const row = await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } });
      expect(row.passphraseVerifiedAt).not.toBeNull();
      const types = (await getDb().auditEvent.findMany({ where: { recipientId, type: { startsWith: "passphrase." } }, orderBy: { seq: "asc" } })).map((e) => e.type);
      expect(types).toEqual(["passphrase.set", "passphrase.failed", "passphrase.verified"]);

      // Once verified, the gate sends the reader straight on.
      await page.goto(`${app.url}${readPath}/passphrase`);
      await page.waitForURL((current) => current.pathname === readPath);
      await page.context().close();
    });
  }

  it("shows nothing to another signed-in person", async () => {
    const recipientId = await escrowedWithPassphrase("someone@client.example");
    const email = "nosy@client.example";
    await getDb().user.create({ data: { email, name: "Nosy Parker", role: "recipient", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() } });
    const page = await newPage(browser, { width: DESKTOP.width });
    await signIn(page, app.url, email, PASSWORD);
    const response = await page.goto(`${app.url}/inbox/${recipientId}/passphrase`);
    expect(response?.status()).toBe(404);
    expect(await page.getByTestId("passphrase-page").count()).toBe(0);
    await page.context().close();
  });
});
