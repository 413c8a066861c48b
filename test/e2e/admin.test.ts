import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startDnsServer } from "@/test/support/dns-server";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

// The admin console in a real browser: change a user's role, add a domain policy and test that domain live
// against a loopback MX with a certificate from a test CA, change the subject tag, and create an API token;
// axe on every page. The web app reaches the MX through TRANSPORT_MAP (a host name, so the certificate's name
// is checked), a loopback DNS server for that name, and EXTRA_CA_FILE for the test CA.

const MX = "mx.probe.example";
const certs = await getTestCertificates(MX);
const peer = await startMxPeer(certs.good);
const dns = await startDnsServer({ [MX]: { a: [peer.host] } }, "127.0.0.55");
const caFile = path.join(process.env.DATA_DIR!, "test-ca.pem");
writeFileSync(caFile, certs.caCert);
const APP_ENV = { TRANSPORT_MAP: `probe.example=${MX}:${peer.port}`, DNS_SERVERS: dns.address, EXTRA_CA_FILE: caFile, CONNECT_TIMEOUT: "3s", GREETING_TIMEOUT: "3s", SOCKET_TIMEOUT: "3s" };

const { hashPassword } = await import("@/lib/auth/passwords");
const { getDb } = await import("@/lib/db");
const { startWorker } = await import("@/lib/queue/worker");
const { getOrgSettings } = await import("@/lib/settings/org-settings");
const { DESKTOP, checkPage, launchBrowser, newPage, signIn } = await import("@/test/support/browser");
const { startWebApp } = await import("@/test/support/web-app");

const PASSWORD = "correct horse battery staple";
let app: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let worker: ReturnType<typeof startWorker>;
let samId: string;

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  await getDb().user.create({ data: { email: "ada@admin.example", name: "Ada Admin", role: "admin", passwordHash } });
  samId = (await getDb().user.create({ data: { email: "sam@admin.example", name: "Sam Sender", role: "sender", passwordHash } })).id;
  await getDb().user.create({ data: { email: "rita@outside.example", name: "Rita Recipient", role: "recipient", passwordHash } });
  [app, browser] = await Promise.all([startWebApp(APP_ENV), launchBrowser()]);
  // Sends the new-device code the first sign-in asks for (test/support/browser.ts signIn).
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
  await peer.close();
  await dns.close();
});

describe("admin console", () => {
  it("changes a role, adds a policy and probes the domain, changes the subject tag, and creates a token", async () => {
    const page = await newPage(browser, { width: DESKTOP.width });
    await signIn(page, app.url, "ada@admin.example", PASSWORD, "/admin");
    expect(new URL(page.url()).pathname).toBe("/admin");
    await page.getByTestId("console-users").waitFor();
    await checkPage(page, "admin-dashboard");

    // Users: the list, then Sam's page, where the role changes to compliance.
    await page.getByTestId("console-users").click();
    await page.waitForURL("**/admin/users");
    await checkPage(page, "admin-users");
    await page.getByTestId("tab-recipients").click();
    await page.waitForURL("**/admin/users?tab=recipients");
    await page.getByTestId("recipient-query").fill("rita@");
    await page.getByTestId("recipient-search").click();
    await page.waitForURL((url) => url.searchParams.get("q") === "rita@");
    expect(await page.getByTestId("recipient-row").count()).toBe(1);
    await checkPage(page, "admin-recipients");
    await page.getByTestId("tab-staff").click();
    await page.waitForURL("**/admin/users");
    await page.locator('[data-testid="user-row"][data-email="sam@admin.example"]').getByTestId("user-link").click();
    await page.waitForURL(`**/admin/users/${samId}`);
    await checkPage(page, "admin-user");
    await page.getByTestId("role-compliance").check();
    await page.getByTestId("role-submit").click();
    await expect.poll(() => page.getByTestId("user-notice").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId("detail-role").innerText()).toBe("Compliance");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: samId } })).role).toBe("compliance");
    expect(await getDb().auditEvent.count({ where: { type: "user.role_changed" } })).toBe(1);

    // Policies: add tls-only for probe.example, then test it live.
    await page.goto(`${app.url}/admin/policies`);
    await checkPage(page, "admin-policies");
    await page.getByTestId("policy-domain").fill("probe.example");
    await page.getByTestId("policy-tls-only").check();
    await page.getByTestId("policy-save").click();
    const row = page.locator('[data-testid="policy-row"][data-domain="probe.example"]');
    await row.waitFor();
    expect(await row.getAttribute("data-policy")).toBe("tls-only");
    await page.getByTestId("probe-domain").fill("probe.example");
    await page.getByTestId("probe-submit").click();
    await page.getByTestId("probe-result").waitFor({ timeout: 20_000 });
    const sentence = await page.getByTestId("probe-sentence").innerText();
    expect(sentence).toMatch(/^mx\.probe\.example: TLS 1\.3 \(TLS_[A-Z0-9_]+\), certificate valid until .+: would be delivered over TLS\.$/);
    expect(await page.getByTestId("probe-summary").innerText()).toContain("would be delivered over verified TLS");
    await checkPage(page, "admin-policies-probed");
    expect(peer.commands).toEqual(expect.arrayContaining(["EHLO", "STARTTLS", "QUIT"]));
    expect(peer.commands).not.toContain("MAIL");
    const probed = await getDb().auditEvent.findFirstOrThrow({ where: { type: "domain_policy.probed" } });
    expect(JSON.parse(probed.data)).toMatchObject({ domain: "probe.example", ok: true });

    // Settings: a new subject tag, which intake uses from now on.
    await page.goto(`${app.url}/admin/settings`);
    await checkPage(page, "admin-settings");
    await page.getByTestId("subject-tag").fill("[vault]");
    await page.getByTestId("settings-submit").click();
    await page.getByTestId("settings-saved").waitFor();
    expect((await getOrgSettings()).subjectTag).toBe("[vault]");
    expect(await page.getByTestId("subject-tag").inputValue()).toBe("[vault]");

    // The admin's own API tokens: created once, shown once.
    await page.goto(`${app.url}/settings/tokens`);
    await page.getByTestId("token-name").fill("Scanner");
    await page.getByTestId("token-create").click();
    await page.getByTestId("new-token").waitFor();
    expect(await page.getByTestId("new-token").inputValue()).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);
    await checkPage(page, "settings-tokens");
    await page.context().close();
  });

  it("answers a sender with the not-found page on every admin page", async () => {
    await getDb().user.create({ data: { email: "ned@admin.example", name: "Ned Sender", role: "sender", passwordHash: await hashPassword(PASSWORD) } });
    const page = await newPage(browser);
    await signIn(page, app.url, "ned@admin.example", PASSWORD, "/sent");
    for (const pathname of ["/admin/users", `/admin/users/${samId}`, "/admin/policies", "/admin/settings"]) {
      const response = await page.goto(`${app.url}${pathname}`);
      expect(response?.status(), pathname).toBe(404);
    }
    await page.context().close();
  });
});
