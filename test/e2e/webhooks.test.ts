import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { getDb } from "@/lib/db";
import { DEVICE_COOKIE } from "@/lib/auth/access-cookies";
import { hashPassword } from "@/lib/auth/passwords";
import { recordKnownDevice } from "@/lib/auth/record-known-device";
import { DESKTOP, PHONE, expectNoA11yViolations, launchBrowser, newPage, saveScreenshot, signIn } from "@/test/support/browser";
import { startWebApp, type WebApp } from "@/test/support/web-app";

// A sender adds a webhook in the browser, sees its secret exactly once, sends a test event and sees it queued.
// The receiver address is on localhost, so the app runs with WEBHOOK_ALLOW_PRIVATE_TARGETS (as an operator with
// an internal receiver would); nothing listens there, the test only checks what the page shows.

let app: WebApp;
let browser: Browser;
const PASSWORD = "webhook tester passphrase 42";
// Each user's browser is a known device, so signing in needs no emailed code (that flow has its own tests).
const deviceSecrets = new Map<string, string>();

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  await getDb().$transaction(async (tx) => {
    for (const [email, name] of [["hooks@sender.test", "Hook Sender"], ["other@sender.test", "Other Sender"]] as const) {
      const user = await tx.user.create({ data: { email, name, role: "sender", passwordHash } });
      deviceSecrets.set(email, await recordKnownDevice(tx, user.id, "e2e"));
    }
  });
  [app, browser] = await Promise.all([startWebApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" }), launchBrowser()]);
});

async function signedInPage(email: string, width: number) {
  const page = await newPage(browser, { width });
  await page.context().addCookies([{ name: DEVICE_COOKIE, value: deviceSecrets.get(email)!, url: app.url }]);
  await signIn(page, app.url, email, PASSWORD, "/settings/webhooks");
  await page.goto(`${app.url}/settings/webhooks`);
  return page;
}

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("/settings/webhooks", () => {
  it("adds a webhook, shows its secret once, queues a test event and passes axe", async () => {
    const page = await signedInPage("hooks@sender.test", PHONE.width);
    expect(await page.locator("h1").innerText()).toBe("Webhooks");
    expect(await page.getByTestId("no-webhooks").count()).toBe(1);
    await expectNoA11yViolations(page);

    // Plain HTTP is refused with words a person can act on.
    await page.locator('input[name="url"]').fill("http://localhost:9/hooks");
    await page.getByTestId("add-webhook").click();
    await expect.poll(() => page.getByTestId("url-error").count()).toBe(1);
    expect(await page.getByTestId("url-error").innerText()).toContain("https://");
    await expectNoA11yViolations(page);

    await page.locator('input[name="url"]').fill("https://localhost:9/hooks/sealpost");
    await page.getByTestId("event-opened").uncheck();
    await page.getByTestId("add-webhook").click();
    const secretBox = page.getByTestId("webhook-secret");
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "webhooks-secret");

    const stored = await getDb().webhook.findFirstOrThrow({ where: { owner: { email: "hooks@sender.test" } } });
    expect(stored.events.split(",")).not.toContain("opened");
    expect(stored.events.split(",")).toContain("escrowed");
    expect(Buffer.from(stored.secretSealed).includes(Buffer.from(secret.slice(6)))).toBe(false);

    // Shown once: a fresh load lists the webhook but never the secret again.
    await page.reload();
    expect(await page.getByTestId("webhook-url").innerText()).toBe("https://localhost:9/hooks/sealpost");
    expect(await page.getByTestId("webhook-secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret.slice(6));

    await page.getByTestId("send-test").click();
    await page.getByTestId("webhook-notice").waitFor();
    expect(await page.getByTestId("webhook-delivery").first().getAttribute("data-status")).toBe("pending");
    expect(await getDb().job.count({ where: { kind: "webhook", doneAt: null } })).toBe(1);
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "webhooks");
    await page.context().close();
  });

  it("shows another sender none of it, and lays out at desktop width", async () => {
    const page = await signedInPage("other@sender.test", DESKTOP.width);
    expect(await page.getByTestId("no-webhooks").count()).toBe(1);
    expect(await page.content()).not.toContain("localhost:9/hooks");
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "webhooks-empty");
    await page.context().close();
  });

  it("pauses and deletes a webhook from the list", async () => {
    const page = await signedInPage("hooks@sender.test", DESKTOP.width);
    await page.getByTestId("toggle-webhook").click();
    await page.getByTestId("webhook-notice").waitFor();
    expect(await page.getByTestId("webhook-state").innerText()).toBe("Paused");
    await saveScreenshot(page, "webhooks-desktop");
    await page.getByTestId("delete-webhook").click();
    await page.getByTestId("no-webhooks").waitFor();
    expect(await getDb().webhook.count()).toBe(0);
    expect(await getDb().auditEvent.count({ where: { type: "webhook.deleted" } })).toBe(1);
    await page.context().close();
  });
});
