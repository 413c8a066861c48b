import type { Logger } from "nodemailer/lib/shared";

// SMTPConnection has no command/reply events; with `transactionLog: true` it hands every command it sends
// and every reply it reads to its logger (message content only with `debug: true`, which is never set),
// so a logger that pairs them is the transcript.

export type SmtpReply = { command: string; reply: string };

export type SmtpTranscript = {
  logger: Logger;
  replies: SmtpReply[];
  /** Whether the first EHLO reply (always plaintext) listed STARTTLS; null when no EHLO reply came. */
  starttlsOffered(): boolean | null;
};

// Labels for replies that answer no command line: the greeting, the reply after the message's final dot,
// and anything the server says out of turn (a 421 before closing, RFC 5321 §3.8).
const GREETING = "(connect)";
const END_OF_DATA = "(end of data)";
const UNSOLICITED = "(unsolicited)";

export function createSmtpTranscript(): SmtpTranscript {
  const replies: SmtpReply[] = [];
  // With PIPELINING several RCPT commands go out before their replies come back, in order (RFC 2920 §3.1).
  const pending: string[] = [];

  const debug = (entry: unknown, message: unknown) => {
    const tnx = typeof entry === "object" && entry !== null && "tnx" in entry ? entry.tnx : null;
    if (typeof message !== "string") return;
    if (tnx === "client") pending.push(message);
    if (tnx !== "server") return;
    const command = pending.shift() ?? (replies.length === 0 ? GREETING : UNSOLICITED);
    replies.push({ command, reply: message });
    if (command === "DATA" && message.startsWith("3")) pending.push(END_OF_DATA);
  };
  const ignore = () => undefined;
  const logger: Logger = { level: ignore, trace: ignore, debug, info: ignore, warn: ignore, error: ignore, fatal: ignore };

  return {
    logger,
    replies,
    starttlsOffered() {
      const ehlo = replies.find((r) => /^EHLO\b/i.test(r.command));
      return ehlo ? /^\d{3}[ -]STARTTLS\b/im.test(ehlo.reply) : null;
    },
  };
}
