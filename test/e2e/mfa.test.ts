import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";

// Two-step sign-in in a real browser: a sender sets up an authenticator app from /account (reading the key
// shown on the page, as a person typing it into their app would), signs out, signs in again and must pass the
// code step; a wrong code is explained. Then the organisation requires it: a colleague without an app is sent
// to the setup page and cannot use anything else until done. Account emails (device codes) go to the dev mailbox.
Object.assign(process.env, { TRANSPORT_MAP: "sender.example=127.0.0.1:9", CONNECT_TIMEOUT: "2s" });

const { Secret, TOTP } = await import("otpauth");
const { hashPassword } = await import("@/lib/auth/passwords");
const { getDb } = await import("@/lib/db");
const { startWorker } = await import("@/lib/queue/worker");
const { setOrgSettings } = await import("@/lib/settings/org-settings");
const { DESKTOP, PHONE, checkPage, launchBrowser, newPage, nextTotpCode, signIn, signOut } = await import("@/test/support/browser");
const { startWebApp } = await import("@/test/support/web-app");

const PASSWORD = "correct horse battery staple";
let app: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let worker: ReturnType<typeof startWorker>;

async function createStaff(email: string, name: string, role: "admin" | "sender" | "compliance") {
  return getDb().user.create({ data: { email, name, role, passwordHash: await hashPassword(PASSWORD) } });
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

describe("two-step sign-in", () => {
  it("a sender sets up an authenticator, then signing in asks for its code; a wrong code is explained", async () => {
    const sender = await createStaff("sam@sender.example", "Sam Sender", "sender");
    const page = await newPage(browser);
    // No link prefetches: one in flight during the sign-out would bring the session cookie back.
    await page.route("**/*", (route) => (route.request().headers()["next-router-prefetch"] ? route.abort() : route.continue()));
    await signIn(page, app.url, sender.email, PASSWORD, "/account");
    expect(await page.getByTestId("mfa-status").getAttribute("data-state")).toBe("off");

    await page.getByTestId("mfa-manage").click();
    await page.waitForURL((current) => current.pathname === "/account/mfa");
    expect(await page.getByTestId("mfa-state").getAttribute("data-state")).toBe("off");
    await checkPage(page, "mfa-setup-off", [PHONE]);
    await page.getByTestId("mfa-start").click();
    const shownKey = page.getByTestId("totp-secret");
    await shownKey.waitFor();
    const secret = (await shownKey.innerText()).replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.locator('img[src^="data:image/svg+xml"]').count()).toBe(1);
    expect(await page.locator('a[href^="otpauth://totp/"]').getAttribute("href")).toContain(`secret=${secret}`);
    // Nothing of the key in the page title or the address.
    expect(await page.title()).not.toContain(secret);
    expect(page.url()).not.toContain(secret);
    await checkPage(page, "mfa-setup-scan");

    // A wrong first code is refused and explained; the setup stays pending.
    const now = TOTP.generate({ secret: Secret.fromBase32(secret) });
    await page.getByTestId("mfa-confirm-code").fill(now === "000000" ? "111111" : "000000");
    await page.getByTestId("mfa-confirm-submit").click();
    await expect.poll(() => page.getByTestId("code-error").textContent()).toContain("That code did not match");
    await page.getByTestId("mfa-confirm-code").fill(await nextTotpCode(sender.email, secret));
    await page.getByTestId("mfa-confirm-submit").click();
    await page.waitForURL((current) => current.searchParams.get("done") === "on");
    expect(await page.getByTestId("mfa-state").getAttribute("data-state")).toBe("on");
    expect(await getDb().auditEvent.count({ where: { type: "mfa.enrolled", actorId: sender.id } })).toBe(1);
    await checkPage(page, "mfa-setup-on", [PHONE]);
    await page.goto(`${app.url}/account`);
    expect(await page.getByTestId("mfa-status").getAttribute("data-state")).toBe("on");

    await signOut(page);
    await page.goto(`${app.url}/signin?callbackUrl=${encodeURIComponent("/sent")}`);
    await page.locator('input[name="email"]').fill(sender.email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByTestId("sign-in-submit").click();
    // A known browser now, so no emailed code: straight to the authenticator step, and not signed in yet.
    await page.waitForURL((current) => current.pathname === "/verify-mfa");
    const codeField = page.getByTestId("verify-mfa-code");
    expect(await codeField.getAttribute("inputmode")).toBe("numeric");
    expect(await codeField.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await page.getByTestId("sign-out").count()).toBe(0);
    await checkPage(page, "mfa-verify");
    expect((await page.request.get(`${app.url}/sent`, { maxRedirects: 0 })).status()).not.toBe(200);

    await codeField.fill(now === "000000" ? "111111" : "000000");
    await page.getByTestId("verify-mfa-submit").click();
    const error = page.getByTestId("verify-mfa-error");
    await error.waitFor();
    expect(await error.getAttribute("data-result")).toBe("wrong-code");
    expect(await error.innerText()).toBe("That code did not match. Codes change every 30 seconds; use the newest one.");
    await checkPage(page, "mfa-verify-wrong", [PHONE]);

    await codeField.fill(await nextTotpCode(sender.email, secret));
    await page.getByTestId("verify-mfa-submit").click();
    await page.waitForURL((current) => current.pathname === "/sent");
    await page.getByTestId("sign-out").waitFor();
    const audit = await getDb().auditEvent.findMany({ where: { actorId: sender.id, type: { in: ["mfa.failed", "mfa.verified", "user.signed_in"] } }, orderBy: { seq: "asc" } });
    expect(audit.slice(-3).map((e) => [e.type, JSON.parse(e.data).reason ?? JSON.parse(e.data).secondFactor ?? null])).toEqual([
      ["mfa.failed", "wrong-code"],
      ["mfa.verified", null],
      ["user.signed_in", "totp"],
    ]);
    await page.context().close();
  });

  it("when the organisation requires it, staff without an app are held on the setup page until done", async () => {
    const admin = await createStaff("ada@sender.example", "Ada Admin", "admin");
    const colleague = await createStaff("cleo@sender.example", "Cleo Compliance", "compliance");
    await setOrgSettings({ id: admin.id, email: admin.email, name: admin.name, role: "admin" }, { requireStaffMfa: true }, { sourceIp: null });
    const page = await newPage(browser);
    await signIn(page, app.url, colleague.email, PASSWORD, "/account");
    await page.waitForURL((current) => current.pathname === "/account/mfa");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/account");
    await page.getByTestId("mfa-required").waitFor();
    await checkPage(page, "mfa-required", [PHONE]);
    // Every other page sends them back here.
    await page.goto(`${app.url}/account`);
    expect(new URL(page.url()).pathname).toBe("/account/mfa");

    await page.getByTestId("mfa-start").click();
    const shownKey = page.getByTestId("totp-secret");
    await shownKey.waitFor();
    const secret = (await shownKey.innerText()).replace(/\s+/g, "");
    await page.getByTestId("mfa-confirm-code").fill(await nextTotpCode(colleague.email, secret));
    await page.getByTestId("mfa-confirm-submit").click();
    // Done: on to where they were going.
    await page.waitForURL((current) => current.pathname === "/account");
    expect(await page.getByTestId("mfa-status").getAttribute("data-state")).toBe("on");
    await page.context().close();

    // A new browser: the emailed device code first, then the authenticator (the shared helper does both).
    const other = await newPage(browser, { width: DESKTOP.width });
    await signIn(other, app.url, colleague.email, PASSWORD, "/account", { totpSecret: secret });
    expect(new URL(other.url()).pathname).toBe("/account");
    await other.context().close();
  });
});
