import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { DESKTOP, PHONE, expectNoA11yViolations, launchBrowser, newPage, saveScreenshot, signIn, signOut } from "@/test/support/browser";
import { startWebApp, type WebApp } from "@/test/support/web-app";

// Passkeys in a real browser: Chromium's virtual authenticator (DevTools protocol, WebAuthn domain) stands in for
// a phone or security key. A user signs in with a password, adds a passkey on /account, signs out, signs in with
// the passkey, then removes it; a removed passkey no longer signs anyone in.

const PASSWORD = "correct horse battery staple";
let app: WebApp;
let browser: Browser;
// Sends the device code the first password sign-in in a new browser asks for.
let worker: Worker;

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

/** A platform authenticator with user verification that answers every request without a prompt. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

describe("passkeys", () => {
  for (const width of [PHONE.width, DESKTOP.width]) {
    it(`adds a passkey on /account, signs in with it instead of the password, and removes it (${width}px)`, async () => {
      const email = `passkey-${width}@client.example`;
      const user = await getDb().user.create({
        data: { email, name: `Pat ${width}`, role: "recipient", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() },
      });
      const page = await newPage(browser, { width });
      // No link prefetches: see signOut.
      await page.route("**/*", (route) => (route.request().headers()["next-router-prefetch"] ? route.abort() : route.continue()));
      await addVirtualAuthenticator(page);
      await signIn(page, app.url, email, PASSWORD, "/account");
      await page.waitForURL((current) => current.pathname === "/account");

      const section = page.getByTestId("passkeys-section");
      expect(await section.getByTestId("passkeys-empty").count()).toBe(1);
      await section.getByLabel("Name for the new passkey").fill("Test phone");
      await section.getByTestId("passkey-add").click();
      await section.getByText("Passkey added.", { exact: false }).waitFor();
      await section.getByTestId("passkey-item").waitFor();
      expect(await section.getByTestId("passkey-item").innerText()).toContain("Test phone");
      await expectNoA11yViolations(page);
      await saveScreenshot(page, "account-passkeys");
      const [stored] = await getDb().passkey.findMany({ where: { userId: user.id } });
      expect(stored).toMatchObject({ name: "Test phone", lastUsedAt: null });
      expect(await getDb().auditEvent.count({ where: { type: "passkey.registered", actorId: user.id } })).toBe(1);

      await signOut(page);
      await page.goto(`${app.url}/signin?callbackUrl=%2Faccount`);
      await page.getByTestId("passkey-sign-in").waitFor();
      await expectNoA11yViolations(page);
      await saveScreenshot(page, "signin-passkey");
      await page.getByTestId("passkey-sign-in").click();
      await page.waitForURL((current) => current.pathname === "/account");
      expect(await page.getByTestId("signed-in-as").innerText()).toContain(`Pat ${width}`);
      const used = await getDb().passkey.findUniqueOrThrow({ where: { id: stored?.id ?? "" } });
      expect(used.lastUsedAt).not.toBeNull();
      const signedIn = await getDb().auditEvent.findFirstOrThrow({ where: { type: "user.signed_in", actorId: user.id }, orderBy: { seq: "desc" } });
      expect(JSON.parse(signedIn.data)).toMatchObject({ via: "passkey", passkeyId: used.id });

      await section.getByRole("button", { name: "Remove passkey Test phone" }).click();
      await section.getByText("Passkey removed.", { exact: false }).waitFor();
      await section.getByTestId("passkeys-empty").waitFor();
      expect(await getDb().passkey.count({ where: { userId: user.id } })).toBe(0);

      // The authenticator still holds the credential, but the server has forgotten it.
      await signOut(page);
      await page.goto(`${app.url}/signin`);
      await page.getByTestId("passkey-sign-in").click();
      await page.getByTestId("passkey-sign-in-error").waitFor();
      expect(new URL(page.url()).pathname).toBe("/signin");
      const failed = await getDb().auditEvent.findFirstOrThrow({ where: { type: "user.sign_in_failed", actorId: null }, orderBy: { seq: "desc" } });
      expect(JSON.parse(failed.data)).toEqual({ via: "passkey", reason: "unknown-passkey" });
      await page.context().close();
    });
  }
});
