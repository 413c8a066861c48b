import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { Secret, TOTP } from "otpauth";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { getDb } from "@/lib/db";

// Browser tests drive Debian's chromium (/usr/bin/chromium) through playwright-core: browsers cannot be
// downloaded here. Flags from NOTES.md work as root in CI; playwright gives every launch a fresh profile.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCREENSHOTS = path.join(ROOT, "test-results/screenshots");

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export type NewPageOptions = {
  /** Viewport width in CSS pixels; 390 (phone) unless given. Height follows PHONE or DESKTOP. */
  width?: number;
  /** Sent as Accept-Language; "en" unless given. */
  locale?: string;
} & Pick<BrowserContextOptions, "extraHTTPHeaders" | "acceptDownloads">;

/**
 * A page in a fresh browser context (its own cookies, so its own session). Close it with
 * `page.context().close()`; closing the browser closes everything.
 */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<Page> {
  const width = options.width ?? PHONE.width;
  const context = await browser.newContext({
    viewport: { width, height: width < 768 ? PHONE.height : DESKTOP.height },
    locale: options.locale ?? "en",
    extraHTTPHeaders: options.extraHTTPHeaders,
    acceptDownloads: options.acceptDownloads ?? true,
  });
  // Short defaults: a missing element should fail the test quickly, not after Playwright's 30 s.
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context.newPage();
}

/**
 * Runs axe (WCAG 2.0–2.2 A/AA rules and best practices) on the page and throws when anything serious or critical
 * is found, listing each rule, why it matters and the offending elements.
 */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length === 0) return;
  const report = serious
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`);
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join("\n")}`;
    })
    .join("\n\n");
  throw new Error(`Accessibility violations on ${page.url()}:\n\n${report}`);
}

/** Full-page screenshot saved as test-results/screenshots/<name>-<viewport width>.png; returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(SCREENSHOTS, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Axe and a screenshot at each size (phone and desktop unless told), leaving the page at phone width. */
export async function checkPage(page: Page, name: string, sizes = [PHONE, DESKTOP]): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await expectNoA11yViolations(page);
    await saveScreenshot(page, name);
  }
  await page.setViewportSize(PHONE);
}

/** Signs out with the header button and waits until the session is gone. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("sign-out").click();
  await page.waitForURL((current) => current.pathname === "/");
  await page.getByTestId("sign-out").waitFor({ state: "detached" });
}

/**
 * The newest six-digit code mailed to `email` after `since`, read from the dev mailbox (the test process shares
 * the web app's database). Codes are sent by the `account-email` job: a worker must be running in the test.
 */
async function readMailedCode(email: string, since: Date, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = await getDb().devMailboxMessage.findFirst({
      where: { envelopeTo: email, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
    });
    const code = mail ? /\b(\d{6})\b/.exec(mail.text)?.[1] : undefined;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No code mailed to ${email} within ${timeoutMs} ms: is a worker running in this test (startWorker)?`);
}

export type SignInOptions = {
  /** The base32 TOTP secret of an account with two-step sign-in on: the helper types its current code at /verify-mfa. */
  totpSecret?: string;
};

/**
 * Signs in through the sign-in form and waits until the browser has left /signin. `url` is the web app's
 * origin (startWebApp().url); `callbackUrl` a local path to land on afterwards. A browser the account has not
 * used before is sent to /verify-device: the helper then types the code from the dev mailbox (needs a worker).
 * An account with TOTP on is then sent to /verify-mfa: pass `options.totpSecret` and the helper types the code.
 */
export async function signIn(page: Page, url: string, email: string, password: string, callbackUrl?: string, options: SignInOptions = {}): Promise<void> {
  const since = new Date(Date.now() - 1_000);
  const query = callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
  await page.goto(`${url}/signin${query}`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId("sign-in-submit").click();
  await page.waitForURL((current) => !current.pathname.startsWith("/signin"));
  if (new URL(page.url()).pathname.startsWith("/verify-device")) {
    await page.locator('input[name="code"]').fill(await readMailedCode(email, since));
    await page.locator('form:has(input[name="code"]) button[type="submit"]').first().click();
    await page.waitForURL((current) => !current.pathname.startsWith("/verify-device"));
  }
  if (new URL(page.url()).pathname.startsWith("/verify-mfa")) {
    if (!options.totpSecret) throw new Error(`${email} has two-step sign-in on: pass signIn(…, { totpSecret }) to get past /verify-mfa.`);
    await enterTotpCode(page, email, options.totpSecret);
  }
}

/**
 * A code the server will take for `email` now: the current step's, or a later one when that step was already
 * used (an enrolment or sign-in moments ago), since each step is accepted once (RFC 6238 section 5.2) and the
 * server accepts one step ahead. Reads the last used step from the database the test shares with the app.
 */
export async function nextTotpCode(email: string, totpSecret: string): Promise<string> {
  const user = await getDb().user.findUnique({ where: { email }, select: { totpLastStep: true } });
  const last = user?.totpLastStep ?? -1;
  // More than one step ahead would be refused: wait until the clock catches up (at most one step).
  while (last > Math.floor(Date.now() / 30_000)) await new Promise((resolve) => setTimeout(resolve, 250));
  const step = Math.max(Math.floor(Date.now() / 30_000), last + 1);
  return TOTP.generate({ secret: Secret.fromBase32(totpSecret), timestamp: step * 30_000 });
}

/** Types the authenticator code on /verify-mfa and waits until the browser moves on; throws with the page's error. */
export async function enterTotpCode(page: Page, email: string, totpSecret: string): Promise<void> {
  await page.getByTestId("verify-mfa-code").fill(await nextTotpCode(email, totpSecret));
  await page.getByTestId("verify-mfa-submit").click();
  const error = page.getByTestId("verify-mfa-error");
  // Whichever comes first; the other is left to time out quietly.
  await Promise.race([page.waitForURL((current) => !current.pathname.startsWith("/verify-mfa")).catch(() => undefined), error.waitFor().catch(() => undefined)]);
  if (new URL(page.url()).pathname.startsWith("/verify-mfa")) throw new Error(`The authenticator code was refused: ${await error.textContent()}`);
}
