import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from "smtp-server";
import { getConfig } from "@/lib/config";
import { describeError } from "@/lib/intake/describe-error";
import { normalizeAddress } from "@/lib/intake/normalize-recipients";
import { receiveSmtpMessage } from "@/lib/intake/receive-smtp-message";
import { recordIntakeRefusal, type IntakeRefusal } from "@/lib/intake/record-intake-refusal";
import { isInRelayNetworks, parseRelayNetworks } from "@/lib/intake/relay-networks";
import { authenticateSmtpLogin, sessionUser } from "@/lib/intake/smtp-auth";
import { SmtpReply, smtpReplies } from "@/lib/intake/smtp-reply";
import { loadSmtpTlsCredentials } from "@/lib/intake/smtp-tls-credentials";

// A client refused this often on one connection is probing, not misconfigured: close it (421) so it cannot
// fill the audit log through one connection.
const MAX_REFUSALS_PER_CONNECTION = 3;
const MAX_AUTH_FAILURES_PER_CONNECTION = 3;
// How long close() lets running transactions finish before it cuts connections with 421.
const CLOSE_GRACE_MS = 10_000;

type ConnectionState = { refusals: number; authFailures: number };
type Callback = (err?: Error | null) => void;

export type SmtpServerHandle = { port: number; close(): Promise<void> };

/**
 * The SMTP smart host. Relays for clients inside SMTP_RELAY_NETWORKS, and for senders who AUTH (after
 * STARTTLS) with their address and an API token. Replies 250 only once the message is sealed and committed.
 */
export async function startSmtpServer(opts: { host?: string; port?: number } = {}): Promise<SmtpServerHandle> {
  const config = getConfig();
  const networks = parseRelayNetworks(config.SMTP_RELAY_NETWORKS);
  const maxBytes = config.SMTP_MAX_MESSAGE_BYTES;
  const tls = await loadSmtpTlsCredentials();
  const states = new Map<string, ConnectionState>();
  const stateOf = (session: SMTPServerSession): ConnectionState => {
    let state = states.get(session.id);
    if (!state) states.set(session.id, (state = { refusals: 0, authFailures: 0 }));
    return state;
  };

  /** Audits the refusal (once per refused transaction or failed AUTH), then sends `reply`. */
  const refuse = async (session: SMTPServerSession, reply: SmtpReply, audit: Omit<IntakeRefusal, "replyCode" | "clientIp" | "userId">, callback: Callback) => {
    await recordIntakeRefusal({ ...audit, replyCode: reply.responseCode, clientIp: session.remoteAddress, userId: sessionUser(session)?.userId });
    callback(reply);
  };

  const server = new SMTPServer({
    name: config.SMTP_HOSTNAME,
    banner: "Sealpost",
    key: tls.key,
    cert: tls.cert,
    minVersion: "TLSv1.2",
    size: maxBytes,
    authMethods: ["PLAIN", "LOGIN"],
    // Relay networks send without AUTH; everyone else is stopped at MAIL FROM (onMailFrom below).
    authOptional: true,
    // RFC 4954 §4: PLAIN/LOGIN send the password (an API token) in the clear, so only after STARTTLS.
    allowInsecureAuth: false,
    // Messages carry no DSN or REQUIRETLS state through Sealpost, so do not offer them.
    hideDSN: true,
    hideREQUIRETLS: true,
    // Addresses are validated as ASCII email addresses; SMTPUTF8 would promise more than that.
    hideSMTPUTF8: true,
    maxClients: config.SMTP_MAX_CONNECTIONS,
    // Reverse DNS per connection adds latency and a dependency on the resolver, and nothing here uses the name.
    disableReverseLookup: true,
    closeTimeout: CLOSE_GRACE_MS,
    logger: false,

    onConnect(session, callback) {
      // Do not advertise AUTH before STARTTLS: the client would only get 538 for trying.
      session.disabledCommands = ["AUTH"];
      callback();
    },

    onSecure(_socket, session, callback) {
      session.disabledCommands = [];
      callback();
    },

    onAuth(auth: SMTPServerAuthentication, session, callback) {
      void (async () => {
        const state = stateOf(session);
        // RFC 4616 §2: acting for another identity (authzid) is not supported.
        const proxied = Boolean(auth.authzid && auth.authcid && auth.authzid.toLowerCase() !== auth.authcid.toLowerCase());
        const user = proxied ? null : await authenticateSmtpLogin(auth.username ?? "", auth.password ?? "");
        if (user) return callback(null, { user });
        state.authFailures += 1;
        const reply = state.authFailures >= MAX_AUTH_FAILURES_PER_CONNECTION ? smtpReplies.tooManyRefusals() : smtpReplies.invalidCredentials();
        await refuse(session, reply, { type: "user.sign_in_failed", reason: "invalid-credentials", outcome: "denied", details: { method: auth.method } }, callback);
      })().catch(() => callback(smtpReplies.tryLater()));
    },

    onMailFrom(address, session, callback) {
      const state = stateOf(session);
      const user = sessionUser(session);
      let reply: SmtpReply | null = null;
      let reason = "";
      if (user && address.address.toLowerCase() !== user.email.toLowerCase()) {
        [reply, reason] = [smtpReplies.senderNotOwned(user.email), "sender-not-owned"];
      } else if (!user && !isInRelayNetworks(session.remoteAddress, networks)) {
        [reply, reason] = [smtpReplies.authenticationRequired(), "authentication-required"];
      }
      if (!reply) return callback();
      state.refusals += 1;
      if (state.refusals > MAX_REFUSALS_PER_CONNECTION) [reply, reason] = [smtpReplies.tooManyRefusals(), "too-many-refusals"];
      void refuse(session, reply, { reason, outcome: "denied" }, callback);
    },

    onRcptTo(address, session, callback) {
      if (!normalizeAddress(address.address)) return callback(smtpReplies.badRecipient());
      const key = address.address.toLowerCase();
      const known = session.envelope.rcptTo.some((rcpt) => rcpt.address.toLowerCase() === key);
      if (!known && session.envelope.rcptTo.length >= config.SMTP_MAX_RECIPIENTS) {
        return callback(smtpReplies.tooManyRecipients(config.SMTP_MAX_RECIPIENTS));
      }
      callback();
    },

    onData(stream, session, callback) {
      receiveSmtpMessage(stream, session, { maxBytes, serverName: config.SMTP_HOSTNAME }).then(
        (outcome) => {
          if ("queuedAs" in outcome) return callback(null, `2.0.0 Ok: queued as ${outcome.queuedAs}`);
          void refuse(session, outcome.refusal, { reason: outcome.reason, outcome: "failure", details: outcome.details }, callback);
        },
        (error: unknown) => {
          // ECONNECTION: the client hung up mid-message; nothing was stored and there is no one to answer.
          if ((error as NodeJS.ErrnoException).code !== "ECONNECTION") {
            console.error(`sealpost smtp: DATA from ${session.remoteAddress} failed: ${describeError(error)}`);
          }
          callback(smtpReplies.tryLater());
        },
      );
    },

    onClose(session) {
      states.delete(session.id);
    },
  });
  // Connection-level errors (resets, TLS failures) are the client's problem; log the fact, never the data.
  server.on("error", (error: Error) => {
    if (!/ECONNRESET|EPIPE|socket hang up/i.test(error.message)) console.warn(`sealpost smtp: ${error.message}`);
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port ?? config.SMTP_PORT, opts.host ?? config.SMTP_HOST, () => {
      server.server.off("error", reject);
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : (opts.port ?? config.SMTP_PORT));
    });
  });
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

