import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Dialog, Page } from "playwright-core";

// Reading a secure message in a real browser: inbox → message (sanitised HTML full of XSS payloads in a
// sandboxed frame) → attachment and .eml downloads → print view, with the read receipt sent once; another
// recipient gets 404s. Notices leave through the worker in this process; their domains point at a closed
// loopback port so the dev mailbox copy is what counts (no DNS or internet needed).
Object.assign(process.env, {
  TRANSPORT_MAP: "recipient.test=127.0.0.1:9,sender.test=127.0.0.1:9",
  CONNECT_TIMEOUT: "2s",
  GREETING_TIMEOUT: "2s",
  SOCKET_TIMEOUT: "2s",
});

const { getDb } = await import("@/lib/db");
const { readMessageMime } = await import("@/lib/escrow/read-message-content");
const { startWorker } = await import("@/lib/queue/worker");
const { DESKTOP, PHONE, launchBrowser, newPage, saveScreenshot, signIn } = await import("@/test/support/browser");
const { default: AxeBuilder } = await import("@axe-core/playwright");
const { startWebApp } = await import("@/test/support/web-app");
const { createTestUser, seedEscrowedMessage } = await import("@/test/support/seed-escrowed-message");
const { DISPLAY_NAME_PAYLOAD, FILENAME_PAYLOADS, HTML_PAYLOADS, SUBJECT_PAYLOAD, XSS_FLAG } = await import("@/test/fixtures/xss/payloads");

const db = getDb();
const PASSWORD = "reading glasses on the shelf 7";
const PDF = Buffer.from("%PDF-1.4\n% test attachment bytes \u00e4\n", "utf8");

const alice = await createTestUser({ email: "alice@sender.test", name: "Alice Sender", role: "sender", password: PASSWORD });
const bob = await createTestUser({ email: "bob@recipient.test", name: "Bob Reader", role: "recipient", password: PASSWORD });
await createTestUser({ email: "carol@recipient.test", name: "Carol Other", role: "recipient", password: PASSWORD });

const hostile = await seedEscrowedMessage({
  to: ["bob@recipient.test"],
  from: { name: DISPLAY_NAME_PAYLOAD, address: "alice@sender.test" } as unknown as string,
  subject: SUBJECT_PAYLOAD,
  senderUserId: alice.id,
  html: `<p>Hello Bob, here is <a href="https://example.com/report">the report</a>.</p>
    <img src="https://tracker.example/pixel.gif" alt="tracking pixel">${HTML_PAYLOADS.join("\n")}`,
  attachments: [
    { filename: "report.pdf", content: PDF, contentType: "application/pdf" },
    { filename: FILENAME_PAYLOADS[0]!, content: "<script>top.__xss=1</script>", contentType: "text/html" },
  ],
});
await seedEscrowedMessage({ to: ["bob@recipient.test"], from: "Dora Doctor <dora@clinic.test>", subject: "Lab results", text: "All fine." });
const hostileId = hostile.recipients[0]!.id;

let app: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let worker: ReturnType<typeof startWorker>;

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

/**
 * expectNoA11yViolations (test/support/browser.ts) with the message frame left out: axe cannot finish inside a
 * frame sandboxed without scripts (its timers never fire there, so the run hangs), and the frame holds the
 * sender's markup, not the portal's. The <iframe> element itself (its title) is still checked.
 */
async function expectNoA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .exclude('[data-testid="message-html"]')
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Every dialog a page (or any of its frames) opens, dismissed at once. */
function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on("dialog", (dialog: Dialog) => {
    seen.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

/** True when any frame of the page saw a payload run (the flag on its window). */
async function xssRan(page: Page): Promise<boolean> {
  for (const frame of page.frames()) {
    // A frame sandboxed without allow-scripts has no script context for Playwright to evaluate in: the call
    // never settles, which itself shows that nothing can run there. Give each frame one second.
    const check = frame.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag] !== undefined, XSS_FLAG).catch(() => false);
    const noScriptContext = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000));
    if (await Promise.race([check, noScriptContext])) return true;
  }
  return false;
}

describe("reading a secure message", () => {
  it("lists, opens and downloads it without running any payload, and sends one receipt", async () => {
    const page = await newPage(browser, { width: PHONE.width });
    const dialogs = watchDialogs(page);
    await signIn(page, app.url, bob.email, PASSWORD, "/inbox");
    await page.goto(`${app.url}/inbox`);
    expect(await page.locator("h1").innerText()).toBe("Your secure messages");
    expect(await page.getByTestId("inbox-item").count()).toBe(2);
    expect(await page.getByTestId("inbox-item").first().getAttribute("data-unread")).toBe("true");
    expect(await page.title()).not.toContain("Lab results");
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "inbox");

    // Fetches without a browser running the page (a scanner with stolen cookies, a prefetch, HEAD) never count
    // as a read; and the page is never cacheable.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const head = await fetch(`${app.url}/inbox/${hostileId}`, { method: "HEAD", headers: { cookie } });
    const get = await fetch(`${app.url}/inbox/${hostileId}`, { headers: { cookie } });
    expect([head.status, get.status]).toEqual([200, 200]);
    expect(get.headers.get("cache-control")).toContain("no-store");
    expect((await db.recipient.findUniqueOrThrow({ where: { id: hostileId } })).firstViewedAt).toBeNull();

    await page.locator(`a[href="/inbox/${hostileId}"]`).click();
    await page.getByTestId("message-subject").waitFor();
    expect(await page.getByTestId("message-subject").innerText()).toBe(SUBJECT_PAYLOAD);
    expect(await page.getByTestId("message-from").innerText()).toContain(DISPLAY_NAME_PAYLOAD);
    expect(await page.title()).toMatch(/^Secure message/);
    expect(await page.title()).not.toContain("img");
    const frame = page.getByTestId("message-html");
    expect(await frame.getAttribute("sandbox")).toBe("allow-popups allow-popups-to-escape-sandbox");
    expect(await page.getByTestId("images-blocked").count()).toBe(1);
    const body = page.frameLocator('[data-testid="message-html"]');
    const link = body.locator('a[href="https://example.com/report"]');
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(await link.getAttribute("title")).toBe("https://example.com/report");
    expect(await page.getByTestId("attachment-name").allInnerTexts()).toEqual(["report.pdf", FILENAME_PAYLOADS[0]]);
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "message");

    // The first view in the browser: recorded, and the sender's receipt arrives (once).
    await expect.poll(() => db.recipient.findUnique({ where: { id: hostileId } }).then((r) => r?.firstViewedAt ?? null), { timeout: 10_000 }).toBeInstanceOf(Date);
    const receiptWhere = { envelopeTo: alice.email, subject: { startsWith: "Opened" } };
    await expect.poll(() => db.devMailboxMessage.count({ where: receiptWhere }), { timeout: 10_000 }).toBe(1);
    const receipt = await db.devMailboxMessage.findFirstOrThrow({ where: receiptWhere });
    expect(receipt.text).toContain(`/sent/${hostile.messageId}`);
    expect(receipt.text).not.toContain("onerror");

    await page.getByTestId("load-images").click();
    await page.waitForURL((url) => url.searchParams.get("images") === "1");
    await page.getByTestId("message-html").waitFor();

    // Downloads through the authorised route.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("attachment-download").first().click()]);
    expect(download.suggestedFilename()).toBe("report.pdf");
    const response = await page.request.get(`${app.url}/inbox/${hostileId}/attachments/0`);
    expect(response.status()).toBe(200);
    expect(Buffer.from(await response.body()).equals(PDF)).toBe(true);
    expect(response.headers()).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    const risky = await page.request.get(`${app.url}/inbox/${hostileId}/attachments/1`);
    expect(risky.headers()["content-type"]).toBe("application/octet-stream");
    expect(risky.headers()["content-disposition"]).toMatch(/^attachment; filename="_img src=x onerror=top.__xss=1_.html"; filename\*=/);
    const eml = await page.request.get(`${app.url}/inbox/${hostileId}/eml`);
    expect(eml.headers()["content-type"]).toBe("message/rfc822");
    expect(eml.headers()["content-disposition"]).toContain('filename="secure-message.eml"');
    expect(Buffer.from(await eml.body()).equals(await readMessageMime(hostile.messageId))).toBe(true);
    expect(await db.auditEvent.count({ where: { type: "attachment.downloaded", recipientId: hostileId } })).toBe(3);
    expect(await db.auditEvent.count({ where: { type: "message.downloaded", recipientId: hostileId } })).toBe(1);

    await page.goto(`${app.url}/inbox/${hostileId}/print`);
    await page.getByTestId("print-view").waitFor();
    expect(await page.getByTestId("print-body").locator("script, iframe, form, input, svg").count()).toBe(0);
    await expectNoA11yViolations(page);

    // Re-opening sends nothing more.
    await page.goto(`${app.url}/inbox/${hostileId}`);
    await page.getByTestId("message-subject").waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dialogs).toEqual([]);
    expect(await xssRan(page)).toBe(false);
    expect(await db.job.count({ where: { kind: "notify-sender", recipientId: hostileId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { type: "message.opened", recipientId: hostileId } })).toBe(1);
    expect(await db.devMailboxMessage.count({ where: receiptWhere })).toBe(1);
    await page.context().close();
  }, 240_000);

  it("lays out inbox and message at desktop width", async () => {
    const page = await newPage(browser, { width: DESKTOP.width });
    const dialogs = watchDialogs(page);
    await signIn(page, app.url, bob.email, PASSWORD, "/inbox");
    await page.goto(`${app.url}/inbox`);
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "inbox");
    await page.goto(`${app.url}/inbox/${hostileId}`);
    await page.getByTestId("message-subject").waitFor();
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "message");
    expect(dialogs).toEqual([]);
    expect(await xssRan(page)).toBe(false);
    await page.context().close();
  });

  it("answers another recipient with 404s for the message and its attachment, and audits it", async () => {
    const page = await newPage(browser, { width: PHONE.width });
    await signIn(page, app.url, "carol@recipient.test", PASSWORD, "/inbox");
    await page.goto(`${app.url}/inbox`);
    expect(await page.getByTestId("inbox-empty").count()).toBe(1);
    const before = await db.auditEvent.count({ where: { type: "access.denied", messageId: hostile.messageId } });
    const read = await page.goto(`${app.url}/inbox/${hostileId}`);
    expect(read?.status()).toBe(404);
    expect(await page.content()).not.toContain("report.pdf");
    for (const path of ["attachments/0", "eml", "print"]) {
      expect((await page.request.get(`${app.url}/inbox/${hostileId}/${path}`)).status()).toBe(404);
    }
    expect((await page.request.get(`${app.url}/inbox/tampered-${hostileId}/attachments/0`)).status()).toBe(404);
    expect(await db.auditEvent.count({ where: { type: "access.denied", messageId: hostile.messageId } })).toBe(before + 4);
    await page.context().close();
  });
});
