import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { readableTextColour } from "@/lib/notify/contrast-colour";
import { escapeHtml } from "@/lib/notify/escape-html";
import { getBranding } from "@/lib/settings/get-branding";

export type BrandedEmailInput = {
  locale: Locale;
  /** The preview line mail clients show after the subject; hidden in the body. */
  preheader: string;
  heading: string;
  /** Plain text, one string per paragraph (escaped here; no markup). */
  paragraphs: string[];
  /** The one thing to do, shown as a button with the address written out beneath it. */
  action?: { label: string; url: string };
  /** Where the button goes: after this many paragraphs (default: after all of them). */
  actionAfter?: number;
  /** Small print, one line each. */
  footer?: string[];
};

const TEXT = "#111827";
const MUTED = "#4b5563";
const FONT = "Arial,Helvetica,sans-serif";

function assertWebUrl(url: string): void {
  // The URL lands in an href: only web addresses, never javascript: or data: links.
  if (!/^https?:\/\//i.test(url)) throw new Error("An email action must be an http(s) URL.");
}

function paragraph(text: string, style = ""): string {
  return `<p style="margin:0 0 16px;${style}">${escapeHtml(text)}</p>`;
}

/**
 * Every email Sealpost sends (notification, receipt, reset, device code, invitation, notices) in the
 * organisation's branding, as HTML and plain text. Email clients drop <style> and external CSS unevenly, so the
 * HTML is one centred column with inline styles; text is dark on white (≥ 7:1), the button's label is white or
 * black, whichever contrasts with the brand colour, and the address under the button serves clients that hide
 * buttons and people who prefer to check a link before following it.
 */
export async function renderBrandedEmail(input: BrandedEmailInput): Promise<{ html: string; text: string }> {
  const brand = await getBranding();
  const t = getMessages(input.locale).email;
  const at = Math.min(input.actionAfter ?? input.paragraphs.length, input.paragraphs.length);
  const footer = input.footer ?? [];
  if (input.action) assertWebUrl(input.action.url);

  const textParts = [input.heading, "", ...input.paragraphs.slice(0, at).flatMap((p) => [p, ""])];
  if (input.action) textParts.push(`${input.action.label}:`, input.action.url, "");
  textParts.push(...input.paragraphs.slice(at).flatMap((p) => [p, ""]));
  if (footer.length > 0) textParts.push("--", ...footer, "");
  const text = textParts.join("\r\n");

  const button = input.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 12px;"><tr><td style="border-radius:6px;background:${brand.colour};">` +
      `<a href="${escapeHtml(input.action.url)}" style="display:inline-block;padding:12px 22px;font-family:${FONT};font-size:16px;font-weight:bold;color:${readableTextColour(brand.colour)};text-decoration:none;border-radius:6px;">${escapeHtml(input.action.label)}</a>` +
      `</td></tr></table>\n` +
      paragraph(t.buttonFallback, `font-size:13px;color:${MUTED};margin-bottom:4px;`) +
      `\n<p style="margin:0 0 16px;font-size:13px;word-break:break-all;"><a href="${escapeHtml(input.action.url)}" style="color:${TEXT};">${escapeHtml(input.action.url)}</a></p>`
    : "";
  const body = [...input.paragraphs.slice(0, at).map((p) => paragraph(p)), button, ...input.paragraphs.slice(at).map((p) => paragraph(p))]
    .filter(Boolean)
    .join("\n");
  const header = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.orgName)}" height="40" style="display:block;height:40px;width:auto;max-width:240px;border:0;">`
    : escapeHtml(brand.orgName);
  const footerHtml = footer.length
    ? `<tr><td style="padding:16px 28px;border-top:1px solid #e5e7eb;font-size:13px;line-height:1.5;color:${MUTED};">${footer.map((line) => escapeHtml(line)).join("<br>")}</td></tr>`
    : "";

  const html = `<!doctype html>
<html lang="${input.locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.heading)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(input.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border-top:6px solid ${brand.colour};font-family:${FONT};color:${TEXT};font-size:16px;line-height:1.5;">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e5e7eb;font-weight:bold;font-size:16px;color:${TEXT};">${header}</td></tr>
<tr><td style="padding:24px 28px;">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${TEXT};">${escapeHtml(input.heading)}</h1>
${body}
</td></tr>
${footerHtml}
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { html, text };
}
