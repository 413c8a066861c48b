/**
 * `value` when it is a path on this site, else "/". Callback URLs come from the query string, and an absolute
 * or protocol-relative one ("//evil.example") would turn sign-in into an open redirect.
 */
export function toLocalPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}
