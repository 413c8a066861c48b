import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { hashPassword } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { DESKTOP, PHONE, expectNoA11yViolations, launchBrowser, newPage, saveScreenshot, signIn } from "@/test/support/browser";
import { startWebApp, type WebApp } from "@/test/support/web-app";

// The browser-test infrastructure itself (build + next start, chromium, axe, screenshots, sign-in) and the
// language negotiation every page shares: Accept-Language, the switcher, <html lang>.

const PASSWORD = "correct horse battery staple";
let app: WebApp;
let browser: Browser;
// Sends the device code a first sign-in in a new browser asks for (signIn reads it from the dev mailbox).
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

describe("public pages", () => {
  for (const width of [PHONE.width, DESKTOP.width]) {
    it(`home and sign-in load in English and pass axe at ${width}px`, async () => {
      const page = await newPage(browser, { width });
      await page.goto(app.url);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("h1").innerText()).toBe("Sealpost for Sealpost");
      await expectNoA11yViolations(page);
      await saveScreenshot(page, "home");

      await page.goto(`${app.url}/signin`);
      expect(await page.locator("h1").innerText()).toBe("Sign in");
      expect(await page.title()).toBe("Sign in · Sealpost");
      await expectNoA11yViolations(page);
      await saveScreenshot(page, "signin");
      await page.context().close();
    });
  }

  it("answers in German when the browser asks for it (Accept-Language: de)", async () => {
    const page = await newPage(browser, { locale: "de-DE" });
    await page.goto(app.url);
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    expect(await page.locator("h1").innerText()).toBe("Sealpost für Sealpost");
    expect(await page.getByTestId("locale-de").getAttribute("aria-pressed")).toBe("true");
    await page.goto(`${app.url}/signin`);
    expect(await page.locator("h1").innerText()).toBe("Anmelden");
    expect(await page.getByLabel("E-Mail-Adresse").count()).toBe(1);
    expect(await page.title()).toBe("Anmelden · Sealpost");
    await expectNoA11yViolations(page);
    await saveScreenshot(page, "signin-de");
    await page.goto(`${app.url}/no-such-page`);
    expect(await page.getByTestId("not-found").innerText()).toContain("Seite nicht gefunden");
    await page.context().close();
  });
});

describe("language switcher", () => {
  it("switches a visitor's language and keeps it over Accept-Language", async () => {
    const page = await newPage(browser, { locale: "en-GB" });
    await page.goto(`${app.url}/signin`);
    expect(await page.locator("h1").innerText()).toBe("Sign in");
    await page.getByTestId("locale-de").click();
    await page.locator("html[lang=de]").waitFor();
    expect(await page.locator("h1").innerText()).toBe("Anmelden");
    await page.goto(app.url);
    expect(await page.locator("h1").innerText()).toBe("Sealpost für Sealpost");
    await page.getByTestId("locale-en").click();
    await page.locator("html[lang=en]").waitFor();
    expect(await page.locator("h1").innerText()).toBe("Sealpost for Sealpost");
    await page.context().close();
  });

  it("signs a user in and stores their choice on the account for emails", async () => {
    const user = await getDb().user.create({
      data: { email: "smoke@example.org", name: "Smoke Tester", role: "admin", passwordHash: await hashPassword(PASSWORD) },
    });
    const page = await newPage(browser);
    await signIn(page, app.url, "smoke@example.org", PASSWORD);
    expect(await page.getByTestId("signed-in-as").innerText()).toBe("Signed in as Smoke Tester");
    await page.getByTestId("locale-de").click();
    await page.locator("html[lang=de]").waitFor();
    expect(await page.getByTestId("signed-in-as").innerText()).toBe("Angemeldet als Smoke Tester");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("de");
    await page.context().close();
  });
});

describe("branding", () => {
  it("lets the admin change the organisation's name, logo and colour, refusing what is not valid", async () => {
    const page = await newPage(browser, { width: DESKTOP.width });
    await signIn(page, app.url, "smoke@example.org", PASSWORD, "/admin/branding");
    await page.waitForURL((url) => url.pathname === "/admin/branding");
    // The page language follows the browser (cookie, else Accept-Language); the account's choice is for emails.
    expect(await page.locator("h1").innerText()).toBe("Branding");
    await expectNoA11yViolations(page);
    await page.locator('input[name="orgName"]').fill("Acme Legal");
    await page.locator('input[name="logoUrl"]').fill("http://cdn.acme.example/logo.png");
    await page.locator('input[name="colour"]').fill("teal");
    await page.getByTestId("branding-submit").click();
    expect(await page.getByTestId("logoUrl-error").innerText()).toBe("The logo address must start with https://.");
    expect(await page.getByTestId("colour-error").innerText()).toBe("Enter the colour as a hex code such as #0f766e.");
    await page.locator('input[name="logoUrl"]').fill("https://cdn.acme.example/logo.png");
    await page.locator('input[name="colour"]').fill("#1D4ED8");
    await page.getByTestId("branding-submit").click();
    await page.getByTestId("branding-saved").waitFor();
    await saveScreenshot(page, "admin-branding");
    await page.goto(app.url);
    expect(await page.locator("header").innerText()).toContain("Acme Legal");
    expect(await page.title()).toBe("Acme Legal");
    await page.context().close();
  });
});

describe("branded email", () => {
  it("passes axe as rendered HTML, in both languages", async () => {
    const page = await newPage(browser);
    for (const locale of ["en", "de"] as const) {
      const { html } = await renderBrandedEmail({
        locale,
        preheader: "Preview",
        heading: "Alice sent you a secure message",
        paragraphs: ["Alice <alice@acme.example> sent you a message.", "The link works until 2 April 2026."],
        action: { label: "Read the secure message", url: "https://portal.acme.example/open/abc" },
        actionAfter: 1,
        footer: ["Sent by Acme Legal."],
      });
      await page.setContent(html);
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      await expectNoA11yViolations(page);
      await saveScreenshot(page, `email-${locale}`);
    }
    await page.context().close();
  });
});
