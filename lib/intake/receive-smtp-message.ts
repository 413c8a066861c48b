import type { SMTPServerDataStream, SMTPServerSession } from "smtp-server";
import { acceptMessage } from "@/lib/intake/accept-message";
import { buildReceivedHeader } from "@/lib/intake/build-received-header";
import { describeError } from "@/lib/intake/describe-error";
import { findLineViolation } from "@/lib/intake/find-line-violation";
import { IntakeError } from "@/lib/intake/intake-error";
import { readMessageData } from "@/lib/intake/read-message-data";
import { sessionUser } from "@/lib/intake/smtp-auth";
import { smtpReplies, type SmtpReply } from "@/lib/intake/smtp-reply";
import { splitHeaderFields } from "@/lib/intake/split-header-fields";

export type SmtpDataOutcome =
  | { queuedAs: string }
  | { refusal: SmtpReply; reason: string; details: { sizeBytes: number; recipients: number } };

/**
 * Everything between "354" and the final reply: read the data, refuse what must not be relayed, then seal and
 * commit through acceptMessage. Resolves only after the commit, so the 250 that follows is a promise kept.
 */
export async function receiveSmtpMessage(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  limits: { maxBytes: number; serverName: string },
): Promise<SmtpDataOutcome> {
  const { data, bytes } = await readMessageData(stream, limits.maxBytes);
  const details = { sizeBytes: bytes, recipients: session.envelope.rcptTo.length };
  if (!data) return { refusal: smtpReplies.tooBig(limits.maxBytes), reason: "too-large", details };
  const violation = findLineViolation(data);
  if (violation === "bare-line-break") return { refusal: smtpReplies.bareLineBreak(), reason: violation, details };
  if (violation === "line-too-long") return { refusal: smtpReplies.lineTooLong(), reason: violation, details };

  const user = sessionUser(session);
  try {
    // Checked before our Received field is prepended, which would otherwise give any data a header block.
    splitHeaderFields(data);
  } catch (error) {
    if (error instanceof IntakeError) return { refusal: smtpReplies.malformed(error.message), reason: error.code, details };
    throw error;
  }
  const received = buildReceivedHeader({
    helo: session.hostNameAppearsAs || "",
    clientIp: session.remoteAddress,
    serverName: limits.serverName,
    protocol: session.transmissionType,
    at: new Date(),
  });
  try {
    const accepted = await acceptMessage({
      source: "smtp",
      raw: Buffer.concat([Buffer.from(received, "latin1"), data]),
      envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
      recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      senderUserId: user?.userId ?? null,
      clientIp: session.remoteAddress,
      actor: { type: "smtp-client", id: user?.tokenId ?? null },
    });
    return { queuedAs: accepted.messageId };
  } catch (error) {
    if (error instanceof IntakeError) return { refusal: smtpReplies.malformed(error.message), reason: error.code, details };
    // Database or key ring trouble: the client keeps the message and retries (451), and an operator needs to know.
    console.error(`sealpost smtp: could not store a message from ${session.remoteAddress}: ${describeError(error)}`);
    return { refusal: smtpReplies.tryLater(), reason: "temporary-failure", details };
  }
}
