import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import tls from "node:tls";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { checkCertificateName } from "@/lib/delivery/check-certificate-name";
import { describeCertificate, readTlsDetails, type CertificateDetails, type TlsDetails } from "@/lib/delivery/read-tls-details";
import type { SmtpTranscript } from "@/lib/delivery/record-smtp-transcript";

// One SMTP session with one MX address, up to the point where messages can be sent: connect, greeting,
// EHLO, STARTTLS and the TLS checks of the chosen level. Sending and quitting are separate steps so a
// later connection pool can send several messages over one session.

/**
 * Postfix's names (smtp_tls_security_level):
 * - `verify`: STARTTLS required, chain and MX host name verified (DNS SAN required); what mail content needs.
 * - `encrypt`: STARTTLS required, any certificate; only used to read the certificate a failed `verify` saw.
 * - `may`: STARTTLS when offered, any certificate, plaintext otherwise; only for content-free mail.
 * - `none`: plaintext; only the `may` retry after a failed handshake (Postfix TLS_README, "Opportunistic TLS").
 */
export type TlsLevel = "verify" | "encrypt" | "may" | "none";

export type SmtpTimeouts = { connect: number; greeting: number; socket: number };

export type SmtpSessionOptions = {
  /** The MX host name: SNI and the name the certificate must carry. */
  host: string;
  /** The address to connect to, already resolved by the caller. */
  address: string;
  port: number;
  heloName: string;
  tls: TlsLevel;
  /** PEM CAs trusted in addition to Node's bundled roots (`verify` only). */
  ca?: Buffer[];
  timeouts: SmtpTimeouts;
};

export type SmtpFailure = {
  error: SMTPConnection.SMTPError & { reason?: string };
  /** The error came while the TLS handshake after STARTTLS was running. */
  duringHandshake: boolean;
  /** Node's code for a failed chain or name check (`CERT_HAS_EXPIRED`, …), `verify` only. */
  authorizationError: string | null;
  /** The certificate the name check saw; set when the chain was trusted. */
  certificate: CertificateDetails | null;
};

export type SendResult = { ok: true; rejected: string[] } | { ok: false; failure: SmtpFailure };

export type SmtpSession = {
  /** Null when the session is plaintext. */
  tls: TlsDetails | null;
  send(envelope: { from: string; to: string[] }, message: Buffer): Promise<SendResult>;
  quit(): Promise<void>;
};

export type OpenSessionResult = { ok: true; session: SmtpSession } | { ok: false; failure: SmtpFailure };

const QUIT_GRACE_MS = 2_000;

export function openSmtpSession(opts: SmtpSessionOptions, transcript: SmtpTranscript): Promise<OpenSessionResult> {
  let seenCertificate: CertificateDetails | null = null;
  const conn = new SMTPConnection({
    host: opts.address,
    port: opts.port,
    name: opts.heloName,
    secure: false,
    // requireTLS sends STARTTLS even when EHLO did not list it and fails when the upgrade fails (never
    // falling back to plaintext); ignoreTLS and opportunisticTLS stay off for verify/encrypt.
    requireTLS: opts.tls === "verify" || opts.tls === "encrypt",
    opportunisticTLS: opts.tls === "may",
    ignoreTLS: opts.tls === "none",
    connectionTimeout: opts.timeouts.connect,
    greetingTimeout: opts.timeouts.greeting,
    socketTimeout: opts.timeouts.socket,
    logger: transcript.logger,
    transactionLog: true,
    tls: buildTlsOptions(opts, (cert) => (seenCertificate = cert)),
  });

  const describe = (error: SMTPConnection.SMTPError): SmtpFailure => {
    const socket = conn._socket;
    const handshaking = socket instanceof tls.TLSSocket && !conn.secure;
    const authorizationError: unknown = socket instanceof tls.TLSSocket ? socket.authorizationError : null;
    return {
      error,
      duringHandshake: handshaking,
      authorizationError: opts.tls === "verify" && handshaking && authorizationError ? String(authorizationError) : null,
      certificate: seenCertificate,
    };
  };

  // Every outcome arrives either through a callback or through the connection's 'error' event (a socket
  // error or timeout mid-command drops the callback), so each step waits for whichever comes first.
  let settle: ((failure: SmtpFailure) => void) | null = null;
  let ended = false;
  conn.on("error", (error) => {
    const pending = settle;
    settle = null;
    pending?.(describe(error));
  });
  conn.on("end", () => {
    ended = true;
    const pending = settle;
    settle = null;
    pending?.(describe(Object.assign(new Error("Connection closed unexpectedly"), { code: "ECONNECTION", command: "CONN" })));
  });

  const session: SmtpSession = {
    tls: null,
    send(envelope, message) {
      return new Promise((resolve) => {
        settle = (failure) => resolve({ ok: false, failure });
        conn.send({ from: envelope.from, to: envelope.to }, message, (error, info) => {
          if (!settle) return;
          settle = null;
          resolve(error ? { ok: false, failure: describe(error) } : { ok: true, rejected: info.rejected });
        });
      });
    },
    quit() {
      return new Promise((resolve) => {
        settle = null;
        if (ended) return resolve();
        const timer = setTimeout(() => conn.close(), Math.min(QUIT_GRACE_MS, opts.timeouts.socket));
        conn.once("end", () => {
          clearTimeout(timer);
          resolve();
        });
        conn.quit();
      });
    },
  };

  return new Promise((resolve) => {
    settle = (failure) => resolve({ ok: false, failure });
    conn.connect(() => {
      settle = null;
      const socket = conn._socket;
      const secured = conn.secure && socket instanceof tls.TLSSocket ? socket : null;
      // RFC 3207 §4.1 leaves the decision to go on without TLS to the client: under verify/encrypt
      // nothing past EHLO may be sent unless the session is encrypted (and verified), whatever led here.
      const tlsRequired = opts.tls === "verify" || opts.tls === "encrypt";
      if (tlsRequired && (!secured || (opts.tls === "verify" && !secured.authorized))) {
        conn.close();
        const error = Object.assign(new Error("The session is not encrypted after STARTTLS"), { code: "ENOTSECURE", command: "STARTTLS" });
        return resolve({ ok: false, failure: { error, duringHandshake: false, authorizationError: null, certificate: null } });
      }
      session.tls = secured ? readTlsDetails(secured) : null;
      resolve({ ok: true, session });
    });
  });
}

function buildTlsOptions(opts: SmtpSessionOptions, onCertificate: (cert: CertificateDetails) => void): tls.ConnectionOptions {
  // RFC 6066 §3: SNI carries host names only; for a transport-map IP the name check then uses that IP.
  const base = { minVersion: "TLSv1.2" as const, ...(isIP(opts.host) ? {} : { servername: opts.host }) };
  if (opts.tls !== "verify") return { ...base, rejectUnauthorized: false };
  return {
    ...base,
    rejectUnauthorized: true,
    ...(opts.ca?.length ? { secureContext: secureContextFor(opts.ca) } : {}),
    // Node calls this only after the chain verified; it is the one place the certificate of a session
    // that is about to be refused for its name can be read.
    checkServerIdentity: (host, cert) => {
      onCertificate(describeCertificate(new X509Certificate(cert.raw)));
      return checkCertificateName(host, cert);
    },
  };
}

const secureContexts = new Map<string, tls.SecureContext>();

/**
 * A custom `ca` replaces Node's store instead of adding to it, so the bundled roots go along. Parsing those
 * ~150 roots costs tens of milliseconds, so each distinct CA set gets one context, reused by every session.
 * With `secureContext` given, Node ignores per-connection context options: the version floor lives here too.
 */
function secureContextFor(ca: Buffer[]): tls.SecureContext {
  const key = ca.map((pem) => pem.toString("latin1")).join("\n");
  let context = secureContexts.get(key);
  if (!context) {
    context = tls.createSecureContext({ minVersion: "TLSv1.2", ca: [...tls.rootCertificates, ...ca] });
    secureContexts.set(key, context);
  }
  return context;
}
