import { createPublicKey } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";

// Organisation settings and the DKIM key against a real SQLite file: validation, defaults from the
// configuration, one audit event per changed key with the values before and after, and the places that read
// them (intake's subject tag, the notification's intro and sender, DKIM signing).
Object.assign(process.env, { SUBJECT_TAG: "[conf]", NOTIFY_FROM: "notices@config.test", SMTP_HOSTNAME: "gateway.test" });

const { getDb } = await import("@/lib/db");
const { AccessDeniedError } = await import("@/lib/auth/roles");
const { getOrgSettings, setOrgSettings, OrgSettingsValidationError } = await import("@/lib/settings/org-settings");
const { generateDkimKey, DkimKeyValidationError } = await import("@/lib/settings/generate-dkim-key");
const { removeDkimKey } = await import("@/lib/settings/remove-dkim-key");
const { getDkimStatus } = await import("@/lib/settings/get-dkim-status");
const { getDkimSigningKey } = await import("@/lib/settings/get-dkim-signing-key");
const { composeNotificationMime } = await import("@/lib/notify/compose-notification-mime");
const { renderNotification } = await import("@/lib/notify/render-notification");
const { notificationSender } = await import("@/lib/notify/notification-sender");
const { getConfig } = await import("@/lib/config");
const { acceptMessage } = await import("@/lib/intake/accept-message");

const admin = { id: "admin-1", email: "ada@org.test", name: "Ada", role: "admin" as const };
const sender = { id: "sender-1", email: "sam@org.test", name: "Sam", role: "sender" as const };

async function settingsEvents() {
  const rows = await getDb().auditEvent.findMany({ where: { type: "settings.changed" }, orderBy: { seq: "asc" } });
  return rows.map((row): Record<string, unknown> => ({ actorId: row.actorId, ...(JSON.parse(row.data) as Record<string, unknown>) }));
}

beforeEach(async () => {
  await getDb().$transaction((tx) => tx.setting.deleteMany({}));
});

describe("organisation settings", () => {
  it("start from the configuration's defaults", async () => {
    expect(await getOrgSettings()).toEqual({
      subjectTag: "[conf]",
      notificationIntro: null,
      notifyFrom: "notices@config.test",
      requireStaffMfa: false,
      breakGlassEnabled: false,
      breakGlassHours: 1,
    });
  });

  it("store a change and audit each changed key with its value before and after", async () => {
    const before = (await settingsEvents()).length;
    const after = await setOrgSettings(
      admin,
      { subjectTag: " [secure] ", notificationIntro: "Questions? Call the helpdesk.\r\n\r\nWe never ask for passwords.", notifyFrom: "", requireStaffMfa: true, breakGlassEnabled: false, breakGlassHours: "4" },
      { sourceIp: "192.0.2.7" },
    );
    expect(after).toEqual({
      subjectTag: "[secure]",
      notificationIntro: "Questions? Call the helpdesk.\n\nWe never ask for passwords.",
      // Cleared: the configured default applies again, so nothing changed for this key.
      notifyFrom: "notices@config.test",
      requireStaffMfa: true,
      breakGlassEnabled: false,
      breakGlassHours: 4,
    });
    expect(await getOrgSettings()).toEqual(after);
    const events = (await settingsEvents()).slice(before);
    expect(events).toEqual([
      { actorId: admin.id, key: "subjectTag", before: "[conf]", after: "[secure]" },
      { actorId: admin.id, key: "notificationIntro", before: null, after: "Questions? Call the helpdesk.\n\nWe never ask for passwords." },
      { actorId: admin.id, key: "requireStaffMfa", before: false, after: true },
      { actorId: admin.id, key: "breakGlassHours", before: 1, after: 4 },
    ]);
    const row = await getDb().auditEvent.findFirstOrThrow({ where: { type: "settings.changed" }, orderBy: { seq: "desc" } });
    expect(row.sourceIp).toBe("192.0.2.7");

    await setOrgSettings(admin, { notifyFrom: "secure@org.test" });
    await setOrgSettings(admin, { notifyFrom: "" });
    expect((await settingsEvents()).slice(-2).map(({ key, before: b, after: a }) => ({ key, b, a }))).toEqual([
      { key: "notifyFrom", b: "notices@config.test", a: "secure@org.test" },
      { key: "notifyFrom", b: "secure@org.test", a: "notices@config.test" },
    ]);
  });

  it("refuse invalid values with one catalogue key per field and change nothing", async () => {
    const before = (await settingsEvents()).length;
    const error = await setOrgSettings(admin, {
      subjectTag: "a\nb",
      notificationIntro: "x".repeat(501),
      notifyFrom: "not an address",
      breakGlassHours: 73,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OrgSettingsValidationError);
    expect((error as InstanceType<typeof OrgSettingsValidationError>).fieldErrors).toEqual({
      subjectTag: "subjectTagInvalid",
      notificationIntro: "introTooLong",
      notifyFrom: "notifyFromInvalid",
      breakGlassHours: "breakGlassHoursInvalid",
    });
    for (const bad of [{ subjectTag: "" }, { subjectTag: "x".repeat(41) }, { breakGlassHours: 0 }, { breakGlassHours: 1.5 }, { requireStaffMfa: "yes" as unknown as boolean }]) {
      await expect(setOrgSettings(admin, bad)).rejects.toBeInstanceOf(OrgSettingsValidationError);
    }
    expect(await getDb().setting.count()).toBe(0);
    expect((await settingsEvents()).length).toBe(before);
  });

  it("are for admins only, and a refusal is audited", async () => {
    await expect(setOrgSettings(sender, { subjectTag: "[x]" })).rejects.toBeInstanceOf(AccessDeniedError);
    const denied = await getDb().auditEvent.findFirstOrThrow({ where: { type: "access.denied", actorId: sender.id }, orderBy: { seq: "desc" } });
    expect(JSON.parse(denied.data)).toMatchObject({ resource: "settings:organisation" });
    expect((await getOrgSettings()).subjectTag).toBe("[conf]");
  });

  it("fall back to the default when a stored value no longer validates", async () => {
    await getDb().$transaction((tx) => tx.setting.create({ data: { key: "org.breakGlassHours", value: "500" } }));
    expect((await getOrgSettings()).breakGlassHours).toBe(1);
  });

  it("drive intake's subject tag, and the notification's intro and sender", async () => {
    await setOrgSettings(admin, { subjectTag: "[vault]", notificationIntro: "Call 555-0100 with questions.", notifyFrom: "secure@org.test" });
    const raw = Buffer.from("From: Sam <sam@org.test>\r\nTo: ext@outside.test\r\nSubject: [vault] Offer\r\n\r\nBody\r\n");
    const accepted = await acceptMessage({ source: "api", raw, envelopeFrom: "sam@org.test", recipients: ["ext@outside.test"], actor: { type: "system" } });
    const message = await getDb().message.findUniqueOrThrow({ where: { id: accepted.messageId } });
    expect(message.forceEscrow).toBe(true);

    const mail = await renderNotification({
      locale: "en",
      orgName: "Org",
      senderName: "Sam",
      senderAddress: "sam@org.test",
      sentAt: new Date(),
      link: "https://portal.test/open/abc",
      publicUrl: "https://portal.test",
      expiresAt: new Date(Date.now() + 86_400_000),
      intro: (await getOrgSettings()).notificationIntro,
    });
    // Above the button: the intro comes before the link in both bodies.
    expect(mail.text.indexOf("Call 555-0100 with questions.")).toBeGreaterThan(-1);
    expect(mail.text.indexOf("Call 555-0100 with questions.")).toBeLessThan(mail.text.indexOf("https://portal.test/open/abc"));
    expect(mail.html.indexOf("Call 555-0100 with questions.")).toBeLessThan(mail.html.indexOf('href="https://portal.test/open/abc"'));
    expect(notificationSender(getConfig(), "Org", (await getOrgSettings()).notifyFrom).address).toBe("secure@org.test");
  });
});

describe("DKIM key", () => {
  it("is generated, sealed, shown as a DNS record, signs notifications, and is audited without key material", async () => {
    expect((await getDkimStatus()).source).toBe("none");
    const record = await generateDkimKey(admin, { domain: "Org.Test", selector: "sp202611" }, { sourceIp: "192.0.2.8" });
    expect(record.name).toBe("sp202611._domainkey.org.test");
    expect(record.value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/);
    // A zone file holds at most 255 characters per quoted string; receivers join them (RFC 6376 section 3.6.2.2).
    expect(record.zoneFileLine.startsWith("sp202611._domainkey.org.test. IN TXT ( ")).toBe(true);
    const parts = [...record.zoneFileLine.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 255)).toBe(true);
    expect(parts.join("")).toBe(record.value);

    const stored = await getDb().setting.findUniqueOrThrow({ where: { key: "dkim.key" } });
    expect(stored.value).not.toContain("PRIVATE KEY");
    const key = await getDkimSigningKey();
    expect(key).toMatchObject({ domainName: "org.test", keySelector: "sp202611" });
    expect(key!.privateKey).toContain("BEGIN PRIVATE KEY");
    const publicKey = createPublicKey(key!.privateKey).export({ type: "spki", format: "der" });
    expect(record.value.endsWith(publicKey.toString("base64"))).toBe(true);
    expect((createPublicKey(key!.privateKey).asymmetricKeyDetails ?? {}).modulusLength).toBe(2048);

    const mime = (await composeNotificationMime({ from: { name: "Org", address: "secure@org.test" }, to: "ext@outside.test", subject: "Hello", text: "Hi", html: "<p>Hi</p>" })).toString();
    expect(mime).toMatch(/^DKIM-Signature: .*d=org\.test;/m);
    expect(mime).toMatch(/s=sp202611;/);

    const event = (await settingsEvents()).at(-1)!;
    expect(event).toEqual({ actorId: admin.id, key: "dkim", before: null, after: { source: "stored", domain: "org.test", selector: "sp202611", fingerprint: record.fingerprint } });
    const raw = (await getDb().auditEvent.findFirstOrThrow({ where: { type: "settings.changed" }, orderBy: { seq: "desc" } })).data;
    expect(raw).not.toMatch(/PRIVATE|MII/);

    const status = await getDkimStatus();
    expect(status).toMatchObject({ source: "stored", domain: "org.test", selector: "sp202611" });
    expect(status.record?.fingerprint).toBe(record.fingerprint);

    expect(await removeDkimKey(admin)).toBe(true);
    expect(await getDkimSigningKey()).toBeNull();
    expect((await settingsEvents()).at(-1)).toMatchObject({ key: "dkim", before: { fingerprint: record.fingerprint }, after: null });
    expect(await removeDkimKey(admin)).toBe(false);
  });

  it("refuses a bad domain or selector, and non-admins", async () => {
    const error = await generateDkimKey(admin, { domain: "not a domain", selector: "bad_selector!" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DkimKeyValidationError);
    expect((error as InstanceType<typeof DkimKeyValidationError>).fieldErrors).toEqual({ domain: "domainInvalid", selector: "selectorInvalid" });
    await expect(generateDkimKey(sender, { domain: "org.test", selector: "s1" })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await getDb().setting.count({ where: { key: "dkim.key" } })).toBe(0);
  });
});
