import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DESKTOP, PHONE, expectNoA11yViolations, launchBrowser, newPage, saveScreenshot, signIn } from "@/test/support/browser";
import { startDnsServer } from "@/test/support/dns-server";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";
import { startWebApp, type WebApp } from "@/test/support/web-app";

// The whole journey of issue 3 in a real browser against the production build:
// a sender relays a message through the SMTP smart host → the recipient's MX offers no STARTTLS, so the worker
// escrows it and notifies → a link scanner GETs the link (nothing is used up) → the recipient clicks through,
// registers, reads, downloads the attachment and replies → the reply goes through the same pipeline and is
// escrowed for the sender → the sender sees "opened" and "replied" on the timeline, reads the reply, and a
// read-receipt email exists. Screenshots of the main pages at phone and desktop widths.

const MX = "mx.partner.test";
const certs = await getTestCertificates(MX);
// One MX without STARTTLS serves both organisations: every message between them ends up escrowed.
const mx = await startMxPeer({ ...certs.good, starttls: false });
const dns = await startDnsServer({ [MX]: { a: [mx.host] } });
Object.assign(process.env, {
  DNS_SERVERS: dns.address,
  TRANSPORT_MAP: `partner.test=${MX}:${mx.port},acme.test=${MX}:${mx.port}`,
  CONNECT_TIMEOUT: "3s",
  GREETING_TIMEOUT: "3s",
  SOCKET_TIMEOUT: "5s",
  SMTP_HOSTNAME: "gateway.acme.test",
  ORG_NAME: "Acme Legal",
});

const nodemailer = (await import("nodemailer")).default;
const { getDb } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/passwords");
const { createApiToken } = await import("@/lib/auth/api-tokens");
const { startSmtpServer } = await import("@/lib/intake/smtp-server");
const { startWorker } = await import("@/lib/queue/worker");

const SENDER = { email: "alice@acme.test", name: "Alice Partner", password: "plum orbit cathedral 4471 lantern" };
const RECIPIENT = { email: "bob@partner.test", name: "Bob Client", password: "velvet hammock quasar 9082 tundra" };
const SUBJECT = "Contract draft 2d9e";
const BODY = "Please find the contract draft attached. Code word: heliotrope-51.";
const ATTACHMENT = { filename: "contract-notes.txt", content: "Clause 4.2: payment within 30 days.\n" };
const REPLY = "Thanks Alice, signed copy follows. Code word: marigold-73.";

const db = getDb();
let app: WebApp;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let worker: ReturnType<typeof startWorker>;
let apiToken = "";

beforeAll(async () => {
  const sender = await db.user.create({
    data: { email: SENDER.email, name: SENDER.name, role: "sender", passwordHash: await hashPassword(SENDER.password) },
  });
  apiToken = (await createApiToken(sender.id, "mail client")).token;
  [app, browser, smtp] = await Promise.all([startWebApp(), launchBrowser(), startSmtpServer({ host: "127.0.0.1", port: 0 })]);
  worker = startWorker({ concurrency: 4, pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await Promise.all([app?.stop(), smtp?.close(), mx.close(), dns.close()]);
});

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const mailTo = (address: string, subject: RegExp) =>
  waitFor(`an email to ${address} matching ${subject}`, async () => {
    const mails = await db.devMailboxMessage.findMany({ where: { envelopeTo: address }, orderBy: { createdAt: "desc" } });
    return mails.find((mail) => subject.test(mail.subject));
  });

/** Screenshots the page at phone and desktop width (the page reflows in place) and checks both with axe. */
async function capture(page: Page, name: string): Promise<void> {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await expectNoA11yViolations(page);
    await saveScreenshot(page, name);
  }
  await page.setViewportSize(PHONE);
}

describe("recipient and sender journey", () => {
  let link = "";
  let messageId = "";
  let recipientId = "";

  it("relays a message over authenticated SMTP, escrows it for an MX without STARTTLS and notifies the recipient", async () => {
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      requireTLS: true,
      // The intake certificate is generated self-signed in tests.
      tls: { rejectUnauthorized: false },
      auth: { user: SENDER.email, pass: apiToken },
    });
    await transport.sendMail({
      from: `${SENDER.name} <${SENDER.email}>`,
      to: RECIPIENT.email,
      subject: SUBJECT,
      text: BODY,
      attachments: [{ ...ATTACHMENT, contentType: "text/plain" }],
    });
    transport.close();

    const recipient = await waitFor("the recipient to be escrowed and notified", () =>
      db.recipient.findFirst({ where: { address: RECIPIENT.email, status: "escrowed", notifiedAt: { not: null } } }),
    );
    messageId = recipient.messageId;
    recipientId = recipient.id;
    expect((await db.message.findUniqueOrThrow({ where: { id: messageId } })).senderUserId).not.toBeNull();
    // The MX got only the content-free notification: the message never left in clear.
    for (const mail of mx.received) expect(mail.data.toString()).not.toMatch(/heliotrope|Contract draft/);

    const notification = await mailTo(RECIPIENT.email, /Secure message from Alice Partner/);
    for (const part of [notification.subject, notification.text, notification.html]) {
      expect(part).not.toContain(SUBJECT);
      expect(part).not.toContain("heliotrope");
      expect(part).not.toContain(ATTACHMENT.filename);
    }
    const found = /http:\/\/localhost:\d+\/open\/([A-Za-z0-9_-]{43})/.exec(notification.text);
    expect(found).not.toBeNull();
    // The worker's PUBLIC_URL is this test process's (localhost:3000); the web app runs on its own port.
    link = `${app.url}/open/${found![1]}`;
  });

  it("lets a link scanner fetch the link without using it up or counting a read", async () => {
    const response = await fetch(link, { headers: { "user-agent": "Mozilla/5.0 (compatible; SafeLinks scanner)" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).toContain('data-testid="link-landing"');
    expect(html).not.toContain(SUBJECT);
    const token = await db.accessToken.findFirstOrThrow({ where: { recipientId, purpose: "portal-access" } });
    expect(token.consumedAt).toBeNull();
    const recipient = await db.recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(recipient.firstViewedAt).toBeNull();
    const types = (await db.auditEvent.findMany({ where: { recipientId } })).map((event) => event.type);
    expect(types).toContain("link.fetched");
    expect(types).not.toContain("message.opened");
  });

  it("takes the recipient from the link through registration to the message, the attachment and a reply", async () => {
    const page = await newPage(browser, { width: PHONE.width });
    await page.goto(link);
    expect(await page.getByTestId("landing-sender").innerText()).toContain(SENDER.email);
    await capture(page, "journey-landing");
    await page.getByTestId("open-message").click();

    await page.waitForURL((url) => url.pathname === "/register");
    // The token has left the address bar.
    expect(page.url()).not.toContain("/open/");
    expect(await page.getByTestId("register-email").inputValue()).toBe(RECIPIENT.email);
    await page.locator('input[name="name"]').fill(RECIPIENT.name);
    await page.locator('input[name="password"]').fill(RECIPIENT.password);
    await page.locator('input[name="confirm"]').fill(RECIPIENT.password);
    await capture(page, "journey-register");
    await page.getByTestId("register-submit").click();

    await page.waitForURL((url) => url.pathname === `/inbox/${recipientId}`);
    expect(await page.getByTestId("message-subject").innerText()).toBe(SUBJECT);
    expect(await page.getByTestId("message-text").innerText()).toContain(BODY);
    expect(await page.title()).not.toContain(SUBJECT);
    await capture(page, "message");

    expect(await page.getByTestId("attachment-name").innerText()).toContain(ATTACHMENT.filename);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("attachment-download").click()]);
    expect(download.suggestedFilename()).toBe(ATTACHMENT.filename);
    expect(readFileSync((await download.path())!, "utf8")).toBe(ATTACHMENT.content);

    // From here on through the site's own links, as a person would.
    await page.locator('header a[href="/inbox"]').click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    expect(await page.getByTestId("inbox-item").count()).toBe(1);
    expect(await page.getByTestId("inbox-subject").innerText()).toContain(SUBJECT);
    await capture(page, "inbox");

    await page.getByTestId("inbox-item").locator("a").first().click();
    await page.waitForURL((url) => url.pathname === `/inbox/${recipientId}`);
    await page.getByTestId("reply-link").click();
    await page.waitForURL((url) => url.pathname === `/inbox/${recipientId}/reply`);
    await page.getByTestId("compose-body").fill(REPLY);
    await page.locator("#attachments").setInputFiles({ name: "signed.txt", mimeType: "text/plain", buffer: Buffer.from("signed\n") });
    await capture(page, "reply");
    await page.getByTestId("reply-submit").click();
    await page.getByTestId("reply-sent").waitFor();
    await page.context().close();

    const recipient = await db.recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(recipient.firstViewedAt).not.toBeNull();
    expect(recipient.repliedAt).not.toBeNull();
  });

  it("tells the sender: a read receipt, 'opened' and 'replied' on the timeline, and the reply in their inbox", async () => {
    const receipt = await mailTo(SENDER.email, new RegExp(RECIPIENT.email.replace(".", "\\.")));
    expect(receipt.text).toContain(`/sent/${messageId}`);
    expect(receipt.text).not.toContain(SUBJECT);
    // The reply went through the pipeline like any message: escrowed for the sender, who is notified.
    const replyRecipient = await waitFor("the reply to be escrowed for the sender", () =>
      db.recipient.findFirst({ where: { address: SENDER.email, status: "escrowed", notifiedAt: { not: null } } }),
    );
    for (const mail of mx.received) expect(mail.data.toString()).not.toMatch(/heliotrope|marigold|Contract draft/);

    const page = await newPage(browser, { width: DESKTOP.width });
    await signIn(page, app.url, SENDER.email, SENDER.password);
    await page.locator('header a[href="/sent"]').click();
    await page.waitForURL((url) => url.pathname === "/sent");
    expect(await page.getByTestId("sent-subject").first().innerText()).toContain(SUBJECT);
    await capture(page, "sent");

    await page.locator(`[data-message-id="${messageId}"]`).getByTestId("timeline-link").click();
    await page.waitForURL((url) => url.pathname === `/sent/${messageId}`);
    const kinds = await page.getByTestId("timeline-step").evaluateAll((steps) => steps.map((step) => step.getAttribute("data-kind")));
    expect(kinds).toEqual(expect.arrayContaining(["queued", "escrowed", "notified", "opened", "replied"]));
    await capture(page, "sent-timeline");

    await page.locator('header a[href="/inbox"]').click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    await page.getByTestId("inbox-item").locator("a").first().click();
    await page.waitForURL((url) => url.pathname === `/inbox/${replyRecipient.id}`);
    expect(await page.getByTestId("message-text").innerText()).toContain(REPLY);
    await page.context().close();
  });
});
