import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Account emails (device code, reset) are sent by a worker running in this test process: the recipients' "MX"
// is a closed loopback port, so each mail fails fast and lands in the dev mailbox, where the test reads it.
vi.hoisted(() => {
  process.env.TRANSPORT_MAP = "example.org=127.0.0.1:1";
  process.env.DEV_MAILBOX = "on";
  process.env.CONNECT_TIMEOUT = "2s";
});

import type { Browser } from "playwright-core";
import { hashPassword } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db";
import { acceptMessage } from "@/lib/intake/accept-message";
import { issuePortalToken } from "@/lib/notify/issue-portal-token";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { DESKTOP, checkPage, launchBrowser, newPage } from "@/test/support/browser";
import { startWebApp, type WebApp } from "@/test/support/web-app";

const PASSWORD = "violet tram parsnip harbour";
const NEW_PASSWORD = "copper kettle meadow lantern";

let app: WebApp;
let browser: Browser;
let worker: Worker;

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 100, maxPollMs: 300, concurrency: 2 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

/** A sealed message kept in the portal for `address`, with a notification link; returns the link's token. */
async function escrowedMessage(address: string, linkTtlMs = 3_600_000) {
  const raw = Buffer.from(`From: Ann Sender <ann@sender.test>\r\nTo: ${address}\r\nSubject: Quarterly figures\r\n\r\nThe figures are attached.\r\n`);
  const accepted = await acceptMessage({ source: "api", raw, envelopeFrom: "ann@sender.test", recipients: [address], actor: { type: "system" } });
  const recipientId = accepted.recipients[0]!.id;
  const token = await getDb().$transaction(async (tx) => {
    // Skip delivery: this test is about the way in, not the way the message got here.
    await tx.job.updateMany({ where: { messageId: accepted.messageId }, data: { doneAt: new Date() } });
    await tx.recipient.update({ where: { id: recipientId }, data: { status: "escrowed", outcomeAt: new Date(), notifiedAt: new Date() } });
    return (await issuePortalToken(tx, recipientId, new Date(Date.now() + linkTtlMs))).token;
  });
  return { token, recipientId, messageId: accepted.messageId };
}

/** The newest captured mail to `to` whose text matches `pattern`, waiting for the worker to send it. */
async function waitForMail(to: string, pattern: RegExp, after: Date): Promise<RegExpExecArray> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const mails = await getDb().devMailboxMessage.findMany({ where: { envelopeTo: to, createdAt: { gte: after } }, orderBy: { createdAt: "desc" } });
    for (const mail of mails) {
      const match = pattern.exec(mail.text);
      if (match) return match;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} matching ${pattern}`);
}

describe("recipient access", () => {
  it("a scanner's GET uses nothing; the person clicks through, registers and lands on the message; the link then refuses reuse", async () => {
    const { token, recipientId } = await escrowedMessage("reader@example.org");
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${app.url}/open/${token}`, { headers: { "user-agent": "LinkScanner/2.0" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(await response.text()).toContain("Open the message");
    }
    const row = await getDb().accessToken.findFirstOrThrow({ where: { recipientId, purpose: "portal-access" } });
    expect(row.consumedAt).toBeNull();
    const fetched = await getDb().auditEvent.findMany({ where: { type: "link.fetched", recipientId } });
    expect(fetched.filter((e) => JSON.parse(e.data).userAgent === "LinkScanner/2.0")).toHaveLength(2);
    expect(await getDb().auditEvent.count({ where: { type: { in: ["link.opened", "message.opened"] }, recipientId } })).toBe(0);

    const page = await newPage(browser);
    await page.goto(`${app.url}/open/${token}`);
    expect(await page.getByTestId("landing-sender").innerText()).toContain("ann@sender.test");
    expect(await page.title()).not.toContain("Quarterly");
    await checkPage(page, "access-landing");
    await page.getByTestId("open-message").click();
    await page.waitForURL(`${app.url}/register`);
    expect(page.url()).not.toContain(token);
    expect(await page.getByTestId("register-email").inputValue()).toBe("reader@example.org");
    await checkPage(page, "access-register");

    await page.locator('input[name="name"]').fill("Robin Reader");
    await page.locator('input[name="password"]').fill("password1234");
    await page.locator('input[name="confirm"]').fill("password1234");
    await expect.poll(() => page.getByTestId("password-strength").getAttribute("data-score")).toBe("1");
    await page.getByTestId("register-submit").click();
    expect(await page.getByTestId("password-error").innerText()).toMatch(/easy to guess/);

    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="confirm"]').fill(PASSWORD);
    await page.getByTestId("register-submit").click();
    await page.waitForURL(`${app.url}/inbox/${recipientId}`);
    expect(await page.getByTestId("signed-in-as").innerText()).toContain("Robin Reader");
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "reader@example.org" } });
    expect(user.role).toBe("recipient");
    expect((await getDb().accessToken.findUniqueOrThrow({ where: { id: row.id } })).consumedAt).not.toBeNull();

    // The same link again, in any browser: refused in plain words, pointing to sign-in.
    const other = await newPage(browser);
    await other.goto(`${app.url}/open/${token}`);
    await other.getByTestId("link-used").waitFor();
    await checkPage(other, "access-link-used");
    await other.context().close();
    await page.context().close();
  });

  it("a second message to a known address leads to sign-in with the address filled in, and the link stands in for the device code", async () => {
    const { token, recipientId } = await escrowedMessage("reader@example.org");
    const page = await newPage(browser, { width: DESKTOP.width });
    await page.goto(`${app.url}/open/${token}`);
    await page.getByTestId("open-message").click();
    await page.waitForURL((url) => url.pathname === "/signin");
    expect(page.url()).not.toContain(token);
    await page.getByTestId("sign-in-for-message").waitFor();
    expect(await page.locator('input[name="email"]').inputValue()).toBe("reader@example.org");
    await checkPage(page, "access-signin-for-message");
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL(`${app.url}/inbox/${recipientId}`);
    await page.context().close();
  });

  it("a new browser must confirm an emailed code; wrong codes are counted", async () => {
    const page = await newPage(browser);
    await page.goto(`${app.url}/signin`);
    await checkPage(page, "access-signin");
    const before = new Date();
    await page.locator('input[name="email"]').fill("reader@example.org");
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL((url) => url.pathname === "/verify-device");
    await checkPage(page, "access-verify-device");
    const [, code] = await waitForMail("reader@example.org", /\b(\d{6})\b/, before);
    await page.locator('input[name="code"]').fill(code === "000000" ? "111111" : "000000");
    await page.getByTestId("verify-device-submit").click();
    expect(await page.getByTestId("verify-device-error").getAttribute("data-result")).toBe("wrong");
    await page.locator('input[name="code"]').fill(code!);
    await page.getByTestId("verify-device-submit").click();
    await page.waitForURL(`${app.url}/`);
    expect(await page.getByTestId("signed-in-as").innerText()).toContain("Robin Reader");
    await page.context().close();
  });

  it("sign-in attempts are throttled with a plain-words wait", async () => {
    await getDb().$transaction(async (tx) =>
      tx.user.create({ data: { email: "guessme@example.org", name: "Guess Me", role: "sender", passwordHash: await hashPassword(PASSWORD) } }),
    );
    const page = await newPage(browser);
    for (let i = 0; i < 6; i++) {
      // A fresh page per try: React resets the form after each action, which would race the next fill.
      await page.goto(`${app.url}/signin`);
      await page.locator('input[name="email"]').fill("guessme@example.org");
      await page.locator('input[name="password"]').fill(`not the password ${i}`);
      await page.getByTestId("sign-in-submit").click();
      expect(await page.getByTestId("sign-in-error").getAttribute("data-error")).toBe(i < 5 ? "failed" : "throttled");
    }
    expect(await page.getByTestId("sign-in-error").innerText()).toMatch(/Too many attempts.*15 minutes/);
    await page.context().close();
  });

  it("an expired link offers a new one; a forgotten password is reset by emailed link, which signs out elsewhere", async () => {
    const expired = await escrowedMessage("late@example.org", -1000);
    const page = await newPage(browser);
    await page.goto(`${app.url}/open/${expired.token}`);
    await page.getByTestId("link-expired").waitFor();
    await checkPage(page, "access-link-expired");
    await page.getByTestId("new-link").click();
    await page.getByTestId("new-link-sent").waitFor();
    expect(await getDb().job.count({ where: { kind: "notify-recipient", recipientId: expired.recipientId } })).toBe(1);

    const before = new Date();
    await page.goto(`${app.url}/reset-password`);
    await checkPage(page, "access-reset-request");
    await page.locator('input[name="email"]').fill("reader@example.org");
    await page.getByTestId("reset-request-submit").click();
    await page.getByTestId("reset-requested").waitFor();
    const [, resetToken] = await waitForMail("reader@example.org", /\/reset-password\/([A-Za-z0-9_-]{43})/, before);
    await page.goto(`${app.url}/reset-password/${resetToken}`);
    await checkPage(page, "access-reset-new-password");
    await page.locator('input[name="password"]').fill(NEW_PASSWORD);
    await page.locator('input[name="confirm"]').fill(NEW_PASSWORD);
    await page.getByTestId("reset-submit").click();
    await page.waitForURL((url) => url.pathname === "/account");
    await page.getByTestId("account-notice").waitFor();
    await checkPage(page, "access-account");
    expect((await getDb().user.findUniqueOrThrow({ where: { email: "reader@example.org" } })).sessionVersion).toBe(1);
    await waitForMail("reader@example.org", /password of your account was changed/, before);

    // The reset link works once.
    await page.goto(`${app.url}/reset-password/${resetToken}`);
    await page.getByTestId("reset-invalid").waitFor();

    await page.goto(`${app.url}/account`);
    await page.getByTestId("sign-out-everywhere").click();
    await page.waitForURL((url) => url.pathname === "/signin");
    await page.getByTestId("sign-in-notice").waitFor();
    await page.goto(`${app.url}/account`);
    await page.waitForURL((url) => url.pathname === "/signin");
    await page.context().close();
  });
});
