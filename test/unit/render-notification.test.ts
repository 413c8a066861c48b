import { describe, expect, it } from "vitest";
import { renderNotification } from "@/lib/notify/render-notification";
import { renderSenderNotice } from "@/lib/notify/render-sender-notice";

// Branding comes from this file's own (empty) Setting table, so the defaults apply.
const view = {
  locale: "en" as const,
  orgName: "Acme & Co",
  senderName: 'Eve <script>alert("x")</script>',
  senderAddress: "eve@acme.example",
  sentAt: new Date("2026-03-03T14:05:00Z"),
  link: "https://portal.acme.example/open/tok_abc123",
  publicUrl: "https://portal.acme.example",
  expiresAt: new Date("2026-04-02T14:05:00Z"),
};

describe("renderNotification", () => {
  it("uses a neutral subject naming the sender and leaves the original subject out by default", async () => {
    const mail = await renderNotification({ ...view, senderName: "Alice Example" });
    expect(mail.subject).toBe("Secure message from Alice Example");
  });

  it("adds the original subject only when given (NOTIFY_INCLUDE_SUBJECT)", async () => {
    const mail = await renderNotification({ ...view, senderName: "Alice", originalSubject: "Q3 figures\r\nBcc: x@evil.example" });
    expect(mail.subject).toBe("Secure message from Alice: Q3 figures Bcc: x@evil.example");
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("falls back to the address when the sender has no display name", async () => {
    expect((await renderNotification({ ...view, senderName: "" })).subject).toBe("Secure message from eve@acme.example");
  });

  it("escapes everything in the HTML and keeps markup out of the text part", async () => {
    const mail = await renderNotification(view);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Acme &amp; Co");
    expect(mail.html).toContain('href="https://portal.acme.example/open/tok_abc123"');
    expect(mail.text).not.toMatch(/<(p|a|strong|code)\b/);
  });

  it("carries the link, the dates, the no-content line and how to check the link", async () => {
    const mail = await renderNotification(view);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(view.link);
      expect(part).toContain("3 March 2026");
      expect(part).toContain("2 April 2026");
      expect(part).toContain("The message itself is not in this email.");
      expect(part).toContain("https://portal.acme.example/open/");
      expect(part).toContain("eve@acme.example");
    }
    expect(mail.html).toContain('<html lang="en"');
    expect(mail.text).toMatch(/\r\n/);
  });

  it("speaks German to a German reader", async () => {
    const mail = await renderNotification({ ...view, locale: "de", senderName: "Alice" });
    expect(mail.subject).toBe("Sichere Nachricht von Alice");
    expect(mail.html).toContain('<html lang="de"');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("Sichere Nachricht lesen");
      expect(part).toContain("3. März 2026");
      expect(part).toContain("Die Nachricht selbst ist nicht in dieser E-Mail enthalten.");
    }
  });
});

describe("renderSenderNotice", () => {
  it("names the recipient, the reason and the status link, escaped", async () => {
    const mail = await renderSenderNotice({
      locale: "en",
      orgName: "Acme",
      recipientAddress: "bob@typo.example",
      outcome: "bounced",
      reason: "The recipient's mail server rejected the address or the message.",
      detail: "mx.typo.example refused the message: 550 5.1.1 <bob@typo.example> unknown",
      sentAt: new Date("2026-03-03T14:05:00Z"),
      statusLink: "https://portal.acme.example/sent/m1",
    });
    expect(mail.subject).toBe("Not delivered: your message to bob@typo.example");
    expect(mail.text).toContain("Reason: The recipient's mail server rejected the address or the message.");
    expect(mail.text).toContain("550 5.1.1");
    expect(mail.text).toContain("https://portal.acme.example/sent/m1");
    expect(mail.html).toContain("&lt;bob@typo.example&gt; unknown");
    expect(mail.html).not.toContain("<bob@typo.example>");
  });
});
