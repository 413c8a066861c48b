import { escapeHtml } from "@/lib/notify/escape-html";

export type MailLayoutInput = {
  orgName: string;
  /** The heading, plain text (escaped here). */
  title: string;
  /** Inner HTML; every interpolated value must already be escaped by the caller. */
  bodyHtml: string;
  /** Footer line, plain text (escaped here). */
  footer: string;
};

// Email clients ignore <style> blocks and external CSS unevenly, so styles are inline and the layout is a single
// presentation table. Colours meet WCAG AA contrast; the language is declared for screen readers.
export function renderMailLayout(input: MailLayoutInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;color:#111827;font-size:16px;line-height:1.5;">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e5e7eb;font-weight:bold;font-size:15px;color:#1e3a8a;">${escapeHtml(input.orgName)}</td></tr>
<tr><td style="padding:24px 28px;">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;">${escapeHtml(input.title)}</h1>
${input.bodyHtml}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e5e7eb;font-size:13px;color:#4b5563;">${escapeHtml(input.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** A link styled as a button, with the URL also written out below it for clients that hide buttons. */
export function renderButton(label: string, url: string): string {
  const href = escapeHtml(url);
  return `<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 22px;border-radius:6px;">${escapeHtml(label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#4b5563;word-break:break-all;">${escapeHtml(url)}</p>`;
}

export function renderParagraph(html: string): string {
  return `<p style="margin:0 0 16px;">${html}</p>`;
}
