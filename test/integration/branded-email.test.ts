import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { contrastRatio, readableTextColour } from "@/lib/notify/contrast-colour";
import { getMailLocale } from "@/lib/notify/get-mail-locale";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";
import { getBranding } from "@/lib/settings/get-branding";
import { BrandingValidationError, setBranding } from "@/lib/settings/set-branding";

// Runs against this file's own database (test/support/setup-env.ts); ORG_NAME is the default "Sealpost".

async function createActor(email: string, role: Actor["role"]): Promise<Actor> {
  const user = await getDb().user.create({ data: { email, name: email.split("@")[0] ?? "user", role } });
  return { id: user.id, email: user.email, name: user.name, role };
}

const email = {
  locale: "en" as const,
  preheader: "Preview <line>",
  heading: "Hello & welcome",
  paragraphs: ["First paragraph.", "Second <b>paragraph</b>."],
  action: { label: "Open it", url: "https://portal.example/open/abc?x=1&y=2" },
  footer: ["Footer one.", "Footer two."],
};

describe("readableTextColour", () => {
  it("picks the label colour with the higher contrast, always at least 4.5:1", () => {
    expect(readableTextColour("#0f766e")).toBe("#ffffff");
    expect(readableTextColour("#ffd700")).toBe("#000000");
    for (const colour of ["#000000", "#ffffff", "#777777", "#ff0000", "#00ff00", "#0000ff", "#808000", "#1d4ed8", "#f59e0b"]) {
      expect(contrastRatio(colour, readableTextColour(colour))).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });
});

describe("branding settings", () => {
  it("defaults to ORG_NAME, no logo and the house colour", async () => {
    expect(await getBranding()).toEqual({ orgName: "Sealpost", logoUrl: null, colour: "#0f766e" });
  });

  it("refuses non-admins and audits the denial", async () => {
    const sender = await createActor("sender@example.org", "sender");
    await expect(setBranding(sender, { orgName: "X", logoUrl: "", colour: "#000000" })).rejects.toThrow(/Access denied/);
    const denied = await getDb().auditEvent.findMany({ where: { type: "access.denied", actorId: sender.id } });
    expect(denied).toHaveLength(1);
    expect(await getDb().setting.count()).toBe(0);
  });

  it("rejects a colour that is not hex and a logo that is not https, naming the fields", async () => {
    const admin = await createActor("admin@example.org", "admin");
    const error = await setBranding(admin, { orgName: " ", logoUrl: "http://cdn.example/logo.png", colour: "teal" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrandingValidationError);
    expect(Object.keys((error as BrandingValidationError).fieldErrors).sort()).toEqual(["colour", "logoUrl", "orgName"]);
    for (const logoUrl of ["javascript:alert(1)", 'https://x.example/"onerror="x', "data:image/png;base64,AAAA"]) {
      await expect(setBranding(admin, { orgName: "Acme", logoUrl, colour: "#123456" })).rejects.toBeInstanceOf(BrandingValidationError);
    }
    expect(await getDb().setting.count()).toBe(0);
  });

  it("stores valid branding and audits settings.changed with before and after", async () => {
    const admin = await getDb().user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, role: "admin" };
    await setBranding(actor, { orgName: "Acme & Co", logoUrl: "https://cdn.acme.example/logo.png", colour: "#FFD700" }, { sourceIp: "192.0.2.1" });
    expect(await getBranding()).toEqual({ orgName: "Acme & Co", logoUrl: "https://cdn.acme.example/logo.png", colour: "#ffd700" });
    const [event] = await getDb().auditEvent.findMany({ where: { type: "settings.changed" } });
    expect(event).toMatchObject({ actorId: admin.id, outcome: "success", sourceIp: "192.0.2.1" });
    expect(JSON.parse(event!.data)).toEqual({
      area: "branding",
      before: { orgName: "Sealpost", logoUrl: null, colour: "#0f766e" },
      after: { orgName: "Acme & Co", logoUrl: "https://cdn.acme.example/logo.png", colour: "#ffd700" },
    });
  });
});

describe("renderBrandedEmail", () => {
  it("renders the branding, a readable button and an escaped single-column body", async () => {
    const { html } = await renderBrandedEmail(email);
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<img src="https://cdn.acme.example/logo.png" alt="Acme &amp; Co"');
    expect(html).toContain("border-top:6px solid #ffd700");
    // Gold background: the label must be black (white on gold is about 1.4:1).
    expect(html).toMatch(/background:#ffd700;"><a href="https:\/\/portal\.example\/open\/abc\?x=1&amp;y=2" style="[^"]*color:#000000;/);
    expect(html).toContain("Preview &lt;line&gt;");
    expect(html).toContain("Hello &amp; welcome");
    expect(html).toContain("Second &lt;b&gt;paragraph&lt;/b&gt;.");
    expect(html).not.toContain("<b>");
    expect(html).toContain("If the button does not work, copy this address into your browser:");
    expect(html).toContain("Footer one.<br>Footer two.");
    expect(html).not.toMatch(/<style|<script|<link/i);
  });

  it("has a plain-text alternative with the action written out and CRLF lines", async () => {
    const { text } = await renderBrandedEmail({ ...email, actionAfter: 1 });
    expect(text).toBe(
      [
        "Hello & welcome",
        "",
        "First paragraph.",
        "",
        "Open it:",
        "https://portal.example/open/abc?x=1&y=2",
        "",
        "Second <b>paragraph</b>.",
        "",
        "--",
        "Footer one.",
        "Footer two.",
        "",
      ].join("\r\n"),
    );
  });

  it("declares the reader's language and translates its own words", async () => {
    const { html } = await renderBrandedEmail({ ...email, locale: "de" });
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain("Falls die Schaltfläche nicht funktioniert");
  });

  it("refuses an action that is not a web address", async () => {
    await expect(renderBrandedEmail({ ...email, action: { label: "x", url: "javascript:alert(1)" } })).rejects.toThrow(/http/);
  });
});

describe("getMailLocale", () => {
  it("writes to a person in the language their account chose, else in the organisation's default", async () => {
    await getDb().user.create({ data: { email: "anna@kunde.example", name: "Anna", role: "recipient", locale: "de-AT" } });
    await getDb().user.create({ data: { email: "sam@client.example", name: "Sam", role: "recipient", locale: "xx" } });
    expect(await getMailLocale(" Anna@Kunde.example ")).toBe("de");
    expect(await getMailLocale("sam@client.example")).toBe("en");
    expect(await getMailLocale("nobody@client.example")).toBe("en");
  });
});
