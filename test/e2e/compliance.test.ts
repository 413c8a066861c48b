import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";

// The compliance officer's journey in a real browser: search the audit log by message id, open the message's
// history with its TLS attempt, download the filtered log as CSV and verify the chain. Notifications from this
// file's worker go nowhere real: the recipients' domains map to a closed loopback port.
Object.assign(process.env, { TRANSPORT_MAP: "plain.example=127.0.0.1:9,tls.example=127.0.0.1:9", CONNECT_TIMEOUT: "2s" });

const { hashPassword } = await import("@/lib/auth/passwords");
const { createUserAccount } = await import("@/lib/cli/create-user-account");
const { getDb } = await import("@/lib/db");
const { startWorker } = await import("@/lib/queue/worker");
const { setOrgSettings } = await import("@/lib/settings/org-settings");
const { DESKTOP, checkPage, expectNoA11yViolations, launchBrowser, newPage, signIn } = await import("@/test/support/browser");
const { seedTrackedMessage } = await import("@/test/support/seed-tracked-message");
const { startWebApp } = await import("@/test/support/web-app");

const PASSWORD = "correct horse battery staple";
let app: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let worker: ReturnType<typeof startWorker>;
let messageId: string;
let tomId: string;

beforeAll(async () => {
  // The officer is created as an operator would, with `sealpost user create --role compliance`.
  await createUserAccount({ email: "cora@compliance.example", name: "Cora Compliance", role: "compliance", password: PASSWORD });
  const sender = await getDb().user.create({ data: { email: "sally@sender.example", name: "Sally Sender", role: "sender", passwordHash: await hashPassword(PASSWORD) } });
  ({ messageId, tomId } = await seedTrackedMessage(sender));
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

describe("compliance officer", () => {
  it("finds a message by id, reads its history with the TLS details, exports the log as CSV and verifies the chain", async () => {
    const page = await newPage(browser, { width: DESKTOP.width, acceptDownloads: true });
    await signIn(page, app.url, "cora@compliance.example", PASSWORD, "/compliance");
    expect(new URL(page.url()).pathname).toBe("/compliance");
    const response = await page.reload();
    expect(response?.headers()["cache-control"]).toContain("no-store");
    await page.getByTestId("audit-event").first().waitFor();
    await checkPage(page, "compliance-search");

    await page.getByTestId("filter-message").fill(messageId);
    await page.getByTestId("apply-filters").click();
    await page.waitForURL((url) => url.searchParams.get("messageId") === messageId);
    const rows = page.getByTestId("audit-event");
    const types = await rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-type")));
    expect(types).toContain("message.accepted");
    expect(types).toContain("recipient.escrowed");
    const expected = await getDb().auditEvent.count({ where: { messageId } });
    expect(types).toHaveLength(expected);
    expect(await page.getByTestId("event-message-link").evaluateAll((links) => links.map((link) => link.textContent))).toEqual(Array(expected).fill(messageId));

    await page.getByTestId("event-message-link").first().click();
    await page.waitForURL(`**/compliance/messages/${messageId}`);
    expect(await page.title()).not.toContain("Board pack");
    expect(await page.content()).not.toContain("Board pack");
    const tom = page.locator(`[data-testid="story-recipient"][data-recipient-id="${tomId}"]`);
    expect(await tom.getByTestId("attempt-tls").innerText()).toBe("TLSv1.3");
    expect(await tom.getByTestId("attempt-cipher").innerText()).toBe("TLS_AES_256_GCM_SHA384");
    expect(await tom.getByTestId("attempt-cert-subject").innerText()).toBe("CN=mx.tls.example");
    expect(await tom.getByTestId("attempt-cert-issuer").innerText()).toBe("CN=Test CA");
    expect(await tom.getByTestId("attempt-cert-fingerprint").innerText()).toBe("AB:CD:EF");
    expect(await tom.getByTestId("attempt-ip").innerText()).toBe("192.0.2.26");
    expect(await page.getByTestId("attempt-failure").allInnerTexts()).toEqual(["The mail server does not offer encryption (no STARTTLS)."]);
    expect(await page.getByTestId("story-message-id").innerText()).toBe(messageId);
    await checkPage(page, "compliance-story");

    // Back to the filtered search; the CSV holds exactly the events shown, and the export is on record.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/compliance" && url.searchParams.get("messageId") === messageId);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^sealpost-audit-\d{4}-\d{2}-\d{2}T\d{6}Z\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("seq,at,type,actor_type,actor_id,actor_email,source_ip,message_id,recipient_id,outcome,data");
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).every((line) => line.split(",")[7] === messageId)).toBe(true);
    expect(lines.some((line) => line.includes(",message.accepted,"))).toBe(true);
    const exported = await getDb().auditEvent.findFirstOrThrow({ where: { type: "audit.exported" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(exported.data)).toEqual({ format: "csv", filter: { messageId } });

    await page.getByTestId("verify-chain").click();
    const result = page.getByTestId("verify-result");
    await expect.poll(() => result.getAttribute("data-state"), { timeout: 20_000 }).toBe("intact");
    expect(await result.innerText()).toMatch(/^Chain intact: \d+ events checked\.$/);
    await expectNoA11yViolations(page);

    // Reports: today's recipients (one over TLS, one escrowed for no STARTTLS), as chart, table and TLS gap.
    await page.getByRole("link", { name: "Reports" }).first().click();
    await page.waitForURL((url) => url.pathname === "/compliance/reports");
    await page.getByTestId("daily-chart").waitFor();
    expect(await page.getByTestId("tls-gaps-table").innerText()).toContain("plain.example");
    await checkPage(page, "compliance-reports");
    await page.context().close();
  });

  it("answers a sender with the not-found page for the audit log, a message history and the export", async () => {
    const page = await newPage(browser);
    await signIn(page, app.url, "sally@sender.example", PASSWORD, "/sent");
    for (const path of ["/compliance", `/compliance/messages/${messageId}`, "/compliance/export?format=csv"]) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status()).toBe(404);
    }
    const sally = await getDb().user.findUniqueOrThrow({ where: { email: "sally@sender.example" } });
    expect(await getDb().auditEvent.count({ where: { type: "access.denied", actorId: sally.id } })).toBeGreaterThanOrEqual(3);
    await page.context().close();
  });

  it("reads a message's content only after a written justification, under a banner, when the organisation allows it", async () => {
    const admin = await getDb().user.create({ data: { email: "ada@admin.example", name: "Ada Admin", role: "admin" } });
    const page = await newPage(browser);
    await signIn(page, app.url, "cora@compliance.example", PASSWORD, `/compliance/messages/${messageId}`);
    expect(await page.getByTestId("break-glass").count()).toBe(0);
    expect((await page.goto(`${app.url}/compliance/messages/${messageId}/content`))?.status()).toBe(404);

    await setOrgSettings({ id: admin.id, email: admin.email, name: admin.name, role: "admin" }, { breakGlassEnabled: true });
    await page.goto(`${app.url}/compliance/messages/${messageId}`);
    await page.getByTestId("break-glass-justification").fill("too short");
    await page.getByTestId("break-glass-submit").click();
    await page.getByTestId("break-glass-error").waitFor();
    await page.getByTestId("break-glass-justification").fill("Court order 2026-117 requires the exact wording of the board pack.");
    await page.getByTestId("break-glass-submit").click();
    await page.getByTestId("break-glass-open").click();
    await page.waitForURL(`**/compliance/messages/${messageId}/content`);
    expect(await page.getByTestId("break-glass-banner").innerText()).toContain("Court order 2026-117");
    expect(await page.getByTestId("message-subject").innerText()).toBe("Board pack");
    expect(await page.getByTestId("message-text").innerText()).toContain("Confidential");
    expect(await page.title()).not.toContain("Board pack");
    await checkPage(page, "compliance-break-glass");
    expect(await getDb().auditEvent.count({ where: { type: "break_glass.granted", messageId } })).toBe(1);
    expect(await getDb().auditEvent.count({ where: { type: "break_glass.content_viewed", messageId } })).toBeGreaterThanOrEqual(1);
    expect(await getDb().job.count({ where: { kind: "break-glass-notice", messageId } })).toBe(1);
    await page.context().close();
  });
});
