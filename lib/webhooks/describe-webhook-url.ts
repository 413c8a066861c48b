/**
 * The URL as shown in lists and the audit trail: scheme, host and path, without the query string, which
 * receivers sometimes use for their own tokens.
 */
export function describeWebhookUrl(href: string): string {
  try {
    const url = new URL(href);
    return `${url.protocol}//${url.host}${url.pathname}${url.search ? "?…" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}
