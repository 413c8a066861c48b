import nodemailer from "nodemailer";
import { getConfig } from "@/lib/config";
import { deliverToDomain } from "@/lib/delivery/deliver-to-domain";
import { captureDevMail } from "@/lib/notify/capture-dev-mail";
import { composeNotificationMime, type NotificationMail } from "@/lib/notify/compose-notification-mime";

/** What an audit event may say about one connection made for a notification. */
export type AttemptSummary = {
  mxHost: string;
  mxIp: string;
  tlsProtocol: string | null;
  failureClass: string | null;
  failureDetail: string | null;
};

export type SendReport = {
  /** The notification counts as sent: a relay or MX accepted it, or the dev mailbox kept it. */
  sent: boolean;
  via: "relay" | "direct";
  /** A relay or MX accepted it. */
  delivered: boolean;
  capturedInDevMailbox: boolean;
  /** Direct delivery only: every connection made, for the audit trail. */
  attempts: AttemptSummary[];
  /** Why it was not delivered, content-free. */
  error: string | null;
};

/**
 * Sends a content-free notification: through SMTP_RELAY_URL when set, otherwise straight to the recipient's MX
 * with the `opportunistic` policy (STARTTLS when offered, plaintext otherwise, as Postfix `may`: acceptable only
 * because the mail carries no content). When the dev mailbox is on, a copy is kept there too, and that copy
 * alone counts as sent: the embedded default has no route to the internet.
 */
export async function sendNotificationMail(mail: NotificationMail, envelopeFrom: string): Promise<SendReport> {
  const config = getConfig();
  const raw = await composeNotificationMime(mail);
  const via = config.SMTP_RELAY_URL ? "relay" : "direct";
  const outcome = config.SMTP_RELAY_URL
    ? await sendThroughRelay(config.SMTP_RELAY_URL, raw, envelopeFrom, mail.to)
    : await sendDirect(raw, envelopeFrom, mail.to);
  let capturedInDevMailbox = false;
  if (config.devMailbox) {
    await captureDevMail({ envelopeFrom, envelopeTo: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    capturedInDevMailbox = true;
  }
  return { ...outcome, via, sent: outcome.delivered || capturedInDevMailbox, capturedInDevMailbox };
}

type TransportOutcome = { delivered: boolean; attempts: AttemptSummary[]; error: string | null };

async function sendThroughRelay(url: string, raw: Buffer, from: string, to: string): Promise<TransportOutcome> {
  const config = getConfig();
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: config.CONNECT_TIMEOUT,
    greetingTimeout: config.GREETING_TIMEOUT,
    socketTimeout: config.SOCKET_TIMEOUT,
  });
  try {
    await transport.sendMail({ envelope: { from, to: [to] }, raw });
    return { delivered: true, attempts: [], error: null };
  } catch (error) {
    return { delivered: false, attempts: [], error: `relay: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  } finally {
    transport.close();
  }
}

async function sendDirect(raw: Buffer, from: string, to: string): Promise<TransportOutcome> {
  const domain = to.slice(to.lastIndexOf("@") + 1).toLowerCase();
  const result = await deliverToDomain({ domain, envelope: { from, to: [to] }, message: raw, mode: "opportunistic" });
  const attempts = result.attempts.map((a) => ({
    mxHost: a.mxHost,
    mxIp: a.mxIp,
    tlsProtocol: a.tlsProtocol,
    failureClass: a.failureClass,
    failureDetail: a.failureDetail,
  }));
  if (result.delivered) return { delivered: true, attempts, error: null };
  const last = result.attempts.at(-1);
  const error = result.routeFailure
    ? `${result.routeFailure.failureClass}: ${result.routeFailure.detail}`
    : last
      ? `${last.failureClass ?? "failed"}: ${last.failureDetail ?? "no detail"}`
      : "no delivery attempt was made";
  return { delivered: false, attempts, error: error.slice(0, 500) };
}
