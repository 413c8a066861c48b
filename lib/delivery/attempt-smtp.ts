import { getConfig } from "@/lib/config";
import { classifyError, type Classification } from "@/lib/delivery/classify-error";
import type { FailureClass } from "@/lib/delivery/failure-class";
import { fetchPresentedCertificate } from "@/lib/delivery/fetch-presented-certificate";
import { loadExtraCa } from "@/lib/delivery/load-extra-ca";
import { openSmtpSession, type SmtpFailure, type SmtpSessionOptions, type SmtpTimeouts } from "@/lib/delivery/open-smtp-session";
import type { CertificateDetails, TlsDetails } from "@/lib/delivery/read-tls-details";
import { createSmtpTranscript, type SmtpReply, type SmtpTranscript } from "@/lib/delivery/record-smtp-transcript";

export type AttemptSmtpInput = {
  /** MX host name: SNI and the name the certificate must carry. */
  host: string;
  /** One address of that host, resolved by the caller; one attempt never moves to another address. */
  address: string;
  port: number;
  /**
   * `verify`: STARTTLS required, TLS >= 1.2, trusted chain, MX name in a DNS SAN, never plaintext; for mail.
   * `opportunistic` (Postfix `may`): STARTTLS when offered, any certificate, plaintext otherwise; only for
   * content-free notifications.
   */
  mode: "verify" | "opportunistic";
  envelope: { from: string; to: string[] };
  /** Sent as is (dot-stuffed on the wire only); expected to use CRLF line ends. */
  message: Buffer;
  /** PEM CAs trusted besides Node's bundled roots; defaults to EXTRA_CA_FILE. */
  ca?: Buffer[];
  heloName: string;
  /** Milliseconds; each defaults to CONNECT_TIMEOUT, GREETING_TIMEOUT and SOCKET_TIMEOUT. */
  timeouts?: Partial<SmtpTimeouts>;
};

export type AttemptRecord = {
  startedAt: Date;
  durationMs: number;
  mxHost: string;
  mxIp: string;
  port: number;
  starttlsOffered: boolean | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  certSubject: string | null;
  certIssuer: string | null;
  certFingerprint: string | null;
  certValidFrom: Date | null;
  certValidTo: Date | null;
  /** Commands and replies in order; never message content. */
  smtpReplies: SmtpReply[];
  failureClass: FailureClass | null;
  /** Plain words for the sender and the audit trail. */
  failureDetail: string | null;
  outcome: "delivered" | "failed";
  /** Only a 5xx reply to RCPT or DATA: the address or message is wrong, not this MX. */
  permanent: boolean;
  /** Recipients refused while others were accepted (the message went to the others). */
  rejectedRecipients?: string[];
};

type SessionRun = { replies: SmtpReply[]; tls: TlsDetails | null; failure: SmtpFailure | null; rejected: string[] };

/** One delivery attempt to one MX address. Never throws for a delivery failure: the record says what happened. */
export async function attemptSmtp(input: AttemptSmtpInput): Promise<AttemptRecord> {
  const startedAt = new Date();
  const target = {
    host: input.host,
    address: input.address,
    port: input.port,
    heloName: input.heloName,
    timeouts: resolveTimeouts(input.timeouts),
  };
  const transcript = createSmtpTranscript();
  const level = input.mode === "verify" ? "verify" : "may";
  const ca = level === "verify" ? (input.ca ?? loadExtraCa()) : undefined;
  const first = await runSession({ ...target, tls: level, ca }, input, transcript);
  const starttlsOffered = transcript.starttlsOffered();
  let run = first;
  if (level === "may" && first.failure?.duringHandshake) {
    // Postfix `may`: "When the TLS handshake fails for an opportunistic TLS session, rather than give up on
    // mail delivery, the Postfix SMTP client retries the transaction with TLS disabled" (TLS_README).
    const plain = await runSession({ ...target, tls: "none" }, input, createSmtpTranscript());
    run = { ...plain, replies: [...first.replies, ...plain.replies] };
  }

  let classification: Classification | null = null;
  if (run.failure) {
    const failure = run.failure;
    if (failure.authorizationError && !failure.certificate) failure.certificate = await fetchPresentedCertificate(target);
    classification = classifyError({ ...failure, ...target, mxHost: input.host, starttlsOffered });
  }
  const cert: CertificateDetails | null = run.tls?.certificate ?? run.failure?.certificate ?? null;
  return {
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    mxHost: input.host,
    mxIp: input.address,
    port: input.port,
    starttlsOffered,
    tlsProtocol: run.tls?.tlsProtocol ?? null,
    tlsCipher: run.tls?.tlsCipher ?? null,
    certSubject: cert?.certSubject ?? null,
    certIssuer: cert?.certIssuer ?? null,
    certFingerprint: cert?.certFingerprint ?? null,
    certValidFrom: cert?.certValidFrom ?? null,
    certValidTo: cert?.certValidTo ?? null,
    smtpReplies: run.replies,
    failureClass: classification?.failureClass ?? null,
    failureDetail: classification?.detail ?? null,
    outcome: classification ? "failed" : "delivered",
    permanent: classification?.permanent ?? false,
    rejectedRecipients: run.rejected,
  };
}

async function runSession(opts: SmtpSessionOptions, input: AttemptSmtpInput, transcript: SmtpTranscript): Promise<SessionRun> {
  const opened = await openSmtpSession(opts, transcript);
  if (!opened.ok) return { replies: transcript.replies, tls: null, failure: opened.failure, rejected: [] };
  const { session } = opened;
  const sent = await session.send(input.envelope, input.message);
  await session.quit();
  return sent.ok
    ? { replies: transcript.replies, tls: session.tls, failure: null, rejected: sent.rejected }
    : { replies: transcript.replies, tls: session.tls, failure: sent.failure, rejected: [] };
}

function resolveTimeouts(given: Partial<SmtpTimeouts> | undefined): SmtpTimeouts {
  if (given?.connect !== undefined && given.greeting !== undefined && given.socket !== undefined) {
    return { connect: given.connect, greeting: given.greeting, socket: given.socket };
  }
  const config = getConfig();
  return {
    connect: given?.connect ?? config.CONNECT_TIMEOUT,
    greeting: given?.greeting ?? config.GREETING_TIMEOUT,
    socket: given?.socket ?? config.SOCKET_TIMEOUT,
  };
}
