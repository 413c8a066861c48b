import { openSmtpSession, type SmtpSessionOptions } from "@/lib/delivery/open-smtp-session";
import type { CertificateDetails } from "@/lib/delivery/read-tls-details";
import { createSmtpTranscript } from "@/lib/delivery/record-smtp-transcript";

/**
 * The certificate an MX presents, read over a second session that accepts any certificate (Postfix
 * `encrypt`) and sends nothing after EHLO. Node destroys a socket whose chain fails verification before the
 * certificate can be read, so this is how an untrusted or expired certificate gets recorded and its dates
 * explained. Null when that session fails too.
 */
export async function fetchPresentedCertificate(opts: Omit<SmtpSessionOptions, "tls" | "ca">): Promise<CertificateDetails | null> {
  const opened = await openSmtpSession({ ...opts, tls: "encrypt" }, createSmtpTranscript());
  if (!opened.ok) return null;
  await opened.session.quit();
  return opened.session.tls?.certificate ?? null;
}
