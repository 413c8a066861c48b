/** The base32 secret in groups of four ("ABCD EFGH …"), easier to copy into an app by hand. Apps ignore spaces. */
export function formatTotpSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}
