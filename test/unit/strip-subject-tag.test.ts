import { describe, expect, it } from "vitest";
import { parseMessageHeaders } from "@/lib/intake/parse-message-headers";
import { formatSubjectField, rewriteSubjectHeader } from "@/lib/intake/rewrite-subject-header";
import { stripSubjectTag } from "@/lib/intake/strip-subject-tag";

function message(subjectLine: string): Buffer {
  return Buffer.from(`From: Alice <alice@example.com>\r\n${subjectLine}\r\nTo: bob@example.net\r\n\r\nBody line\r\n`);
}

/** Strips the tag the way intake does and returns the rewritten message with its re-parsed subject. */
async function stripInMessage(raw: Buffer, tag = "[secure]") {
  const headers = await parseMessageHeaders(raw);
  const { subject, tagged } = stripSubjectTag(headers.subject, tag);
  const rewritten = tagged && headers.subjectField ? rewriteSubjectHeader(raw, headers.subjectField, subject) : raw;
  return { tagged, rewritten, subject: (await parseMessageHeaders(rewritten)).subject };
}

describe("stripSubjectTag", () => {
  it("removes a plain tag and the whitespace it leaves", () => {
    expect(stripSubjectTag("[secure] Contract draft", "[secure]")).toEqual({ subject: "Contract draft", tagged: true });
    expect(stripSubjectTag("Re: [secure]   Contract", "[secure]")).toEqual({ subject: "Re: Contract", tagged: true });
    expect(stripSubjectTag("Contract [secure]", "[secure]")).toEqual({ subject: "Contract", tagged: true });
  });

  it("matches case-insensitively and removes every occurrence", () => {
    expect(stripSubjectTag("[SECURE] a [Secure] b", "[secure]")).toEqual({ subject: "a b", tagged: true });
  });

  it("treats the tag literally, not as a pattern", () => {
    expect(stripSubjectTag("[s] hello", "[secure]").tagged).toBe(false);
    expect(stripSubjectTag("Quarterly (conf.) report", "(conf.)")).toEqual({ subject: "Quarterly report", tagged: true });
  });

  it("leaves a subject without the tag unchanged", () => {
    expect(stripSubjectTag("  Lunch  on Friday ", "[secure]")).toEqual({ subject: "  Lunch  on Friday ", tagged: false });
  });
});

describe("subject tag in a raw message", () => {
  it("rewrites a plain Subject header and leaves every other byte alone", async () => {
    const raw = message("Subject: [Secure] Payroll");
    const result = await stripInMessage(raw);
    expect(result.tagged).toBe(true);
    expect(result.rewritten.toString()).toBe(message("Subject: Payroll").toString());
  });

  it("finds and strips the tag inside an RFC 2047 encoded subject and re-encodes the rest", async () => {
    // "[secure] Gehaltsübersicht März" as two base64 encoded words on two folded lines.
    const word = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=`;
    const raw = message(`Subject: ${word("[secure] Gehalts")}\r\n ${word("übersicht März")}`);
    const original = await parseMessageHeaders(raw);
    expect(original.subject).toBe("[secure] Gehaltsübersicht März");

    const result = await stripInMessage(raw);
    expect(result.tagged).toBe(true);
    expect(result.subject).toBe("Gehaltsübersicht März");
    const text = result.rewritten.toString("latin1");
    expect(text).not.toMatch(/secure/i);
    expect(text).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(text).toMatch(/^[\x00-\x7f]*$/);
  });

  it("handles a raw 8-bit UTF-8 subject", async () => {
    const result = await stripInMessage(message("Subject: Ärger [SECURE]"));
    expect(result.subject).toBe("Ärger");
    expect(result.rewritten.toString("latin1")).toMatch(/^Subject: =\?UTF-8\?B\?w4RyZ2Vy\?=\r$/m);
  });

  it("does not touch a message without the tag", async () => {
    const raw = message("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=");
    const result = await stripInMessage(raw);
    expect(result.tagged).toBe(false);
    expect(result.rewritten.equals(raw)).toBe(true);
  });

  it("encodes decoded line breaks instead of letting them inject a header", () => {
    const field = formatSubjectField("Hello\r\nBcc: eve@example.org");
    expect(field.split("\r\n").filter(Boolean).every((line, i) => i === 0 || /^[ \t]/.test(line))).toBe(true);
    expect(field).not.toContain("Bcc:");
  });

  it("folds long and multi-byte subjects into short lines that decode to the same text", async () => {
    for (const subject of ["Quarterly figures ".repeat(12).trim(), "Überweisung 💶 für März — 請求書 ".repeat(6).trim(), "=?not-a-word?="]) {
      const field = formatSubjectField(subject);
      expect(field.split("\r\n").every((line) => line.length <= 78)).toBe(true);
      expect(field).toMatch(/^[\x20-\x7e\r\n]*$/);
      expect((await parseMessageHeaders(Buffer.from(`${field}\r\nbody\r\n`))).subject).toBe(subject);
    }
  });
});
