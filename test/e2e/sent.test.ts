import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";

// The sender's side in a real browser: the sent list, a recipient's timeline with a TLS attempt in plain words,
// and revoking access. Notifications from this file's worker go nowhere real: the recipients' domain maps to a
// closed loopback port, and the dev mailbox keeps the copy.
Object.assign(process.env, { TRANSPORT_MAP: "plain.example=127.0.0.1:9,tls.example=127.0.0.1:9", CONNECT_TIMEOUT: "2s" });

const { hashPassword } = await import("@/lib/auth/passwords");
const { getDb } = await import("@/lib/db");
const { startWorker } = await import("@/lib/queue/worker");
const { DESKTOP, checkPage, expectNoA11yViolations, launchBrowser, newPage, signIn } = await import("@/test/support/browser");
const { seedTrackedMessage } = await import("@/test/support/seed-tracked-message");
const { startWebApp } = await import("@/test/support/web-app");

const PASSWORD = "correct horse battery staple";
let app: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let worker: ReturnType<typeof startWorker>;
let messageId: string;
let ritaId: string;

async function createSender(email: string, name: string) {
  return getDb().user.create({ data: { email, name, role: "sender", passwordHash: await hashPassword(PASSWORD) } });
}

beforeAll(async () => {
  const sender = await createSender("sally@sender.example", "Sally Sender");
  await createSender("other@sender.example", "Other Sender");
  ({ messageId, ritaId } = await seedTrackedMessage(sender));
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

describe("sender pages", () => {
  it("lists sent messages with recipient states, shows the timeline in plain words, and revokes a recipient", async () => {
    const page = await newPage(browser);
    await signIn(page, app.url, "sally@sender.example", PASSWORD, "/sent");
    expect(new URL(page.url()).pathname).toBe("/sent");

    const response = await page.reload();
    expect(response?.headers()["cache-control"]).toContain("no-store");
    expect(await page.title()).not.toContain("Board pack");
    const card = page.locator(`[data-testid="sent-message"][data-message-id="${messageId}"]`);
    await card.waitFor();
    expect(await card.getByTestId("sent-subject").innerText()).toBe("Board pack");
    const states = await card.getByTestId("recipient-state").evaluateAll((chips) => chips.map((chip) => chip.getAttribute("data-state")));
    expect(states).toHaveLength(2);
    expect(states).toContain("delivered");
    expect(states.find((state) => state !== "delivered")).toMatch(/^(escrowed|notified)$/);
    await checkPage(page, "sent");

    // Filters: by recipient and by state.
    await page.getByTestId("filter-recipient").fill("tom@");
    await page.getByTestId("apply-filters").click();
    await page.waitForURL((url) => url.searchParams.get("recipient") === "tom@");
    expect(await page.getByTestId("sent-message").count()).toBe(1);
    await page.goto(`${app.url}/sent?status=bounced`);
    expect(await page.getByTestId("sent-empty").count()).toBe(1);

    await page.goto(`${app.url}/sent`);
    await page.locator(`[data-message-id="${messageId}"]`).getByTestId("timeline-link").click();
    await page.waitForURL(`**/sent/${messageId}`);
    const rita = page.locator(`[data-recipient-id="${ritaId}"]`);
    expect(await rita.getByTestId("attempt-summary").innerText()).toBe("mx1.example.com offered no STARTTLS, so the connection could not be encrypted");
    expect(await page.getByTestId("attempt-summary").allInnerTexts()).toContain("mx.tls.example accepted the message over TLSv1.3 · TLS_AES_256_GCM_SHA384");
    expect(await page.getByTestId("message-subject").innerText()).toBe("Board pack");
    await checkPage(page, "sent-timeline");

    // Revoking needs the confirmation box; then the chip and the timeline say so at once.
    await rita.getByTestId("revoke-confirm").check();
    await rita.getByTestId("revoke-access").click();
    // The page re-renders with the new state; the actions give way to the revoked chip and timeline step.
    await expect.poll(() => rita.getByTestId("recipient-state").getAttribute("data-state"), { timeout: 10_000 }).toBe("revoked");
    expect(await rita.getByTestId("revoke-access").count()).toBe(0);
    expect(await rita.locator('[data-testid="timeline-step"][data-kind="revoked"]').count()).toBe(1);
    expect((await getDb().recipient.findUniqueOrThrow({ where: { id: ritaId } })).revokedAt).toBeInstanceOf(Date);
    expect(await getDb().auditEvent.count({ where: { type: "recipient.revoked", recipientId: ritaId } })).toBe(1);
    await page.context().close();
  });

  it("answers another sender with the not-found page and audits it", async () => {
    const page = await newPage(browser);
    await signIn(page, app.url, "other@sender.example", PASSWORD, "/sent");
    expect(await page.getByTestId("sent-message").count()).toBe(0);
    const response = await page.goto(`${app.url}/sent/${messageId}`);
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain("rita@plain.example");
    const other = await getDb().user.findUniqueOrThrow({ where: { email: "other@sender.example" } });
    expect(await getDb().auditEvent.count({ where: { type: "access.denied", actorId: other.id, messageId } })).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe("admin invitations", () => {
  it("invites a sender from /admin/users, who sets a password at /invite/[token] and lands on /sent", async () => {
    await getDb().user.create({ data: { email: "ada@sender.example", name: "Ada Admin", role: "admin", passwordHash: await hashPassword(PASSWORD) } });
    const admin = await newPage(browser, { width: DESKTOP.width });
    await signIn(admin, app.url, "ada@sender.example", PASSWORD, "/admin/users");
    await expectNoA11yViolations(admin);
    await admin.locator('input[name="name"]').fill("Nora New");
    await admin.locator('input[name="email"]').fill("nora@plain.example");
    await admin.getByTestId("invite-role-sender").check();
    await admin.getByTestId("invite-submit").click();
    // The machine may be busy: give server actions a few seconds (expect.poll waits one second by default).
    await expect.poll(() => admin.getByTestId("invite-outcome").innerText(), { timeout: 10_000 }).toBe("Invitation sent to nora@plain.example.");
    await expect.poll(() => admin.locator('[data-testid="user-row"][data-state="invited"]').count(), { timeout: 10_000 }).toBe(1);
    await admin.context().close();

    // The worker in this process sends the email; the dev mailbox keeps the copy.
    let link: string | undefined;
    await expect
      .poll(async () => {
        const mail = await getDb().devMailboxMessage.findFirst({ where: { envelopeTo: "nora@plain.example" }, orderBy: { createdAt: "desc" } });
        link = mail ? /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[0] : undefined;
        return link;
      }, { timeout: 15_000 })
      .toBeDefined();
    const page = await newPage(browser);
    await page.goto(`${app.url}${link}`);
    await expectNoA11yViolations(page);
    await page.locator('input[name="password"]').fill("short");
    await page.locator('input[name="confirm"]').fill("short");
    await page.getByTestId("accept-invitation-submit").click();
    await page.getByTestId("password-error").waitFor();
    await page.locator('input[name="password"]').fill("amber falcon drifts westward");
    await page.locator('input[name="confirm"]').fill("amber falcon drifts westward");
    await page.getByTestId("accept-invitation-submit").click();
    await page.waitForURL((url) => url.pathname === "/signin");
    await signIn(page, app.url, "nora@plain.example", "amber falcon drifts westward", "/sent");
    expect(new URL(page.url()).pathname).toBe("/sent");
    // The link worked once.
    await page.goto(`${app.url}${link}`);
    expect(await page.getByTestId("invite-invalid").count()).toBe(1);
    await page.context().close();
  });
});
